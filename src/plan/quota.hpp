#pragma once
// A volume's maximum_size is the dataset's ZFS refquota. refquota rather than
// quota: it limits what the application itself can write, while the snapshots
// flocker keeps as the bases of moves do not eat into it (quota counts them).
// A changed size is set in place (`~ update quota`), never a replace.
#include <optional>

#include "manifest/model.hpp"
#include "plan/model.hpp"
#include "state/model.hpp"
#include "util/result.hpp"

namespace flocker {

inline constexpr const char* kQuotaProperty = "refquota";

// The value for `zfs set refquota=` / `zfs create -o refquota=`: bytes, or "none".
std::string quota_value(const VolumeSpec& volume);

// A step when the dataset's refquota differs from the volume's maximum_size.
// dataset is null for a dataset a move is about to create (it has none).
std::optional<Step> plan_quota(const std::string& node, const std::string& app, const VolumeSpec& volume,
                               const std::string& dataset_name, const DatasetState* dataset);

// Refuses a maximum_size below what the application's live copy already
// references: ZFS refuses `zfs set refquota` below it, so the plan would fail
// half applied (a moved copy refuses it the same way after its move).
// REQUIRES: live is the volume's live dataset, on live_node.
Status check_quota_fits(const std::string& app, const VolumeSpec& volume, const std::string& live_node,
                        const DatasetState& live, bool moving);

}  // namespace flocker
