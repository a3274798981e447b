#include "plan/quota.hpp"

#include <fmt/format.h>

#include "manifest/app_fields.hpp"

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
      .reason = fmt::format("maximum_size of volume \"{}\" of application {} is {}, the dataset's refquota {}", volume.name,
                            app, shown(wanted), dataset == nullptr ? "is not set after the move" : shown(current)),
      .changes = {fmt::format("refquota: {} → {}", shown(current), shown(wanted))},
      .properties = {{kQuotaProperty, quota_value(volume)}},
  };
}

}  // namespace flocker
