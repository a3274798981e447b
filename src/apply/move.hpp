#pragma once
// Moving an application and its data from one node to another, with the
// container stopped only for the last small increment.
#include <functional>
#include <string>

#include "apply/progress_fact.hpp"
#include "apply/transfer.hpp"
#include "plan/model.hpp"
#include "remote/host.hpp"
#include "util/clock.hpp"

namespace flocker {

struct ProgressUpdate {
  ProgressFact fact;  // cli/ words it (progress_text)
  // A transfer's running count: a terminal redraws it in place; elsewhere
  // only every few seconds is worth a line.
  bool transient = false;
  // A transfer's running count, for JSON: bytes sent so far, and the expected
  // total (0 when unknown).
  unsigned long long bytes = 0;
  unsigned long long total_bytes = 0;
};
using ProgressFn = std::function<void(const ProgressUpdate& update)>;

// REQUIRES: step.kind == MoveApplication, from is step.source_node, to is step.node.
// The source's data is only ever read and snapshotted. A failure before the
// container stops leaves it running; a failure after starts it again on the
// source, and the error says so.
// Once stop() is true (a stop request), a move still in its pre-copy ends
// there, failing with the container still running on the source and nothing
// handed over: a running pre-copy stream is cut as a lost connection would
// cut it. From the stop of the container to the hand-off, stop() is not asked:
// that part always runs to its end. clock: what durations (the downtime, a
// stream's rate) and the pace of progress reports are measured on.
Status execute_move(Host& from, Host& to, const Step& step, Clock& clock, const ProgressFn& progress,
                    const StopRequested& stop = {});

}  // namespace flocker
