#include "plan/quota.hpp"

#include <fmt/format.h>

#include "util/size.hpp"

namespace flocker {

std::string quota_value(const VolumeSpec& volume) {
  return volume.maximum_size ? std::to_string(*volume.maximum_size) : "none";
}

std::optional<Step> plan_quota(const std::string& node, const std::string& app, const VolumeSpec& volume,
                               const std::string& dataset_name, const DatasetState* dataset) {
  const std::uint64_t current = dataset == nullptr ? 0 : dataset->refquota;
  const std::uint64_t wanted = volume.maximum_size.value_or(0);
  if (current == wanted) return std::nullopt;
  auto shown = [](std::uint64_t bytes) { return bytes == 0 ? std::string("none") : format_size(bytes); };
  return Step{
      .kind = StepKind::UpdateQuota,
      .node = node,
      .app = app,
      .target = dataset_name,
      .reason = fmt::format(
          "maximum_size of volume \"{}\" of application {} is {}, the dataset's refquota {}", volume.name,
          app, shown(wanted), dataset == nullptr ? "is not set after the move" : shown(current)),
      .reason_code = ReasonCode::QuotaChanged,
      .changes = {fmt::format("refquota: {} → {}", shown(current), shown(wanted))},
      .properties = {{kQuotaProperty, quota_value(volume)}},
  };
}

Status check_quota_fits(const std::string& app, const VolumeSpec& volume, const std::string& live_node,
                        const DatasetState& live, bool moving) {
  if (!volume.maximum_size || *volume.maximum_size >= live.referenced) return {};
  if (!moving && live.refquota == *volume.maximum_size) return {};  // nothing to set
  constexpr std::uint64_t kMiB = 1 << 20;
  const std::uint64_t enough = (live.referenced + kMiB - 1) / kMiB * kMiB;
  return fail(fmt::format(
      "application {}, volume \"{}\" on {}: maximum_size {} is below the {} its dataset {} already "
      "references, and ZFS refuses a refquota below that; raise maximum_size to at least {}, or "
      "delete data in the volume first (snapshots do not count)",
      app, volume.name, live_node, format_size(*volume.maximum_size), human_bytes(live.referenced), live.name,
      format_size(enough)));
}

}  // namespace flocker
