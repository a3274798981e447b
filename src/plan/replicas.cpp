#include "plan/replicas.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "plan/container_config.hpp"
#include "plan/copies.hpp"
#include "plan/stream_stages.hpp"
#include "state/trusted_names.hpp"
#include "util/duration.hpp"

namespace flocker {

namespace {

const VolumeCopy* copy_on(const std::vector<VolumeCopy>& copies, const std::string& node) {
  auto it = std::ranges::find(copies, node, &VolumeCopy::node);
  return it == copies.end() ? nullptr : &*it;
}

long long node_clock(const Observed& observed, const std::string& node) {
  auto it = observed.nodes.find(node);
  return it == observed.nodes.end() ? 0 : it->second.clock;
}

bool is_openzfs(const Observed& observed, const std::string& node) {
  auto it = observed.nodes.find(node);
  return it != observed.nodes.end() && it->second.flavour == ZfsFlavour::OpenZfs;
}

// A snapshot taken "in the future" says the clock was stepped back (or lies):
// its lag is unknown, so the replica is due, rather than fresh for the whole skew.
constexpr long long kClockTolerance = 60;

// The lag of a replica whose newest common snapshot is `shared` (as the
// replica lists it), by the live copy's own record of that snapshot.
std::optional<long long> lag_of(long long clock, const DatasetState& live, const SnapshotState& shared) {
  auto own = std::ranges::find(live.snapshots, shared.guid, &SnapshotState::guid);
  if (own == live.snapshots.end() || clock <= 0 || own->creation <= 0 ||
      own->creation > clock + kClockTolerance)
    return std::nullopt;
  return std::max(0LL, clock - own->creation);
}

int next_number(const std::vector<VolumeCopy>& copies) {
  int next = 1;
  for (const auto& copy : copies) next = std::max(next, next_snapshot_number(*copy.dataset, nullptr));
  return next;
}

std::vector<std::string> flocker_snapshots(const DatasetState* dataset,
                                           const std::vector<std::string>& keep) {
  std::vector<std::string> names;
  if (dataset == nullptr) return names;
  for (const auto& snapshot : dataset->snapshots)
    if (is_flocker_snapshot(snapshot.name) && std::ranges::find(keep, snapshot.name) == keep.end())
      names.push_back(snapshot.name);
  return names;
}

// The plan's words for a replica that is left alone.
std::string cannot_refresh(const AppSpec& app, const std::string& node, const std::string& volume,
                           const Error& why) {
  return fmt::format("replica of {} on {} (volume \"{}\") is not refreshed: {}\n      {}", app.name, node,
                     volume, why.message, why.hint);
}

}  // namespace

ReplicaSteps plan_replication(const Manifest& manifest, const Observed& observed,
                              const ReplicaPolicy& policy) {
  ReplicaSteps result;
  for (const auto& name : manifest.start_order) {
    const auto& app = manifest.applications.at(name);
    if (app.replicas.empty() || app.volumes.empty()) continue;
    const auto& node = manifest.node_of(name);
    auto it = observed.nodes.find(node);
    const bool seen = it != observed.nodes.end() && it->second.ok();
    std::string elsewhere;
    bool missing = false;
    for (const auto& volume : app.volumes) {
      auto live = live_copy(find_copies(manifest, observed, name, volume.name), name, volume.name);
      if (!live) {
        elsewhere = live.error().message;
        break;
      }
      if (!*live)
        missing = true;
      else if ((*live)->node != node || (*live)->claim_pending)
        elsewhere = fmt::format("its data is on {}, and it is deployed on {}", (*live)->node, node);
    }
    if (!seen)
      result.notes.push_back(
          fmt::format("the replicas of {} are not refreshed: {} cannot be reached", name, node));
    else if (!elsewhere.empty())
      result.notes.push_back(
          fmt::format("the replicas of {} are not refreshed: {}; `flocker apply` first", name, elsewhere));
    else if (missing)
      result.notes.push_back(fmt::format(
          "the replicas of {} are not refreshed: it has no data on {} yet; `flocker apply` creates it", name,
          node));
    if (!seen || !elsewhere.empty() || missing) continue;
    auto steps = plan_replicas(manifest, observed, app, node, {}, policy);
    std::ranges::move(steps.steps, std::back_inserter(result.steps));
    std::ranges::move(steps.notes, std::back_inserter(result.notes));
  }
  return result;
}

std::vector<std::string> snapshots_others_need(const Manifest& manifest, const Observed& observed,
                                               const std::string& app, const std::string& volume,
                                               const DatasetState& live,
                                               const std::vector<std::string>& except) {
  std::set<std::string> needed;
  for (const auto& copy : find_copies(manifest, observed, app, volume)) {
    if (std::ranges::find(except, copy.node) != except.end() || copy.dataset == &live) continue;
    // Newest first: the first of the copy's snapshots the live copy holds
    // too, by guid, named as the live copy names it (a copy may rename its own).
    const SnapshotState* base = nullptr;
    for (auto it = copy.dataset->snapshots.rbegin(); it != copy.dataset->snapshots.rend() && !base; ++it)
      if (auto shared = std::ranges::find(live.snapshots, it->guid, &SnapshotState::guid);
          shared != live.snapshots.end())
        base = &*shared;
    if (base != nullptr) needed.insert(base->name);
    // An interrupted receive resumes from a snapshot after its base, which
    // the token names but the plan cannot read: all of them stay.
    if (!copy.dataset->resume_token.empty())
      for (const auto& snapshot : live.snapshots)
        if (base == nullptr || snapshot.createtxg > base->createtxg) needed.insert(snapshot.name);
  }
  return {needed.begin(), needed.end()};
}

std::vector<ReplicaVolume> replica_volumes(const Manifest& manifest, const Observed& observed) {
  std::vector<ReplicaVolume> rows;
  for (const auto& [name, app] : manifest.applications) {
    for (const auto& replica : app.replicas) {
      for (const auto& volume : app.volumes) {
        const auto copies = find_copies(manifest, observed, name, volume.name);
        auto live = live_copy(copies, name, volume.name);
        const VolumeCopy* here = copy_on(copies, replica.node);
        // The copy that runs is no replica of itself (a move to a replica).
        if (live && *live && (*live)->node == replica.node) continue;
        ReplicaVolume row{
            .app = name,
            .volume = volume.name,
            .node = replica.node,
            .dataset = dataset_name(manifest.nodes.at(replica.node).zfs_root, name, volume.name),
            .exists = here != nullptr,
            .max_lag_seconds = app.max_lag_seconds};
        if (!live || !*live) {
          rows.push_back(std::move(row));
          continue;
        }
        const VolumeCopy& source = **live;
        row.live_node = source.node;
        if (here != nullptr) {
          auto base = common_base(*source.dataset, source.node, *here->dataset, replica.node);
          if (!base) {
            row.problem = base.error().message;
            row.hint = base.error().hint;
          } else if (!*base) {
            row.problem = fmt::format("the copy on {} holds no snapshot to build on", replica.node);
            row.hint = fmt::format("destroy it (zfs destroy -r {}) and flocker sends it whole", row.dataset);
          } else {
            row.snapshot = (*base)->name;
            row.snapshot_time = (*base)->creation;
            row.lag_seconds = lag_of(node_clock(observed, source.node), *source.dataset, **base);
            if (is_openzfs(observed, source.node))
              row.unreplicated_bytes = written_since(*source.dataset, row.snapshot);
          }
        }
        rows.push_back(std::move(row));
      }
    }
  }
  return rows;
}

ReplicaSteps plan_replicas(const Manifest& manifest, const Observed& observed, const AppSpec& app,
                           const std::string& node, const LiveDataChange& change,
                           const ReplicaPolicy& policy) {
  ReplicaSteps result;
  if (app.replicas.empty() || app.volumes.empty()) return result;
  auto reachable = [&](const std::string& name) {
    auto it = observed.nodes.find(name);
    return it != observed.nodes.end() && it->second.ok();
  };
  if (!reachable(node) || (!change.moved_from.empty() && !reachable(change.moved_from))) {
    result.notes.push_back(
        fmt::format("the replicas of {} are not refreshed: {} cannot be reached", app.name, node));
    return result;
  }
  // A copy on a node that cannot be seen may build on any snapshot: nothing is pruned.
  const bool all_seen =
      std::ranges::all_of(manifest.nodes, [&](const auto& entry) { return reachable(entry.first); });
  const auto& live_spec = manifest.nodes.at(node);
  const auto& live_state = observed.nodes.at(node);
  const bool moving = !change.moved_from.empty();
  for (const auto& replica : app.replicas) {
    // The node it runs on holds the live copy; the node a move leaves holds
    // the move's last snapshot, as fresh as a replica gets.
    if (replica.node == node || replica.node == change.moved_from) continue;
    if (!reachable(replica.node)) {
      auto it = observed.nodes.find(replica.node);
      result.notes.push_back(fmt::format(
          "the replica of {} on {} is not refreshed: {} cannot be reached{}", app.name, replica.node,
          replica.node,
          it == observed.nodes.end() || it->second.error.empty() ? "" : " (" + it->second.error + ")"));
      continue;
    }
    const auto& replica_spec = manifest.nodes.at(replica.node);
    const auto& replica_state = observed.nodes.at(replica.node);
    Step step{.node = replica.node, .app = app.name, .target = app.name, .source_node = node};
    bool due = policy.all, missing_all = true, any_missing = false;
    std::optional<long long> worst_lag;
    bool lag_unknown = false;
    std::string newest_common;
    std::vector<std::string> problems;
    for (const auto& volume : app.volumes) {
      const auto copies = find_copies(manifest, observed, app.name, volume.name);
      auto live = live_copy(copies, app.name, volume.name);
      if (!live) return result;  // diff refuses the whole plan already
      const bool created =
          std::ranges::find(change.created_volumes, volume.name) != change.created_volumes.end();
      const auto move = std::ranges::find(change.moves, volume.name, &VolumeMove::volume);
      const bool volume_moves = moving && move != change.moves.end();
      // The live copy once the steps before this one ran: the deployed node's.
      const DatasetState* live_after = nullptr;
      if (volume_moves) {
        if (const auto* standby = copy_on(copies, node)) live_after = standby->dataset;
      } else if (!created && *live) {
        // Only from the node that holds the live copy, claimed: a replica is
        // never refreshed from a standby (the data moved since it was planned).
        if ((*live)->node != node || (*live)->claim_pending) {
          result.notes.push_back(
              fmt::format("the replicas of {} are not refreshed: its data is on {}, and it "
                          "is deployed on {}; `flocker apply` first",
                          app.name, (*live)->node, node));
          return result;
        }
        live_after = (*live)->dataset;
      }
      const VolumeCopy* here = copy_on(copies, replica.node);
      VolumeMove transfer{.volume = volume.name,
                          .source = dataset_name(live_spec.zfs_root, app.name, volume.name),
                          .target = dataset_name(replica_spec.zfs_root, app.name, volume.name),
                          .target_exists = here != nullptr,
                          .next_snapshot = volume_moves ? move->next_snapshot + 2 : next_number(copies),
                          .generation = volume_moves ? move->generation + 1
                                        : created    ? 1
                                                     : (*live)->dataset->generation};
      if (live_after != nullptr) {
        transfer.keep = snapshots_others_need(manifest, observed, app.name, volume.name, *live_after,
                                              {node, replica.node});
        // The node a move leaves shares the move's last snapshot with the new live copy.
        if (volume_moves) transfer.keep.push_back(snapshot_name(move->next_snapshot + 1));
        if (all_seen) transfer.prune_source = flocker_snapshots(live_after, transfer.keep);
      }
      if (here == nullptr) {
        any_missing = true;
        if (live_after != nullptr) transfer.estimated_bytes = live_after->used;
        step.moves.push_back(std::move(transfer));
        continue;
      }
      missing_all = false;
      if (live_after == nullptr) {
        problems.push_back(cannot_refresh(
            app, replica.node, volume.name,
            Error{fmt::format("it shares no snapshot with the copy on {} that becomes live", node),
                  fmt::format("if that copy is not wanted, destroy it (zfs destroy -r {}) and flocker sends "
                              "it whole",
                              transfer.target)}));
        continue;
      }
      auto base = common_base(*live_after, node, *here->dataset, replica.node);
      if (base && !*base && !here->dataset->resume_token.empty()) {
        // A first copy cut mid-stream (OpenZFS): resumed, then built on.
        transfer.resume_token = here->dataset->resume_token;
        transfer.estimated_bytes = live_after->used;
        any_missing = true;
        step.moves.push_back(std::move(transfer));
        continue;
      }
      if (!base || !*base) {
        problems.push_back(cannot_refresh(
            app, replica.node, volume.name,
            base ? Error{fmt::format("the copy on {} holds no snapshot to build on", replica.node),
                         fmt::format("destroy it (zfs destroy -r {}) and flocker sends it whole",
                                     transfer.target)}
                 : base.error()));
        continue;
      }
      transfer.base = (*base)->name;
      newest_common = transfer.base;
      transfer.resume_token = here->dataset->resume_token;
      if (all_seen) transfer.prune_target = flocker_snapshots(here->dataset, transfer.keep);
      if (live_state.flavour == ZfsFlavour::OpenZfs && !volume_moves)
        transfer.estimated_bytes = written_since(*live_after, transfer.base).value_or(0);
      auto lag = lag_of(live_state.clock, *live_after, **base);
      if (!lag) lag_unknown = true;
      if (lag && (!worst_lag || *lag > *worst_lag)) worst_lag = lag;
      if (!lag || static_cast<double>(*lag) > policy.due_fraction * static_cast<double>(app.max_lag_seconds))
        due = true;
      step.moves.push_back(std::move(transfer));
    }
    std::ranges::move(problems, std::back_inserter(result.notes));
    // A replica is refreshed whole or not at all: its volumes stay one point in time.
    if (!problems.empty() || (!any_missing && !due)) continue;
    step.lag = {.seconds = lag_unknown ? std::nullopt : worst_lag, .max_seconds = app.max_lag_seconds};
    step.direct = manifest.transfer.mode == Transport::Direct;
    step.openzfs_streams =
        live_state.flavour == ZfsFlavour::OpenZfs && replica_state.flavour == ZfsFlavour::OpenZfs;
    step.transfer_address = step.direct ? replica_spec.transfer_address : TransferAddress{};
    auto stages = choose_stream_stages(manifest.transfer, {.source_node = node,
                                                           .source = live_state.tools,
                                                           .target_node = replica.node,
                                                           .target = replica_state.tools,
                                                           .compressed_send = step.openzfs_streams});
    if (!stages) {
      result.notes.push_back(cannot_refresh(app, replica.node, app.volumes.front().name, stages.error()));
      continue;
    }
    step.stream = *stages;
    if (missing_all) {
      step.kind = StepKind::CreateReplica;
      step.reason_code = ReasonCode::ReplicaMissing;
      step.reason = fmt::format("{} keeps a replica on {} (replicas), which holds no copy of it yet",
                                app.name, replica.node);
    } else {
      step.kind = StepKind::RefreshReplica;
      const bool behind = any_missing || lag_unknown ||
                          static_cast<double>(worst_lag.value_or(0)) >
                              policy.due_fraction * static_cast<double>(app.max_lag_seconds);
      step.reason_code = behind ? ReasonCode::ReplicaBehind : ReasonCode::ReplicaRequested;
      if (any_missing)
        step.reason = fmt::format("the replica on {} lacks some of {}'s volumes", replica.node, app.name);
      else if (lag_unknown)
        step.reason = fmt::format("the age of its newest snapshot in common with {} (@{}) is unknown", node,
                                  newest_common);
      else if (behind)
        step.reason =
            fmt::format("its newest snapshot in common with {} (@{}) is {} old, max_lag {}{}", node,
                        newest_common, format_duration(*worst_lag), format_duration(app.max_lag_seconds),
                        policy.due_fraction < 1.0 ? " (refreshed at half of it)" : "");
      else
        step.reason =
            fmt::format("every replica was asked for (--all); it is {} behind", format_duration(*worst_lag));
    }
    result.steps.push_back(std::move(step));
  }
  return result;
}

}  // namespace flocker
