#include "apply/move.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "apply/busy_retry.hpp"
#include "apply/move_names.hpp"
#include "apply/steps.hpp"
#include "apply/volume_sender.hpp"
#include "plan/copies.hpp"
#include "remote/docker_commands.hpp"
#include "remote/docker_errors.hpp"
#include "remote/zfs_commands.hpp"
#include "remote/zfs_errors.hpp"
#include "state/trusted_names.hpp"
#include "util/text.hpp"

namespace flocker {

namespace {

class Mover {
 public:
  Mover(Host& from, Host& to, const Step& step, Clock& clock, const ProgressFn& progress,
        const StopRequested& stop)
      : from_(from), to_(to), step_(step), clock_(clock), sender_(from, to, step, clock, progress, stop) {}

  Status run();
  // Revokes the direct links' one-time keys and releases the holds this move
  // took (also after a failure); a failure is reported, not fatal.
  void finish() {
    sender_.close_links();
    sender_.release_holds();
  }

 private:
  std::string pre(const VolumeMove& move) const { return snapshot_name(move.next_snapshot); }
  std::string final(const VolumeMove& move) const { return snapshot_name(move.next_snapshot + 1); }

  Status pre_copy();
  Status final_increment();
  Status refresh_mount(const VolumeMove& move);
  bool stopping() { return sender_.stopping(); }
  Error stopped_error(std::string_view when, const std::string& detail) const;
  bool openzfs() const { return step_.openzfs_streams; }
  Status verify(const VolumeMove& move);
  Status release_source();
  Status claim_target();
  void prune();
  // After a failure once the container was stopped: start it again on the source.
  Error restart_on_source(Error cause);
  void report(ProgressFact fact) const { sender_.report(std::move(fact)); }

