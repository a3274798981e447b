#pragma once
// Which of the three formats a manifest file is, told by its content (not its
// name), and the parser for it. The rules, in order (docs/manifest.md):
//   `services` at the top                                   -> docker-compose
//   `nodes` whose entries are lists of applications         -> Flocker 0.x deployment
//   `version` and `applications` only, and an application
//     uses `volume` or `command_line` (Flocker 0.x only)    -> Flocker 0.x applications
//   no known top-level key, and its entries are mappings
//     with an `image`                                       -> Flocker 0.x fig-style
//   anything else                                           -> native
// Where the native and Flocker 0.x application syntaxes overlap they mean the
// same, so a file both could read gives the same result either way.
#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

#include "manifest/interpolate.hpp"
#include "manifest/parse_native.hpp"

namespace flocker {

enum class ManifestFormat { Native, Compose, Flocker0Deployment, Flocker0Applications, Fig };

std::string_view format_name(ManifestFormat format);

ManifestFormat detect_format(const YAML::Node& root);

// Pure: any format, text in, part and diagnostics out. Never throws on bad input.
ManifestPart parse_manifest_file(const std::string& file, const std::string& text, Diagnostics& diagnostics,
                                 const EnvLookup& env = process_environment());

}  // namespace flocker
