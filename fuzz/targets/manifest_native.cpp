// A native manifest (docs/manifest.md) through its reader, then the checks
// across files: parse_native_manifest must never throw or crash on any text.
#include <cstdint>
#include <string>

#include "manifest/load.hpp"
#include "manifest/parse_native.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const flocker::EnvLookup no_environment = [](const std::string&) { return std::optional<std::string>(); };
  flocker::Diagnostics diagnostics;
  auto part = flocker::parse_native_manifest("fuzz.yaml", text, diagnostics, no_environment);
  if (diagnostics.empty()) (void)flocker::validate_manifest({part});
  return 0;
}
