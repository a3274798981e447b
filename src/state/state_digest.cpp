#include "state/state_digest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "util/sha256.hpp"

namespace flocker {

std::vector<std::string> state_lines(const NodeState& node) {
  std::vector<std::string> lines;
  lines.push_back(fmt::format("zfs {} {}", flavour_name(node.flavour), node.zfs_root));
  // The tools decide how a move's stream travels (compressed, buffered, counted).
  lines.push_back(fmt::format("tools{}{}{}{}", node.tools.zstd ? " zstd" : "", node.tools.lz4 ? " lz4" : "",
                              node.tools.mbuffer ? " mbuffer" : "",
                              node.tools.dd_progress ? " dd-progress" : ""));
  for (const auto& dataset : node.datasets) {
    lines.push_back(fmt::format(
        "dataset {} app={} volume={} owner={} generation={} readonly={} refquota={} mountpoint={}",
        dataset.name, dataset.app, dataset.volume, dataset.owner, dataset.generation,
        dataset.readonly ? "on" : "off", dataset.refquota, dataset.mountpoint));
    for (const auto& snapshot : dataset.snapshots)
      lines.push_back(fmt::format("snapshot {}@{} guid={}", dataset.name, snapshot.name, snapshot.guid));
  }
  // The id: a container removed and run again by hand, with the same labels,
  // is another container than the one the plan was made against.
  for (const auto& container : node.containers)
    lines.push_back(fmt::format("container {} app={} image={} state={} config={} id={}", container.name,
                                container.app, container.image, container.state, container.config_hash,
                                container.id));
  // A plan stops when one of these holds a name it needs: one made since is another state.
  for (const auto& container : node.foreign_containers)
    lines.push_back(fmt::format("foreign container {} app={} root={} id={}", container.name, container.app,
                                container.root, container.id));
  std::ranges::sort(lines);
  return lines;
}

std::string state_digest(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return sha256_hex(text);
}

std::vector<std::string> line_changes(const std::vector<std::string>& before,
                                      const std::vector<std::string>& after, size_t limit) {
  auto sorted_before = before, sorted_after = after;
  std::ranges::sort(sorted_before);
  std::ranges::sort(sorted_after);
  std::vector<std::string> gone, added;
  std::ranges::set_difference(sorted_before, sorted_after, std::back_inserter(gone));
  std::ranges::set_difference(sorted_after, sorted_before, std::back_inserter(added));
  std::vector<std::string> changes;
  for (const auto& line : gone) changes.push_back("- " + line);
  for (const auto& line : added) changes.push_back("+ " + line);
  if (changes.size() > limit) {
    const auto more = changes.size() - limit;
    changes.resize(limit);
    changes.push_back(fmt::format("… and {} more", more));
  }
  return changes;
}

}  // namespace flocker
