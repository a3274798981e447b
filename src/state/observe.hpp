#pragma once
// Gathers a node's state through a Host: its ZFS flavour, flocker's datasets
// and flocker's containers.
#include <string>
#include <vector>

#include "manifest/model.hpp"
#include "remote/host.hpp"
#include "state/model.hpp"

namespace flocker {

// Never fails as a whole: what could not be read is described in error.
// With the manifest, also the VOLUME paths of the images of its applications
// deployed on the node or whose container is there (a move's source), in one
// `docker image inspect`; that one is optional: a failure leaves them out.
NodeState observe_node(Host& host, const NodeSpec& node, const Manifest& manifest);
// Without any image.
NodeState observe_node(Host& host, const NodeSpec& node);

// The images observe_node inspects on a node: those of the manifest's
// applications deployed there, or whose container (of this root) runs there.
std::vector<std::string> images_to_inspect(const Manifest& manifest, const NodeState& state);

}  // namespace flocker
