#include "manifest/load.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

#include "manifest/detect.hpp"
#include "util/size.hpp"

namespace flocker {

namespace {

std::string too_big(std::uintmax_t bytes) {
  return fmt::format("the manifest has {} bytes, more than flocker reads ({}): is it the right file?", bytes,
                     human_bytes(kMaxManifestBytes));
}

// One mistake repeated thousands of times: the first errors, then a count.
void cap_diagnostics(Diagnostics& diagnostics) {
  if (diagnostics.size() <= kMaxDiagnostics) return;
  const auto more = diagnostics.size() - kMaxDiagnostics;
  const auto where = SourceLocation{diagnostics[kMaxDiagnostics].where.file, 0, 0};
  diagnostics.resize(kMaxDiagnostics);
  diagnostics.push_back({where, fmt::format("… and {} more errors", more)});
}

}  // namespace

std::expected<Manifest, Diagnostics> parse_manifest(const std::vector<ManifestSource>& sources,
                                                    const EnvLookup& env) {
  Diagnostics diagnostics;
  std::vector<ManifestPart> parts;
  std::map<std::string, std::vector<std::string>> variables;
  bool skipped = false;  // a file too big to read: what it defines is missing, not wrong
  for (const auto& source : sources) {
    if (source.text.size() > kMaxManifestBytes) {
      diagnostics.push_back({{source.file, 0, 0}, too_big(source.text.size())});
      skipped = true;
      continue;
    }
    // Which variables each file asks for, so that the plan can say so.
    std::set<std::string> asked;
    const EnvLookup recording = [&](const std::string& name) {
      asked.insert(name);
      return env(name);
    };
    parts.push_back(parse_manifest_file(source.file, source.text, diagnostics, recording));
    if (!asked.empty()) variables[source.file].assign(asked.begin(), asked.end());
  }
  if (!skipped) {
    auto manifest = validate_manifest(parts);
    if (!manifest) diagnostics.insert(diagnostics.end(), manifest.error().begin(), manifest.error().end());
    if (diagnostics.empty()) {
      manifest->variables = std::move(variables);
      return manifest;
    }
  }
  cap_diagnostics(diagnostics);
  return std::unexpected(std::move(diagnostics));
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
    // Read at most one byte past the limit: /dev/zero must not fill the memory.
    std::string text(kMaxManifestBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxManifestBytes) {
      diagnostics.push_back(
          {{file, 0, 0},
           too_big(std::filesystem::is_regular_file(file) ? std::filesystem::file_size(file) : text.size())});
      continue;
    }
    sources.push_back({file, std::move(text)});
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
