#include "state/model.hpp"

namespace flocker {

std::string_view flavour_name(ZfsFlavour flavour) {
  switch (flavour) {
    case ZfsFlavour::OpenZfs:
      return "openzfs";
    case ZfsFlavour::ZfsFuse:
      return "zfs-fuse";
    case ZfsFlavour::Unknown:
      break;
  }
  return "unknown";
}

const DatasetState* NodeState::find_dataset(std::string_view name) const {
  for (const auto& dataset : datasets)
    if (dataset.name == name) return &dataset;
  return nullptr;
}

const ContainerState* NodeState::find_container(std::string_view name) const {
  for (const auto& container : containers)
    if (container.name == name) return &container;
  return nullptr;
}

}  // namespace flocker
