#pragma once
// From manifest files to a validated Manifest, or every error found.
#include <expected>
#include <string>
#include <vector>

#include "manifest/model.hpp"
#include "manifest/parse_native.hpp"

namespace flocker {

struct ManifestSource {
  std::string file;
  std::string text;
};

// Pure: merges the parts and checks names across them (unknown nodes and
// applications, applications deployed twice or not at all).
std::expected<Manifest, Diagnostics> validate_manifest(const std::vector<ManifestPart>& parts);

// Pure: parses and validates in-memory sources.
std::expected<Manifest, Diagnostics> parse_manifest(const std::vector<ManifestSource>& sources);

// Reads the files; a file that cannot be read is a diagnostic.
std::expected<std::vector<ManifestSource>, Diagnostics> read_manifest_sources(const std::vector<std::string>& files);

// Reads the files, then parse_manifest().
std::expected<Manifest, Diagnostics> load_manifest(const std::vector<std::string>& files);

}  // namespace flocker
