#pragma once
// Docker Compose interpolates every scalar value of a file, keys excepted,
// before it reads any of it: `ports: ["${WEB_PORT:-8080}:80"]` works, and `$$`
// is a literal '$' (`command: sh -c "echo $$HOME"` runs `echo $HOME` in the
// container). flocker does the same, in place, before its compose reader sees
// the tree, with the syntax of interpolate.hpp. Each error is at the scalar's
// file:line:column (and later errors there are silenced: the text is not the
// value); an error about a secret environment value never quotes it.
// Extensions for other tools (`x-*` keys but x-flocker) and the project
// `name`, which flocker does not read, are left as written.
#include <yaml-cpp/yaml.h>

#include <set>
#include <string>

#include "manifest/interpolate.hpp"
#include "manifest/yaml_reader.hpp"

namespace flocker {

// REQUIRES: root is the mapping of a compose file (not fig-style: Flocker 0.x
// files read ${...} in environment and image only).
void interpolate_compose_file(YamlReader& reader, const YAML::Node& root, const EnvLookup& env);

// The environment variables a service marks secret (`x-flocker: {secrets:
// [NAME]}`, merge keys applied), as written; anything unreadable is left to
// the compose reader to report.
std::set<std::string> compose_secret_names(const YAML::Node& service);

}  // namespace flocker
