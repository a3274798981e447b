#pragma once
// From manifest files to a validated Manifest, or every error found.
#include <expected>
#include <string>
#include <vector>

#include "manifest/model.hpp"
#include "manifest/parse_native.hpp"

namespace flocker {

// A manifest file is at most this big; a bigger one is an error naming the file and the limit.
inline constexpr size_t kMaxManifestBytes = 16u << 20;
// At most this many errors are listed, then "… and K more errors".
inline constexpr size_t kMaxDiagnostics = 100;

struct ManifestSource {
  std::string file;
  std::string text;
};

// Pure: merges the parts and checks names across them (unknown nodes and
// applications, applications deployed twice or not at all).
std::expected<Manifest, Diagnostics> validate_manifest(const std::vector<ManifestPart>& parts);

// Pure but for env: parses (any format, see detect.hpp) and validates in-memory sources.
std::expected<Manifest, Diagnostics> parse_manifest(const std::vector<ManifestSource>& sources,
                                                    const EnvLookup& env = process_environment());

// Reads the files; a file that cannot be read is a diagnostic.
std::expected<std::vector<ManifestSource>, Diagnostics> read_manifest_sources(
    const std::vector<std::string>& files);

// Reads the files, then parse_manifest().
std::expected<Manifest, Diagnostics> load_manifest(const std::vector<std::string>& files,
                                                   const EnvLookup& env = process_environment());

// The checks that need the whole manifest: links resolved to the node of
// their target, start order (a link or depends_on cycle is an error), ports
// published twice on one node, variables that links would overwrite.
// REQUIRES: names already checked (every deployed application exists).
void resolve_manifest(Manifest& manifest, Diagnostics& diagnostics);

}  // namespace flocker