  Host& from_;
  Host& to_;
  const Step& step_;
  Clock& clock_;
  VolumeSender sender_;
  bool source_split_ = false;  // some volumes were handed over and could not be taken back
};

Status Mover::verify(const VolumeMove& move) {
  auto source = run_checked(from_, zfs::get_guid(move.source, final(move)));
  if (!source) return std::unexpected(source.error());
  auto target = run_checked(to_, zfs::get_guid(move.target, final(move)));
  if (!target) return std::unexpected(target.error());
  if (trim(source->out) != trim(target->out) || trim(source->out).empty())
    return fail(fmt::format("after the transfer, {}@{} on {} has guid {} but {}@{} on {} has guid {}",
                            move.source, final(move), from_.node(), trim(source->out), move.target,
                            final(move), to_.node(), trim(target->out)));
  return {};
}

Status Mover::release_source() {
  // First every volume becomes read-only with the new generation: nothing
  // writes the source while it still counts as live.
  for (const auto& move : step_.moves)
    for (const auto& [property, value] : std::initializer_list<std::pair<std::string, std::string>>{
             {"readonly", "on"}, {"flocker:generation", std::to_string(move.generation + 1)}})
      if (auto set = run_checked(from_, zfs::set(move.source, property, value)); !set)
        return std::unexpected(set.error());
  // Then flocker:owner, the change that makes the target live. All volumes go
  // or none: if one fails, those already handed over are taken back.
  std::vector<const VolumeMove*> handed;
  for (const auto& move : step_.moves) {
    auto set = run_checked(from_, zfs::set(move.source, "flocker:owner", to_.node()));
    if (set) {
      handed.push_back(&move);
      continue;
    }
    for (const auto* back : handed)
      if (!run_checked(from_, zfs::set(back->source, "flocker:owner", from_.node()))) source_split_ = true;
    return std::unexpected(set.error());
  }
  return {};
}

Status Mover::claim_target() {
  for (const auto& move : step_.moves)
    if (auto claimed = claim_copy(to_, move.target, step_.app, move.volume, move.generation + 1); !claimed)
      return claimed;
  return {};
}

void Mover::prune() {
  sender_.release_holds();
  // Keep the final snapshot, the newest one both sides hold: the next move
  // (back) sends only what changed after it; and those other copies (replicas,
  // standbys) build on. Only flocker's own snapshots: a common base may be
  // one a person took.
  for (const auto& move : step_.moves)
    for (const auto& snapshot : {move.base, sender_.base(move), pre(move)}) {
      if (!is_flocker_snapshot(snapshot) || std::ranges::find(move.keep, snapshot) != move.keep.end())
        continue;
      (void)from_.run(zfs::destroy_snapshot(move.source, snapshot));
      (void)to_.run(zfs::destroy_snapshot(move.target, snapshot));
    }
}

Error Mover::restart_on_source(Error cause) {
  // A failed release may have left the source read-only: writable again first.
  std::string failure;
  for (const auto& move : step_.moves) {
    auto writable = from_.run(zfs::set(move.source, "readonly", "off"));
    if (!writable || !writable->ok())
      failure = writable ? std::string(trim(writable->err)) : writable.error().message;
  }
  if (failure.empty()) {
    auto started = from_.run(docker::start(step_.target));
    if (!started || !started->ok())
      failure = started ? std::string(trim(started->err)) : started.error().message;
  }
  if (failure.empty()) {
    cause.message +=
        fmt::format("; {} was started again on {}, whose data is untouched", step_.app, from_.node());
    cause.hint =
        "fix the cause and run `flocker apply` again: the move starts over from the last common snapshot";
  } else {
    cause.message +=
        fmt::format("; starting {} again on {} failed too: {}", step_.app, from_.node(), failure);
    cause.hint = fmt::format(
        "the data on {} is untouched; make it writable (zfs set readonly=off) and start the "
        "container there (docker start {})",
        from_.node(), step_.target);
  }
  return cause;
}

Error Mover::stopped_error(std::string_view when, const std::string& detail) const {
  return {
      fmt::format(
          "moving {}: stopped as asked {}{}; {} still runs on {}, whose data is untouched, and nothing "
          "was handed over",
          step_.app, when, detail.empty() ? "" : " (" + detail + ")", step_.app, from_.node()),
      fmt::format("run `flocker apply` again to move it: it goes on from the last snapshot both nodes have{}",
                  openzfs() ? " (and resumes a cut stream)" : "")};
}

Status Mover::pre_copy() {
  for (const auto& move : step_.moves) {
    if (stopping()) return fail("before sending " + move.source);
    if (!move.resume_token.empty())
      if (auto resumed = sender_.resume(move); !resumed) return resumed;
    // The base must outlive the move on both sides: it is what the increment builds on.
    if (auto held = sender_.hold_both(move, sender_.base(move)); !held) return held;
    auto copied = sender_.transfer(move, sender_.base(move), pre(move), "pre-copy", true);
    if (!copied) return std::unexpected(copied.error());
    if (auto held = sender_.hold_both(move, pre(move)); !held) return held;
    // The copy is a standby until the hand-off: nothing may write it.
    if (auto protect = run_checked(to_, zfs::set(move.target, "readonly", "on")); !protect)
      return std::unexpected(protect.error());
  }
  return {};
}

Status Mover::final_increment() {
  for (const auto& move : step_.moves) {
    auto copied = sender_.transfer(move, pre(move), final(move), "final increment", false);
    if (!copied) return std::unexpected(copied.error());
    if (auto verified = verify(move); !verified) return verified;
    if (!openzfs())
      if (auto refreshed = refresh_mount(move); !refreshed) return refreshed;
  }
  return {};
}

Status Mover::refresh_mount(const VolumeMove& move) {
  // zfs-fuse receives into a mounted copy without telling the kernel, whose
  // page cache keeps serving a file's old contents while its size and mtime
  // look unchanged. Mounting afresh drops that cache before a container reads
  // it; a copy that cannot be is not handed over (stale pages written back
  // could damage files), so the application runs on at the source.
  const auto unmount = zfs::unmount(move.target);
  auto unmounted = run_while_busy(to_, unmount, clock_);
  if (!unmounted) return std::unexpected(unmounted.error());
  if (!unmounted->ok() && classify_zfs_failure(*unmounted) != ZfsFailure::NotMounted) {
    auto error = command_error(to_, unmount, *unmounted);
    error.message =
        "before the hand-off, the received copy must be mounted afresh (zfs-fuse): " + error.message;
    return std::unexpected(error);
  }
  auto mounted = run_checked(to_, zfs::mount(move.target));
  if (!mounted) return std::unexpected(mounted.error());
  return {};
}

Status Mover::run() {
  if (auto named = check_move_names(step_); !named) return named;
  // 1. Pre-copy while the application still runs: the bulk of the data.
  if (auto copied = pre_copy(); !copied) {
    // A failure while a stop was requested is the stop's doing (a cut stream).
    if (stopping()) return std::unexpected(stopped_error("during the pre-copy", copied.error().message));
    auto error = copied.error();
    error.message =
        fmt::format("moving {}: the pre-copy failed: {}; {} still runs on {}, whose data is untouched",
                    step_.app, error.message, step_.app, from_.node());
    error.hint = error.hint.empty() ? "fix the cause and run `flocker apply` again"
                                    : error.hint + ", then run `flocker apply` again";
    return std::unexpected(error);
  }

  // The last point where a stop request leaves the application where it runs.
  // From the stop of the container to the hand-off, nothing is left half done.
  if (stopping()) return std::unexpected(stopped_error("after the pre-copy, before stopping it", ""));

  // 2. Stop: downtime starts here.
  report({.kind = ProgressKind::Stopping, .node = from_.node(), .name = step_.target});
  const auto stopped_at = clock_.now();
  auto stopped = from_.run(docker::stop(step_.target));
  if (!stopped || (!stopped->ok() && classify_docker_failure(*stopped) != DockerFailure::NoSuchContainer)) {
    Error error = stopped ? command_error(from_, docker::stop(step_.target), *stopped) : stopped.error();
    error.message =
        fmt::format("moving {}: stopping it on {} failed: {}", step_.app, from_.node(), error.message);
    return std::unexpected(restart_on_source(error));
  }

  // 3. The last increment, checked on both sides; 4. the source lets go.
  if (auto finished = final_increment(); !finished)
    return std::unexpected(restart_on_source(finished.error()));
  if (auto released = release_source(); !released) {
    if (!source_split_) return std::unexpected(restart_on_source(released.error()));
    auto error = released.error();
    error.message = fmt::format(
        "moving {}: the hand-off was interrupted with some volumes released to {} and others "
        "not: {}",
        step_.app, to_.node(), error.message);
    error.hint = fmt::format(
        "the data is intact on both nodes and {} is stopped; `flocker plan` lists each copy's "
        "owner. Set flocker:owner back to {} on {}'s datasets on {} to run it there again.",
        step_.app, from_.node(), step_.app, from_.node());
    return std::unexpected(error);
  }

  // From here on the target owns the data: the source must not run again, so
  // its stopped container goes now, before a restart policy or a reboot of
  // the source could start it on its read-only copy.
  if (auto removed = remove_container(from_, step_.target); !removed)
    report({.kind = ProgressKind::ContainerNotRemoved,
            .node = from_.node(),
            .name = step_.target,
            .detail = removed.error().message});
  if (auto claimed = claim_target(); !claimed) {
    auto error = claimed.error();
    error.message = fmt::format(
        "moving {}: the hand-off was interrupted: {} gave up its data, but {} could not take it over: {}",
        step_.app, from_.node(), to_.node(), error.message);
    error.hint = "the data is intact on both nodes; once " + to_.node() +
                 " is reachable, run `flocker apply` again: it completes the hand-off";
    return std::unexpected(error);
  }
  // 5. Start on the target.
  if (auto started = run_container(to_, step_.run); !started) {
    auto error = started.error();
    error.message = fmt::format("moving {}: its data is now on {}, but the container did not start there: {}",
                                step_.app, to_.node(), error.message);
    error.hint = "fix the cause and run `flocker apply` again: it will start the container on " + to_.node();
    return std::unexpected(error);
  }
  report({.kind = ProgressKind::Downtime,
          .node = to_.node(),
          .name = step_.app,
          .seconds = clock_.seconds_since(stopped_at)});
  prune();
  return {};
}

}  // namespace

Status execute_move(Host& from, Host& to, const Step& step, Clock& clock, const ProgressFn& progress,
                    const StopRequested& stop) {
  Mover mover(from, to, step, clock, progress, stop);
  auto moved = mover.run();
  mover.finish();
  return moved;
}

}  // namespace flocker
