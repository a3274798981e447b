#include "manifest/load.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "manifest/detect.hpp"

namespace flocker {

std::expected<Manifest, Diagnostics> parse_manifest(const std::vector<ManifestSource>& sources,
                                                    const EnvLookup& env) {
  Diagnostics diagnostics;
  std::vector<ManifestPart> parts;
  for (const auto& source : sources)
    parts.push_back(parse_manifest_file(source.file, source.text, diagnostics, env));
  auto manifest = validate_manifest(parts);
  if (!manifest) diagnostics.insert(diagnostics.end(), manifest.error().begin(), manifest.error().end());
  if (!diagnostics.empty()) return std::unexpected(std::move(diagnostics));
  return manifest;
}

std::expected<std::vector<ManifestSource>, Diagnostics> read_manifest_sources(
    const std::vector<std::string>& files) {
  Diagnostics diagnostics;
  std::vector<ManifestSource> sources;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      diagnostics.push_back({{file, 0, 0}, std::string("cannot read the manifest: ") + std::strerror(errno)});
      continue;
    }
    std::ostringstream text;
    text << in.rdbuf();
    sources.push_back({file, text.str()});
  }
  if (!diagnostics.empty()) return std::unexpected(std::move(diagnostics));
  return sources;
}

std::expected<Manifest, Diagnostics> load_manifest(const std::vector<std::string>& files,
                                                   const EnvLookup& env) {
  auto sources = read_manifest_sources(files);
  if (!sources) return std::unexpected(std::move(sources.error()));
  return parse_manifest(*sources, env);
}

}  // namespace flocker
