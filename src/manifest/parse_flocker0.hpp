#pragma once
// ClusterHQ Flocker 0.x's two files: the deployment file (`version: 1`,
// `nodes:` host -> list of applications) and the application file
// (`version: 1`, `applications:` with image, ports, links, volume, ...).
#include <yaml-cpp/yaml.h>

#include "manifest/interpolate.hpp"
#include "manifest/parse_native.hpp"
#include "manifest/yaml_reader.hpp"

namespace flocker {

// The root of a Flocker 0.x node: the pool Flocker 0.x used, with flocker's
// usual root inside it. A native file that defines the node overrides it.
inline constexpr const char* kFlocker0DefaultRoot = "flocker/flocker";

// Nodes named by address become implicit nodes (SSH details from the SSH config).
// REQUIRES: root is a mapping.
void parse_flocker0_deployment(YamlReader& reader, const YAML::Node& root, ManifestPart& part);
void parse_flocker0_applications(YamlReader& reader, const YAML::Node& root, const EnvLookup& env,
                                 ManifestPart& part);

}  // namespace flocker
