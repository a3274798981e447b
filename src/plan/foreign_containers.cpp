#include "plan/foreign_containers.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "plan/container_config.hpp"
#include "state/container_scope.hpp"

namespace flocker {

namespace {

// The application's container must be there: it runs there, or its live data
// is there (a move stops and removes the container by name on its source).
bool name_needed_on(const std::string& app, const std::string& node, const Manifest& manifest,
                    const NodeState& state) {
  if (manifest.node_of(app) == node) return true;
  return std::ranges::any_of(state.datasets,
                             [&](const DatasetState& d) { return d.app == app && d.owner == node; });
}

std::string joined(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string explain_name_held(const std::string& app, const std::string& node, const std::string& root,
                              const ContainerState& container) {
  const auto head = fmt::format("node {} has a container named {} that is not this manifest's: it is {}",
                                node, container.name, foreign_reason(container));
  if (container.app.empty())
    return fmt::format(
        "{}. flocker never stops or removes a container it did not make, and application {} needs that "
        "name there.\n      Rename or remove it yourself (docker rename {} OTHER-NAME, or docker rm -f {}) "
        "if it is not wanted, or deploy {} on another node",
        head, app, container.name, container.name, app);
  const auto old_root = container.root.empty()
                            ? fmt::format("the dataset it binds ({})", joined(container.mounts))
                            : container.root;
  return fmt::format(
      "{}. flocker never stops or removes another root's container, and application {} needs that name "
      "there (container names are shared by every manifest on a node).\n      If you changed the `pool` or "
      "`root` of node {} (now {}), the live data of {} is still under {}: put the old pool/root back, or "
      "move the data under {} yourself (zfs rename) and remove the old container. If another manifest "
      "runs its own {} on {}, give one of the two applications another name or node",
      head, app, node, root, app, old_root, root, app, node);
}

bool is_root_mountpoint(const NodeState& state, const std::string& path) {
  return std::ranges::any_of(state.datasets, [&](const DatasetState& d) { return d.mountpoint == path; });
}

}  // namespace

std::vector<std::string> foreign_container_blockers(const Manifest& manifest, const Observed& observed) {
  std::vector<std::string> blockers;
  for (const auto& [name, node] : manifest.nodes) {
    auto it = observed.nodes.find(name);
    if (it == observed.nodes.end()) continue;
    const NodeState& state = it->second;
    for (const auto& [app, spec] : manifest.applications) {
      const auto wanted = container_name(app);
      for (const auto& container : state.foreign_containers)
        if (container.name == wanted && name_needed_on(app, name, manifest, state))
          blockers.push_back(explain_name_held(app, name, node.zfs_root, container));
    }
    for (const auto& container : state.containers) {
      if (!manifest.applications.contains(container.app) || manifest.node_of(container.app) != name) continue;
      std::vector<std::string> outside;
      for (const auto& mount : container.mounts)
        if (!is_root_mountpoint(state, mount)) outside.push_back(mount);
      if (outside.empty()) continue;
      blockers.push_back(fmt::format(
          "container {} on {} binds {}, which is not the mountpoint of a dataset under {}: replacing it "
          "would bind new, empty datasets in place of that data.\n      Put that data under {} yourself "
          "(zfs rename, or zfs set mountpoint), or put back the node's old pool/root, then plan again",
          container.name, name, joined(outside), node.zfs_root, node.zfs_root));
    }
  }
  return blockers;
}

std::vector<std::string> adoption_notes(const Observed& observed) {
  std::vector<std::string> notes;
  for (const auto& [name, state] : observed.nodes)
    for (const auto& container : state.containers)
      if (container.adopted)
        notes.push_back(fmt::format(
            "container {} on {} has no {} label (made by an older flocker); it binds only datasets under {}, "
            "so it is taken as this manifest's, and carries the label from its next (re)creation",
            container.name, name, kRootLabel, state.zfs_root));
  return notes;
}

}  // namespace flocker
