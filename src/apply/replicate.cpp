#include "apply/replicate.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "apply/busy_retry.hpp"
#include "apply/move_names.hpp"
#include "apply/steps.hpp"
#include "plan/copies.hpp"
#include "remote/zfs_commands.hpp"
#include "remote/zfs_errors.hpp"
#include "state/trusted_names.hpp"
#include "util/text.hpp"

namespace flocker {

namespace {

class Replicator {
 public:
  Replicator(Host& from, Host& to, const Step& step, Clock& clock, const ProgressFn& progress,
             const StopRequested& stop)
      : from_(from), to_(to), step_(step), clock_(clock), sender_(from, to, step, clock, progress, stop) {}

  Status run() {
    if (auto named = check_move_names(step_); !named) return named;
    const auto started = clock_.now();
    // Every volume's snapshot first, moments apart, then the sends (which
    // may take hours): the replica's volumes are one point in time, as a
    // database with its log and its data on two volumes needs.
    for (const auto& move : step_.moves)
      if (auto taken = sender_.take_snapshot(move, snapshot_name(move.next_snapshot), true); !taken)
        return std::unexpected(failed(taken.error()));
    for (const auto& move : step_.moves)
      if (auto sent = send(move); !sent) return std::unexpected(failed(sent.error()));
    sender_.release_holds();
    for (const auto& move : step_.moves) prune(move);
    sender_.report({.kind = ProgressKind::Replicated,
                    .node = to_.node(),
                    .snapshot = snapshot_name(step_.moves.empty() ? 0 : step_.moves.front().next_snapshot),
                    .name = step_.app,
                    .seconds = clock_.seconds_since(started)});
    return {};
  }

  void finish() {
    sender_.close_links();
    sender_.release_holds();
  }

 private:
  Status send(const VolumeMove& move) {
    if (sender_.stopping()) return fail("stopped as asked before sending " + move.source);
    if (!move.resume_token.empty())
      if (auto resumed = sender_.resume(move); !resumed) return resumed;
    const auto& base = sender_.base(move);
    const auto snapshot = snapshot_name(move.next_snapshot);
    if (auto held = sender_.hold_both(move, base); !held) return held;
    auto sent = sender_.transfer(move, base, snapshot, "replica", true, VolumeSender::Snapshot::Taken);
    if (!sent) {
      if (sender_.stopping()) return fail("stopped as asked (" + sent.error().message + ")");
      return std::unexpected(sent.error());
    }
    // A standby nothing may write, naming the live node: a plan that finds it
    // knows whose copy it is, and a move to it builds on @snapshot.
    for (const auto& [property, value] : std::initializer_list<std::pair<std::string, std::string>>{
             // flocker:app last: until it is set, a plan takes the copy for
             // one flocker does not manage (never destroyed), and refreshes it.
             {"readonly", "on"},
             {"flocker:volume", move.volume},
             {"flocker:generation", std::to_string(move.generation)},
             {"flocker:owner", from_.node()},
             {"flocker:app", step_.app}})
      if (auto set = run_checked(to_, zfs::set(move.target, property, value)); !set)
        return std::unexpected(set.error());
    auto source = run_checked(from_, zfs::get_guid(move.source, snapshot));
    if (!source) return std::unexpected(source.error());
    auto target = run_checked(to_, zfs::get_guid(move.target, snapshot));
    if (!target) return std::unexpected(target.error());
    if (trim(source->out).empty() || trim(source->out) != trim(target->out))
      return fail(fmt::format("after the transfer, {}@{} on {} has guid {} but {}@{} on {} has guid {}",
                              move.source, snapshot, from_.node(), trim(source->out), move.target, snapshot,
                              to_.node(), trim(target->out)));
    return {};
  }

  // Older snapshots go once the new one is on both sides; only flocker's, and
  // never one the plan found another copy building on. A snapshot that will
  // not go (held, busy) stays until a later pass.
  void prune(const VolumeMove& move) {
    const auto snapshot = snapshot_name(move.next_snapshot);
    auto prunable = [&](const std::string& name) {
      return name != snapshot && is_flocker_snapshot(name) &&
             std::ranges::find(move.keep, name) == move.keep.end();
    };
    for (const auto& name : move.prune_target)
      if (prunable(name)) destroy(to_, move.target, name);
    for (const auto& name : move.prune_source)
      if (prunable(name)) destroy(from_, move.source, name);
  }

  // zfs-fuse calls a snapshot busy for a moment after a receive, in the words
  // it uses for a held one: there (flocker holds only on OpenZFS) both are
  // waited out a few seconds; a snapshot that still will not go stays.
  void destroy(Host& host, const std::string& dataset, const std::string& snapshot) {
    const auto argv = zfs::destroy_snapshot(dataset, snapshot);
    for (int attempt = 1; attempt <= kBusyAttempts; ++attempt) {
      auto done = host.run(argv);
      if (!done || done->ok()) return;
      const auto failure = classify_zfs_failure(*done);
      if (failure != ZfsFailure::Busy && (failure != ZfsFailure::Held || sender_.openzfs())) return;
      clock_.sleep_for(kBusyPause);
    }
  }

  Error failed(Error cause) const {
    cause.message = fmt::format(
        "replicating {} to {}: {}; {} runs on untouched on {}, and the replica keeps "
        "its previous snapshot{}",
        step_.app, to_.node(), cause.message, step_.app, from_.node(),
        sender_.openzfs() ? " (a cut stream resumes next time)" : "");
    if (cause.hint.empty())
      cause.hint = "fix the cause and run `flocker replicate` (or `flocker apply`) again";
    return cause;
  }

  Host& from_;
  Host& to_;
  const Step& step_;
  Clock& clock_;
  VolumeSender sender_;
};

}  // namespace

Status execute_replication(Host& from, Host& to, const Step& step, Clock& clock, const ProgressFn& progress,
                           const StopRequested& stop) {
  Replicator replicator(from, to, step, clock, progress, stop);
  auto done = replicator.run();
  replicator.finish();
  return done;
}

}  // namespace flocker
