#include "state/container_scope.hpp"

#include <algorithm>

namespace flocker {

namespace {

// A container with a docker volume (named, or an image's VOLUME) is not
// known to be flocker's: a flocker container of an older version that used
// such an image had one too, but so may anything labelled by hand; the
// operator adds the label (or removes it) then.
bool binds_only_root_datasets(const ContainerState& container, const NodeState& state) {
  return container.docker_volumes.empty() &&
         std::ranges::all_of(container.mounts, [&](const std::string& mount) {
           return std::ranges::any_of(
               state.datasets, [&](const DatasetState& dataset) { return dataset.mountpoint == mount; });
         });
}

}  // namespace

void scope_containers(NodeState& state, std::vector<ContainerState> all) {
  state.containers.clear();
  state.foreign_containers.clear();
  for (auto& container : all) {
    if (container.app.empty()) {
      if (container.name.starts_with(kContainerPrefix))
        state.foreign_containers.push_back(std::move(container));
      continue;
    }
    if (container.root.empty()) container.adopted = binds_only_root_datasets(container, state);
    if (container.root == state.zfs_root || container.adopted)
      state.containers.push_back(std::move(container));
    else
      state.foreign_containers.push_back(std::move(container));
  }
}

std::string foreign_reason(const ContainerState& container) {
  if (container.app.empty()) return "not made by flocker (no flocker labels)";
  if (!container.root.empty()) return "of another root (" + container.root + ")";
  std::string binds;
  for (const auto& mount : container.mounts) binds += (binds.empty() ? "" : ", ") + mount;
  return "made by an older flocker for another root (it binds " + binds + ")";
}

}  // namespace flocker
