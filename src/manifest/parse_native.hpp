#pragma once
// Reads one native manifest file (flocker.yaml) into a ManifestPart. Several
// parts (for example a lab's nodes.yaml plus an application file) are merged
// and checked by validate_manifest().
#include <string>
#include <vector>

#include "manifest/interpolate.hpp"
#include "manifest/model.hpp"

namespace YAML {
class Node;
}

namespace flocker {

struct DeploymentEntry {
  std::string node;
  std::string app;
  SourceLocation node_where;
  SourceLocation app_where;
};

struct ManifestPart {
  std::string file;
  std::vector<NodeSpec> nodes;
  // Nodes a Flocker 0.x deployment file names by address: used only when no
  // native file defines a node of that name (which then says pool, user, ...).
  std::vector<NodeSpec> implicit_nodes;
  std::vector<AppSpec> applications;
  std::vector<std::pair<std::string, SourceLocation>> deployment_nodes;
  std::vector<DeploymentEntry> deployment;
  std::optional<TransferSettings> transfer;
  SourceLocation transfer_where;
  bool readable = true;  // false when the file is empty, not YAML or not a mapping
};

// Pure: text in, part and diagnostics out. Never throws on bad input.
ManifestPart parse_native_manifest(const std::string& file, const std::string& text, Diagnostics& diagnostics,
                                   const EnvLookup& env = process_environment());
// The same, from the file's YAML already loaded (detect.cpp loads it once).
ManifestPart parse_native_manifest(const std::string& file, const YAML::Node& root, Diagnostics& diagnostics,
                                   const EnvLookup& env);

}  // namespace flocker
