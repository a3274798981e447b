#include "apply/move.hpp"

#include <fmt/format.h>

#include <chrono>
#include <map>

#include "apply/busy_retry.hpp"
#include "apply/dd_progress.hpp"
#include "apply/direct_link.hpp"
#include "apply/move_names.hpp"
#include "apply/received_copy.hpp"
#include "apply/steps.hpp"
#include "apply/stream_pipeline.hpp"
#include "apply/transfer.hpp"
#include "plan/copies.hpp"
#include "remote/docker_commands.hpp"
#include "remote/docker_errors.hpp"
#include "remote/privilege.hpp"
#include "remote/zfs_commands.hpp"
#include "remote/zfs_errors.hpp"
#include "state/trusted_names.hpp"
#include "state/zfs_parse.hpp"
#include "util/size.hpp"
#include "util/text.hpp"

namespace flocker {

namespace {

constexpr auto kProgressInterval = std::chrono::milliseconds(250);
// The hold tag on the snapshots a move depends on (OpenZFS): nothing, not even
// a person's `zfs destroy`, removes them while the move runs.
constexpr const char* kHoldTag = "flocker-move";

class Mover {
 public:
  Mover(Host& from, Host& to, const Step& step, Clock& clock, const ProgressFn& progress,
        const StopRequested& stop)
      : from_(from), to_(to), step_(step), clock_(clock), progress_(progress), stop_(stop) {}

  Status run();
  // Revokes the direct links' one-time keys; a failure is reported, not fatal.
  void close_links();
  // Releases the holds this move took (also after a failure); a failure is reported, not fatal.
  void release_holds();

 private:
  std::string pre(const VolumeMove& move) const { return snapshot_name(move.next_snapshot); }
  std::string final(const VolumeMove& move) const { return snapshot_name(move.next_snapshot + 1); }

  Status pre_copy();
  Status final_increment();
  Status abort_partial_receive(const VolumeMove& move, const std::string& why);
  Status refresh_mount(const VolumeMove& move);
  // stoppable: a stop request cuts the stream (only before the container stops).
  Result<TransferResult> transfer(const VolumeMove& move, const std::string& base,
                                  const std::string& snapshot, std::string_view phase, bool stoppable);
  // Sends one stream (a full, incremental or resumed send) into the target.
  Result<TransferResult> stream(const VolumeMove& move, const Argv& send, std::string_view phase,
                                bool stoppable);
  // True once a stop was requested; remembers it, for run() to say so.
  bool stopping();
  Error stopped_error(std::string_view when, const std::string& detail) const;
  // OpenZFS: completes an interrupted receive from its resume token, or, when
  // the source can no longer produce the rest, drops the partial state (receive -A).
  Status resume(const VolumeMove& move);
  // The base of the pre-copy: the plan's, or the snapshot a resumed transfer completed.
  const std::string& base(const VolumeMove& move) const;
  Status hold(Host& host, const std::string& dataset, const std::string& snapshot);
  Status hold_both(const VolumeMove& move, const std::string& snapshot);
  bool openzfs() const { return step_.openzfs_streams; }
  Status verify(const VolumeMove& move);
  Status release_source();
  Status claim_target();
  void prune();
  // After a failure once the container was stopped: start it again on the source.
  Error restart_on_source(Error cause);

  // Reports a fact that is not a running count.
  void report(ProgressFact fact) const { progress_({std::move(fact)}); }

