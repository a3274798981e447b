#pragma once
// Moving an application and its data from one node to another, with the
// container stopped only for the last small increment.
#include <functional>
#include <string>

#include "plan/model.hpp"
#include "remote/host.hpp"

namespace flocker {

using ProgressFn = std::function<void(const std::string& message)>;

// REQUIRES: step.kind == MoveApplication, from is step.source_node, to is step.node.
// The source's data is only ever read and snapshotted. A failure before the
// container stops leaves it running; a failure after starts it again on the
// source, and the error says so.
Status execute_move(Host& from, Host& to, const Step& step, const ProgressFn& progress);

}  // namespace flocker
