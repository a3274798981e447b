#pragma once
// The `transfer` section of a native manifest: how moves carry their data.
//   transfer: relay                      # the mode alone
//   transfer: {mode: direct, compression: zstd, buffer: off}
#include <yaml-cpp/yaml.h>

#include <optional>

#include "manifest/model.hpp"
#include "manifest/yaml_reader.hpp"

namespace flocker {

// Reports every problem to the reader; nullopt when the section is unusable.
std::optional<TransferSettings> read_transfer_settings(YamlReader& reader, const YAML::Node& value);

}  // namespace flocker
