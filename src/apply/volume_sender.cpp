#include "apply/volume_sender.hpp"

#include <fmt/format.h>

#include <chrono>

#include "apply/dd_progress.hpp"
#include "apply/received_copy.hpp"
#include "apply/steps.hpp"
#include "apply/stream_pipeline.hpp"
#include "plan/copies.hpp"
#include "remote/privilege.hpp"
#include "remote/zfs_commands.hpp"
#include "remote/zfs_errors.hpp"
#include "state/trusted_names.hpp"
#include "state/zfs_parse.hpp"
#include "util/text.hpp"

namespace flocker {

namespace {

constexpr auto kProgressInterval = std::chrono::milliseconds(250);
// The hold tag on the snapshots a transfer depends on (OpenZFS): nothing, not
// even a person's `zfs destroy`, removes them while it runs.
constexpr const char* kHoldTag = "flocker-move";

}  // namespace

VolumeSender::VolumeSender(Host& from, Host& to, const Step& step, Clock& clock, const ProgressFn& progress,
                           const StopRequested& stop)
    : from_(from), to_(to), step_(step), clock_(clock), progress_(progress), stop_(stop) {}

Status VolumeSender::take_snapshot(const VolumeMove& move, const std::string& snapshot, bool may_exist) {
  const auto take = zfs::snapshot(move.source, snapshot);
  auto snapped = from_.run(take);
  if (!snapped) return std::unexpected(snapped.error());
  if (!snapped->ok() && !(may_exist && classify_zfs_failure(*snapped) == ZfsFailure::AlreadyExists))
    return std::unexpected(command_error(from_, take, *snapped));
  return {};
}

Result<TransferResult> VolumeSender::transfer(const VolumeMove& move, const std::string& base,
                                              const std::string& snapshot, std::string_view phase,
                                              bool stoppable, Snapshot taking) {
  if (taking != Snapshot::Taken)
    if (auto taken = take_snapshot(move, snapshot, taking == Snapshot::TakeOrUse); !taken)
      return std::unexpected(taken.error());
  const auto send = base.empty() ? zfs::send_full(move.source, snapshot, step_.openzfs_streams)
                                 : zfs::send_incremental(move.source, base, snapshot, step_.openzfs_streams);
  auto moved = stream(move, send, phase, stoppable);
  if (!moved) return moved;
  if (auto checked = check_received_copy(to_, move.target); !checked) return std::unexpected(checked.error());
  return moved;
}

Result<TransferResult> VolumeSender::stream(const VolumeMove& move, const Argv& send, std::string_view phase,
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

const std::string& VolumeSender::base(const VolumeMove& move) const {
  auto it = resumed_base_.find(move.target);
  return it == resumed_base_.end() ? move.base : it->second;
}

Status VolumeSender::resume(const VolumeMove& move) {
  // Only an OpenZFS source can send the rest (send -t); else the partial
  // state would refuse every receive into the copy: dropped.
  if (!openzfs()) return abort_partial_receive(move, "the source cannot resume it (zfs send -t)");
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

Status VolumeSender::abort_partial_receive(const VolumeMove& move, const std::string& why) {
  report({.kind = ProgressKind::DroppingPartial, .dataset = move.target, .node = to_.node(), .detail = why});
  auto aborted = run_checked(to_, zfs::receive_abort(move.target));
  if (!aborted) return std::unexpected(aborted.error());
  return {};
}

Status VolumeSender::hold(Host& host, const std::string& dataset, const std::string& snapshot) {
  auto held = host.run(zfs::hold(kHoldTag, dataset, snapshot));
  if (!held) return std::unexpected(held.error());
  // A hold left by an interrupted earlier move is the same promise: keep it,
  // and release it with the others.
  if (!held->ok() && classify_zfs_failure(*held) != ZfsFailure::AlreadyExists)
    return std::unexpected(command_error(host, zfs::hold(kHoldTag, dataset, snapshot), *held));
  holds_.push_back({&host, dataset + "@" + snapshot});
  return {};
}

Status VolumeSender::hold_both(const VolumeMove& move, const std::string& snapshot) {
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

void VolumeSender::release_holds() {
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

bool VolumeSender::stopping() {
  stopped_ = stopped_ || (stop_ && stop_());
  return stopped_;
}

void VolumeSender::close_links() {
  for (auto& [target, link] : links_)
    if (auto closed = link.close(); !closed)
      report({.kind = ProgressKind::Warning, .detail = closed.error().message});
}

}  // namespace flocker
