#include "plan/copies.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "plan/container_config.hpp"
#include "util/number.hpp"

namespace flocker {

std::vector<VolumeCopy> find_copies(const Manifest& manifest, const Observed& observed,
                                    const std::string& app, const std::string& volume) {
  std::vector<VolumeCopy> copies;
  for (const auto& [name, node] : manifest.nodes) {
    auto it = observed.nodes.find(name);
    if (it == observed.nodes.end()) continue;
    if (const auto* dataset = it->second.find_dataset(dataset_name(node.zfs_root, app, volume)))
      copies.push_back({name, dataset});
  }
  return copies;
}

Result<std::optional<VolumeCopy>> live_copy(const std::vector<VolumeCopy>& copies, const std::string& app,
                                            const std::string& volume) {
  std::vector<VolumeCopy> live;
  for (const auto& copy : copies)
    if (copy.live()) live.push_back(copy);
  if (live.size() == 1) return live.front();
  if (copies.empty()) return std::nullopt;
  if (live.empty()) {
    // The copy with the newest generation says who owns the data now.
    const auto released =
        std::ranges::max_element(copies, {}, [](const VolumeCopy& c) { return c.dataset->generation; });
    const auto heir = std::ranges::find(copies, released->dataset->owner, &VolumeCopy::node);
    if (heir != copies.end() && !released->dataset->snapshots.empty() && !heir->dataset->snapshots.empty() &&
        heir->dataset->snapshots.back().guid == released->dataset->snapshots.back().guid) {
      VolumeCopy pending = *heir;
      pending.claim_pending = true;
      pending.claim_generation = released->dataset->generation;
      return pending;
    }
  }
  std::string listing;
  for (const auto& copy : copies)
    listing += fmt::format("\n      {} on {}: flocker:owner={}, flocker:generation={}", copy.dataset->name,
                           copy.node, copy.dataset->owner.empty() ? "-" : copy.dataset->owner,
                           copy.dataset->generation);
  if (live.empty()) {
    // The newest copy names an owner that holds no copy here: dropped from
    // the manifest, or its pool/root changed. Its live data is still there.
    std::string elsewhere;
    const auto newest =
        std::ranges::max_element(copies, {}, [](const VolumeCopy& c) { return c.dataset->generation; });
    const auto& owner = newest->dataset->owner;
    if (!owner.empty() && std::ranges::find(copies, owner, &VolumeCopy::node) == copies.end())
      elsewhere = fmt::format(
          "\n      the live copy of volume \"{}\" of application {} is on {} (flocker:owner of the newest "
          "copy), which holds no copy under its root in this manifest: if {} was dropped from the manifest, "
          "or its pool/root changed, the live data is still there, and flocker will not run {} on a stale "
          "copy; put {} back as it was (or move that data yourself) and plan again",
          volume, app, owner, owner, app, owner);
    return fail(
        fmt::format("no copy of volume \"{}\" of application {} is marked as owned by the node that holds it "
                    "(an interrupted hand-off?); set flocker:owner on the copy that should be live to its "
                    "node's name:{}{}",
                    volume, app, listing, elsewhere));
  }
  return fail(
      fmt::format("{} copies of volume \"{}\" of application {} each claim to be the live one; flocker will "
                  "not guess which data is right:{}",
                  live.size(), volume, app, listing));
}

namespace {

std::string list_snapshots(const DatasetState& dataset) {
  if (dataset.snapshots.empty()) return "(none)";
  std::string text;
  for (const auto& snapshot : dataset.snapshots) text += (text.empty() ? "" : ", ") + snapshot.name;
  return text;
}

}  // namespace

Result<std::optional<SnapshotState>> common_base(const DatasetState& source, const std::string& source_node,
                                                 const DatasetState& target, const std::string& target_node) {
  if (target.snapshots.empty()) return std::nullopt;
  auto explain = [&](std::string problem) {
    return fail(
        fmt::format("{}.\n      snapshots on {} ({}): {}\n      snapshots on {} ({}): {}", problem,
                    source_node, source.name, list_snapshots(source), target_node, target.name,
                    list_snapshots(target)),
        fmt::format("nothing is rolled back or destroyed without you: inspect {} on {}, and if its own "
                    "changes are not wanted, destroy that copy (zfs destroy -r {}) and plan again",
                    target.name, target_node, target.name));
  };
  // Newest first: the first target snapshot that source holds too is the base.
  for (auto it = target.snapshots.rbegin(); it != target.snapshots.rend(); ++it) {
    bool shared =
        std::ranges::any_of(source.snapshots, [&](const SnapshotState& s) { return s.guid == it->guid; });
    if (!shared) continue;
    if (it != target.snapshots.rbegin())
      return explain(
          fmt::format("the copy on {} has diverged: it holds snapshots taken after @{} that {} does not have",
                      target_node, it->name, source_node));
    return *it;
  }
  return explain(
      fmt::format("the copy on {} shares no snapshot with the live copy on {}", target_node, source_node));
}

std::optional<unsigned long long> written_since(const DatasetState& dataset, const std::string& base) {
  unsigned long long bytes = dataset.written;
  bool after_base = false;
  for (const auto& snapshot : dataset.snapshots) {
    if (after_base) bytes += snapshot.written;
    if (snapshot.name == base) after_base = true;
  }
  if (!after_base) return std::nullopt;
  return bytes;
}

int next_snapshot_number(const DatasetState& source, const DatasetState* target) {
  int highest = 0;
  auto scan = [&](const DatasetState& dataset) {
    for (const auto& snapshot : dataset.snapshots) {
      if (!snapshot.name.starts_with("flocker-")) continue;
      // A number past a billion is not one flocker wrote (it would overflow).
      if (auto number = parse_number<int>(std::string_view(snapshot.name).substr(8));
          number && *number < kLargestSnapshotNumber)
        highest = std::max(highest, *number);
    }
  };
  scan(source);
  if (target != nullptr) scan(*target);
  return highest + 1;
}

std::string snapshot_name(int number) {
  return fmt::format("flocker-{}", number);
}

}  // namespace flocker
