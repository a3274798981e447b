#pragma once
// Which of a node's containers belong to this manifest's root dataset. Two
// manifests with different roots may share nodes (staging and production, two
// teams): each must see only its own containers, and never stop or remove a
// container it did not make, even one holding a name it wants. Pure.
#include <string>
#include <vector>

#include "state/model.hpp"

namespace flocker {

inline constexpr const char* kContainerPrefix = "flocker--";

// Splits `all` (every container `docker ps -a` lists) into state.containers
// and state.foreign_containers; containers neither labelled by flocker nor
// named flocker--* are left out. REQUIRES: state.datasets observed.
//   - flocker.root = this root: this manifest's.
//   - flocker.root = another root: foreign.
//   - flocker.app but no flocker.root (made by a flocker before the label):
//     adopted once, when every path it binds is the mountpoint of a dataset
//     under this root (so its data is this root's); foreign otherwise.
//   - no flocker.app label: foreign (made by someone else).
void scope_containers(NodeState& state, std::vector<ContainerState> all);

// "another root (tank/prod)", "not made by flocker": why a container is foreign.
std::string foreign_reason(const ContainerState& container);

}  // namespace flocker
