#include "manifest/model.hpp"

#include <stdexcept>

namespace flocker {

std::string_view compression_choice_name(CompressionChoice choice) {
  switch (choice) {
    case CompressionChoice::Auto:
      return "auto";
    case CompressionChoice::Zstd:
      return "zstd";
    case CompressionChoice::Lz4:
      return "lz4";
    case CompressionChoice::Off:
      return "off";
  }
  return "auto";
}

const std::string& Manifest::node_of(const std::string& app) const {
  for (const auto& [node, apps] : deployment)
    for (const auto& name : apps)
      if (name == app) return node;
  throw std::logic_error("application not deployed: " + app);
}

}  // namespace flocker

namespace flocker {

size_t Manifest::start_rank(const std::string& app) const {
  for (size_t i = 0; i < start_order.size(); ++i)
    if (start_order[i] == app) return i;
  return start_order.size();
}

}  // namespace flocker
