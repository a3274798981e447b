#pragma once
// Replicas: the standbys an application keeps on the nodes its `replicas`
// names, how far behind each is, and the steps that bring them within
// max_lag. Pure: the clock is each live node's, as observed.
#include <optional>
#include <string>
#include <vector>

#include "manifest/model.hpp"
#include "plan/model.hpp"
#include "state/model.hpp"

namespace flocker {

// One volume of one replica, as the nodes hold it now.
struct ReplicaVolume {
  std::string app;
  std::string volume;
  std::string node;       // the replica's
  std::string live_node;  // the node holding the live copy; empty when there is none yet
  std::string dataset;    // on the replica's node
  bool exists = false;
  std::string snapshot;         // the newest snapshot it shares with the live copy; empty: none
  long long snapshot_time = 0;  // that snapshot's creation, seconds since the epoch; 0: unknown
  // The live node's clock minus snapshot_time; unknown without a shared
  // snapshot or a clock.
  std::optional<long long> lag_seconds;
  long long max_lag_seconds = 0;
  // OpenZFS: what the live copy wrote after that snapshot; zfs-fuse cannot tell.
  std::optional<unsigned long long> unreplicated_bytes;
  // Why it cannot be refreshed (it diverged, or shares no snapshot); empty when it can.
  std::string problem;
  std::string hint;

  // Within its bound: it exists, can be refreshed, and its lag is known and at most max_lag.
  bool within_bound() const {
    return exists && problem.empty() && lag_seconds && *lag_seconds <= max_lag_seconds;
  }
};

// Every replica volume the manifest asks for, in application, node, volume
// order; a row whose live copy cannot be found (none yet, its node did not
// answer, or ownership is ambiguous) has no live_node. A replica on the node
// holding the live copy is not one (it is the live copy).
std::vector<ReplicaVolume> replica_volumes(const Manifest& manifest, const Observed& observed);

// When a replica is refreshed: once its lag passes due_fraction × max_lag
// (1 for plan and apply; `flocker replicate` refreshes at half, as arrays
// replicate at half their recovery point objective), or always (`--all`).
struct ReplicaPolicy {
  double due_fraction = 1.0;
  bool all = false;
};

// What this plan does to an application's live data before its replicas are
// refreshed: the moves that make the deployed node live (empty: none), and
// the volumes whose datasets this plan creates.
struct LiveDataChange {
  std::string moved_from;
  std::vector<VolumeMove> moves;
  std::vector<std::string> created_volumes;
};

struct ReplicaSteps {
  std::vector<Step> steps;         // create_replica and refresh_replica, by application and node
  std::vector<std::string> notes;  // replicas that cannot be refreshed, and why
};

// The replica steps of an application deployed on `node` (after whatever
// `change` does there), for the nodes of its `replicas` that lack a copy or
// are due. A replica that diverged or shares no snapshot with the live copy
// is left alone, with a note listing both sides' snapshots.
ReplicaSteps plan_replicas(const Manifest& manifest, const Observed& observed, const AppSpec& app,
                           const std::string& node, const LiveDataChange& change,
                           const ReplicaPolicy& policy);

// `flocker replicate`: the replica steps of every application whose live
// data is where the manifest deploys it, for the nodes that answered. An
// application still to be created or moved is left to `flocker apply`, with
// a note. Nodes that did not answer are skipped, with a note, and nothing is
// pruned while any node holding a copy may be unseen.
ReplicaSteps plan_replication(const Manifest& manifest, const Observed& observed,
                              const ReplicaPolicy& policy);

// The snapshots of `live` that other copies of the volume (every node but
// `except`) hold as their newest in common with it: what pruning must leave.
std::vector<std::string> snapshots_others_need(const Manifest& manifest, const Observed& observed,
                                               const std::string& app, const std::string& volume,
                                               const DatasetState& live,
                                               const std::vector<std::string>& except);

}  // namespace flocker
