#pragma once
// Moving an application and its data from one node to another, with the
// container stopped only for the last small increment.
#include <functional>
#include <string>

#include "apply/transfer.hpp"
#include "apply/volume_sender.hpp"
#include "plan/model.hpp"
#include "remote/host.hpp"
#include "util/clock.hpp"

namespace flocker {

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
