#pragma once
// How a step's progress facts read, for people (apply_text_output) and in
// the "message" of JSON progress events (apply_json_output): apply/ reports
// what happened (ProgressFact), and this is where it is put into words.
#include <string>

#include "apply/progress_fact.hpp"
#include "plan/model.hpp"

namespace flocker {

// "pre-copy tank/flocker/web.www: 8.3 KiB in 0.2s (direct to node2, zstd-compressed)",
// "web runs on node2; it was stopped for 0.79s", … step: the step that reported it.
std::string progress_text(const ProgressFact& fact, const Step& step);

// The kind's name in JSON progress events ("fact"): "sent", "downtime", …
std::string_view progress_kind_name(ProgressKind kind);

}  // namespace flocker
