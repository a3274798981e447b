#pragma once
// Gathers a node's state through a Host: its ZFS flavour, flocker's datasets
// and flocker's containers.
#include "manifest/model.hpp"
#include "remote/host.hpp"
#include "state/model.hpp"

namespace flocker {

// Never fails as a whole: what could not be read is described in error.
NodeState observe_node(Host& host, const NodeSpec& node);

}  // namespace flocker
