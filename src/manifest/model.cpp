#include "manifest/model.hpp"

#include <stdexcept>

namespace flocker {

const std::string& Manifest::node_of(const std::string& app) const {
  for (const auto& [node, apps] : deployment)
    for (const auto& name : apps)
      if (name == app) return node;
  throw std::logic_error("application not deployed: " + app);
}

}  // namespace flocker
