// A docker-compose (or fig-style) file, through the whole manifest pipeline: format
// detection (which sends the seeds of fuzz/corpus/manifest_compose/ to
// its reader), the reader, validation across files and link resolution. The
// seeds keep most mutants in this format; parse_manifest must never throw or
// crash on any text.
#include <cstdint>
#include <string>

#include "manifest/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const flocker::EnvLookup environment = [](const std::string& name) -> std::optional<std::string> {
    if (name == "TAG") return std::string("1");
    return std::nullopt;
  };
  (void)flocker::parse_manifest({{"fuzz.yaml", text}}, environment);
  return 0;
}
