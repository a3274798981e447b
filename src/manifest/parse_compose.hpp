#pragma once
// Reads the applications part of a docker-compose file (version 2 and 3 keys,
// and the unversioned Compose Specification) into a ManifestPart. Compose says
// nothing about nodes: a native file given with it has `nodes` and
// `deployment` (docs/manifest.md). Every key without a meaning for flocker is
// an error that says why, never silently ignored.
#include <yaml-cpp/yaml.h>

#include "manifest/interpolate.hpp"
#include "manifest/parse_native.hpp"
#include "manifest/yaml_reader.hpp"

namespace flocker {

// REQUIRES: root is a mapping.
void parse_compose(YamlReader& reader, const YAML::Node& root, const EnvLookup& env, ManifestPart& part);

// Flocker 0.x's fig-style application file: the services at the top level,
// each volume a container path (one a service, named "data").
void parse_fig(YamlReader& reader, const YAML::Node& root, const EnvLookup& env, ManifestPart& part);

}  // namespace flocker