  Host& from_;
  Host& to_;
  const Step& step_;
  Clock& clock_;
  const ProgressFn& progress_;
  const StopRequested& stop_;
  bool stopped_ = false;  // a stop was requested (sticky: asked once, it stays)
  std::map<std::string, DirectLink>
      links_;  // by target dataset; each closes (revokes its key) when the move ends
  std::map<std::string, std::string> resumed_base_;  // by target dataset
  struct Hold {
    Host* host;
    std::string snapshot;  // dataset@snapshot
  };
  std::vector<Hold> holds_;
  bool source_split_ = false;  // some volumes were handed over and could not be taken back
};

Result<TransferResult> Mover::transfer(const VolumeMove& move, const std::string& base,
                                       const std::string& snapshot, std::string_view phase, bool stoppable) {
  auto snapped = run_checked(from_, zfs::snapshot(move.source, snapshot));
  if (!snapped) return std::unexpected(snapped.error());
  const auto send = base.empty() ? zfs::send_full(move.source, snapshot, step_.openzfs_streams)
                                 : zfs::send_incremental(move.source, base, snapshot, step_.openzfs_streams);
  auto moved = stream(move, send, phase, stoppable);
  if (!moved) return moved;
  if (auto checked = check_received_copy(to_, move.target); !checked) return std::unexpected(checked.error());
  return moved;
}

Result<TransferResult> Mover::stream(const VolumeMove& move, const Argv& send, std::string_view phase,
                                     bool stoppable) {
  const StopRequested never;
  const StopRequested& stop = stoppable && stop_ ? stop_ : never;
  // OpenZFS knows a stream's size before sending it (send -nvP): the progress
  // shows it and the ETA. zfs-fuse does not; the plan's estimate of the
  // pre-copy is the best there is.
  unsigned long long expected = phase == "pre-copy" ? move.estimated_bytes : 0;
  if (openzfs()) {
    auto estimate = from_.run(zfs::send_estimate(send));
    if (estimate && estimate->ok())
      if (auto parsed = parse_send_estimate(estimate->out)) {
        expected = parsed->bytes;
        report({.kind = ProgressKind::SendEstimate,
                .phase = std::string(phase),
                .dataset = move.source,
                .total_bytes = expected});
      }
  }
  const auto started = clock_.now();
  auto last_report = started;
  auto count = [&](unsigned long long bytes) {
    auto now = clock_.now();
    if (now - last_report < kProgressInterval) return;
    last_report = now;
    progress_({{.kind = ProgressKind::Sending,
                .phase = std::string(phase),
                .dataset = move.source,
                .bytes = bytes,
                .total_bytes = expected,
                .seconds = clock_.seconds_since(started)},
               true,
               bytes,
               expected});
  };
  const auto& stages = step_.stream;
  if (!step_.direct) {
    // With a counter on the source, progress follows the stream as sent
    // (before compression), like the estimate; else the bytes relayed.
    DdProgress counter;
    auto sender_stderr = [&](std::string_view text) {
      if (auto bytes = counter.feed(text)) count(*bytes);
    };
    // Without a counter, flocker sees a compressed stream only: no total to measure it against.
    const bool wire_only = stages.compression != StreamCompression::None && !stages.count;
    if (wire_only) expected = 0;
    // Inside a script zfs needs its own sudo (only zfs and docker run as root).
    const Argv send_pipeline =
        has_stages(stages) ? Argv{"sh", "-c", relay_source_pipeline(as_root_on(from_, send), stages)} : send;
    const auto receive = zfs::receive(move.target, openzfs());
    const Argv receive_pipeline =
        has_stages(stages) ? Argv{"sh", "-c", target_pipeline(receive, stages, uses_sudo(to_))} : receive;
    auto moved = relay_transfer(from_, send_pipeline, to_, receive_pipeline, clock_,
                                stages.count ? TransferProgress() : TransferProgress(count),
                                stages.count ? sender_stderr : std::function<void(std::string_view)>(), stop);
    if (moved)
      report({.kind = ProgressKind::Sent,
              .phase = std::string(phase),
              .dataset = move.source,
              .node = to_.node(),
              .bytes = stages.count ? counter.bytes() : 0,
              .wire_bytes = moved->bytes,
              .seconds = moved->seconds});
    return moved;
  }
  auto link = links_.find(move.target);
  if (link == links_.end()) {
    auto opened = DirectLink::open(from_, to_, move.target, openzfs(), stages, step_.transfer_address,
                                   root_of_dataset(move.source));
    if (!opened) return std::unexpected(opened.error());
    link = links_.emplace(move.target, std::move(*opened)).first;
  }
  auto moved = link->second.transfer(send, clock_, count, stop);
  if (moved)
    report({.kind = ProgressKind::Sent,
            .phase = std::string(phase),
            .dataset = move.source,
            .node = to_.node(),
            .bytes = moved->bytes,
            .seconds = moved->seconds});
  return moved;
}

const std::string& Mover::base(const VolumeMove& move) const {
  auto it = resumed_base_.find(move.target);
  return it == resumed_base_.end() ? move.base : it->second;
}

Status Mover::resume(const VolumeMove& move) {
  const auto send = zfs::send_resume(move.resume_token);
  auto estimate = from_.run(zfs::send_estimate(send));
  if (!estimate) return std::unexpected(estimate.error());
  auto parsed = estimate->ok()
                    ? parse_send_estimate(estimate->out)
                    : Result<SendEstimate>(std::unexpected(Error{std::string(trim(estimate->err)), ""}));
  const auto at = parsed ? parsed->to.find('@') : std::string::npos;
  if (!parsed || at == std::string::npos || parsed->to.substr(0, at) != move.source ||
      !is_snapshot_name(parsed->to.substr(at + 1))) {
    // The source cannot produce the rest (its snapshot is gone, or the token
    // is another dataset's): the partial state only blocks the next receive.
    return abort_partial_receive(move, parsed ? "it is not from " + move.source : parsed.error().message);
  }
  report(
      {.kind = ProgressKind::Resuming, .dataset = move.target, .node = to_.node(), .bytes = parsed->bytes});
  auto resumed = stream(move, send, "resume", true);
  if (!resumed) return std::unexpected(resumed.error());
  if (auto checked = check_received_copy(to_, move.target); !checked) return checked;
  resumed_base_[move.target] = parsed->to.substr(at + 1);
  return {};
}

Status Mover::abort_partial_receive(const VolumeMove& move, const std::string& why) {
  report({.kind = ProgressKind::DroppingPartial, .dataset = move.target, .node = to_.node(), .detail = why});
  auto aborted = run_checked(to_, zfs::receive_abort(move.target));
  if (!aborted) return std::unexpected(aborted.error());
  return {};
}

Status Mover::hold(Host& host, const std::string& dataset, const std::string& snapshot) {
  auto held = host.run(zfs::hold(kHoldTag, dataset, snapshot));
  if (!held) return std::unexpected(held.error());
  // A hold left by an interrupted earlier move is the same promise: keep it,
  // and release it with the others.
  if (!held->ok() && classify_zfs_failure(*held) != ZfsFailure::AlreadyExists)
    return std::unexpected(command_error(host, zfs::hold(kHoldTag, dataset, snapshot), *held));
  holds_.push_back({&host, dataset + "@" + snapshot});
  return {};
}

Status Mover::hold_both(const VolumeMove& move, const std::string& snapshot) {
  if (!openzfs() || snapshot.empty()) return {};
  if (auto held = hold(from_, move.source, snapshot); !held) return held;
  if (auto held = hold(to_, move.target, snapshot); !held) return held;
  report({.kind = ProgressKind::Held,
          .dataset = move.source,
          .node = from_.node(),
          .other_node = to_.node(),
          .snapshot = snapshot,
          .name = kHoldTag});
  return {};
}

void Mover::release_holds() {
  for (const auto& held : holds_) {
    const auto at = held.snapshot.find('@');
    const auto release = zfs::release(kHoldTag, held.snapshot.substr(0, at), held.snapshot.substr(at + 1));
    auto released = held.host->run(release);
    if (!released || !released->ok())
      report({.kind = ProgressKind::HoldNotReleased,
              .node = held.host->node(),
              .snapshot = held.snapshot,
              .detail = released ? std::string(trim(released->err)) : released.error().message,
              .command = quote_argv(release)});
  }
  holds_.clear();
}

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
  release_holds();
  // Keep the final snapshot, the newest one both sides hold: the next move
  // (back) sends only what changed after it.
  // Only flocker's own snapshots: a common base may be one a person took.
  for (const auto& move : step_.moves)
    for (const auto& snapshot : {move.base, base(move), pre(move)}) {
      if (!is_flocker_snapshot(snapshot)) continue;
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

bool Mover::stopping() {
  stopped_ = stopped_ || (stop_ && stop_());
  return stopped_;
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
    if (!move.resume_token.empty()) {
      // Only an OpenZFS source can send the rest (send -t); else the partial
      // state would refuse every receive into the copy: dropped.
      auto resumed =
          openzfs() ? resume(move) : abort_partial_receive(move, "the source cannot resume it (zfs send -t)");
      if (!resumed) return resumed;
    }
    // The base must outlive the move on both sides: it is what the increment builds on.
    if (auto held = hold_both(move, base(move)); !held) return held;
    auto copied = transfer(move, base(move), pre(move), "pre-copy", true);
    if (!copied) return std::unexpected(copied.error());
    if (auto held = hold_both(move, pre(move)); !held) return held;
    // The copy is a standby until the hand-off: nothing may write it.
    if (auto protect = run_checked(to_, zfs::set(move.target, "readonly", "on")); !protect)
      return std::unexpected(protect.error());
  }
  return {};
}

Status Mover::final_increment() {
  for (const auto& move : step_.moves) {
    auto copied = transfer(move, pre(move), final(move), "final increment", false);
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

void Mover::close_links() {
  for (auto& [target, link] : links_)
    if (auto closed = link.close(); !closed)
      report({.kind = ProgressKind::Warning, .detail = closed.error().message});
}

}  // namespace

Status execute_move(Host& from, Host& to, const Step& step, Clock& clock, const ProgressFn& progress,
                    const StopRequested& stop) {
  Mover mover(from, to, step, clock, progress, stop);
  auto moved = mover.run();
  mover.close_links();
  mover.release_holds();
  return moved;
}

}  // namespace flocker
