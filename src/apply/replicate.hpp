#pragma once
// Refreshing a replica: the live copy's new snapshot sent into a read-only
// standby on another node, while the application runs on.
#include "apply/transfer.hpp"
#include "apply/volume_sender.hpp"
#include "plan/model.hpp"
#include "remote/host.hpp"
#include "util/clock.hpp"

namespace flocker {

// REQUIRES: step.kind is CreateReplica or RefreshReplica; from is
// step.source_node (the live copy), to is step.node (the replica).
// Per volume: snapshot flocker-N on the live copy (one an earlier step of the
// plan took is used), send it whole or from the newest common snapshot (a
// cut OpenZFS receive is resumed first), make the copy a read-only standby
// naming the live node as owner, and check that both sides hold @flocker-N
// with one guid. Then prune flocker's older snapshots: on the replica all but
// @flocker-N, on the live copy those the plan found no other copy builds on.
// The live copy is only snapshotted and read; the container is not touched.
// A failure, or a stop request (which cuts a running stream), leaves the
// replica at its previous snapshot (or, on OpenZFS, a resumable receive).
Status execute_replication(Host& from, Host& to, const Step& step, Clock& clock, const ProgressFn& progress,
                           const StopRequested& stop = {});

}  // namespace flocker
