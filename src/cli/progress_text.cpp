#include "cli/progress_text.hpp"

#include <fmt/format.h>

#include "plan/render.hpp"
#include "util/size.hpp"
#include "util/text.hpp"

namespace flocker {

namespace {

// "pre-copy tank/flocker/web.www: 1.2 GiB of about 4.0 GiB, ETA 31s, 96.0 MiB/s"
std::string running_count(const ProgressFact& fact) {
  const double rate = fact.seconds > 0 ? static_cast<double>(fact.bytes) / fact.seconds : 0;
  std::string text = fmt::format("{} {}: {}", fact.phase, fact.dataset, human_bytes(fact.bytes));
  if (fact.total_bytes > 0) {
    text += fmt::format(" of about {}", human_bytes(fact.total_bytes));
    if (rate > 0 && fact.total_bytes > fact.bytes)
      text += fmt::format(", ETA {:.0f}s", static_cast<double>(fact.total_bytes - fact.bytes) / rate);
  }
  return text + fmt::format(", {}/s", human_bytes(static_cast<unsigned long long>(rate)));
}

// "… 512.0 MiB in 3.9s (relay, zstd-compressed; 130.2 MiB relayed)",
// "… 512.0 MiB in 3.4s (direct to node2, uncompressed)"; "sent in" without a counter.
std::string stream_sent(const ProgressFact& fact, const Step& step) {
  if (step.direct)
    return fmt::format("{} {}: {} in {:.1f}s (direct to {}{}{})", fact.phase, fact.dataset,
                       fact.bytes > 0 ? human_bytes(fact.bytes) : "sent", fact.seconds, fact.node,
                       step.transfer_address.empty() ? "" : " at " + step.transfer_address.text(),
                       describe_stages(step));
  // Without a counter on the source, flocker saw only the stream as relayed:
  // compressed, when it was.
  const bool counted = fact.bytes > 0;
  const bool wire_only = step.stream.compression != StreamCompression::None && !step.stream.count;
  return fmt::format("{} {}: {}{} in {:.1f}s (relay{}{})", fact.phase, fact.dataset,
                     human_bytes(counted ? fact.bytes : fact.wire_bytes), wire_only ? " relayed" : "",
                     fact.seconds, describe_stages(step),
                     counted ? fmt::format("; {} relayed", human_bytes(fact.wire_bytes)) : "");
}

}  // namespace

std::string progress_text(const ProgressFact& fact, const Step& step) {
  switch (fact.kind) {
    case ProgressKind::SendEstimate:
      return fmt::format("{} {}: sending about {} (zfs send -nvP)", fact.phase, fact.dataset,
                         human_bytes(fact.total_bytes));
    case ProgressKind::Sending:
      return running_count(fact);
    case ProgressKind::Sent:
      return stream_sent(fact, step);
    case ProgressKind::Resuming:
      return fmt::format("resuming the interrupted transfer to {} on {}: about {} left", fact.dataset,
                         fact.node, human_bytes(fact.bytes));
    case ProgressKind::DroppingPartial:
      return fmt::format(
          "cannot resume the interrupted transfer to {} on {} ({}); dropping it (zfs receive -A)",
          fact.dataset, fact.node, fact.detail);
    case ProgressKind::Held:
      return fmt::format("held @{} of {} on {} and {} ({})", fact.snapshot, fact.dataset, fact.node,
                         fact.other_node, fact.name);
    case ProgressKind::HoldNotReleased:
      return fmt::format("warning: could not release the hold on {} on {}: {}; release it with `{}`",
                         fact.snapshot, fact.node, fact.detail, fact.command);
    case ProgressKind::Stopping:
      return fmt::format("stopping {} on {}", fact.name, fact.node);
    case ProgressKind::ContainerNotRemoved:
      return fmt::format(
          "warning: could not remove the stopped container on {}: {}; remove it by hand (docker rm {}) so "
          "that it cannot start again",
          fact.node, fact.detail, fact.name);
    case ProgressKind::Downtime:
      return fmt::format("{} runs on {}; it was stopped for {:.2f}s", fact.name, fact.node, fact.seconds);
    case ProgressKind::Replicated:
      return fmt::format("the replica of {} on {} holds @{} ({:.1f}s)", fact.name, fact.node, fact.snapshot,
                         fact.seconds);
    case ProgressKind::Warning:
      return "warning: " + fact.detail;
  }
  return fact.detail;
}

std::string_view progress_kind_name(ProgressKind kind) {
  switch (kind) {
    case ProgressKind::SendEstimate:
      return "send_estimate";
    case ProgressKind::Sending:
      return "sending";
    case ProgressKind::Sent:
      return "sent";
    case ProgressKind::Resuming:
      return "resuming";
    case ProgressKind::DroppingPartial:
      return "dropping_partial";
    case ProgressKind::Held:
      return "held";
    case ProgressKind::HoldNotReleased:
      return "hold_not_released";
    case ProgressKind::Stopping:
      return "stopping";
    case ProgressKind::ContainerNotRemoved:
      return "container_not_removed";
    case ProgressKind::Downtime:
      return "downtime";
    case ProgressKind::Replicated:
      return "replicated";
    case ProgressKind::Warning:
      return "warning";
  }
  return "warning";
}

}  // namespace flocker
