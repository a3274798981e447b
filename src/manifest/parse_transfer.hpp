#pragma once
// The `transfer` section of a native manifest: how moves and replication carry
// their data.
//   transfer: relay                      # the mode alone
//   transfer: {mode: direct, compression: zstd, buffer: off, bandwidth: 50M}
#include <yaml-cpp/yaml.h>

#include <optional>

#include "manifest/model.hpp"
#include "manifest/yaml_reader.hpp"

namespace flocker {

// The least transfer.bandwidth, bytes per second (0, no limit, aside).
inline constexpr unsigned long long kMinBandwidth = 1024;

// Reports every problem to the reader; nullopt when the section is unusable.
std::optional<TransferSettings> read_transfer_settings(YamlReader& reader, const YAML::Node& value);

}  // namespace flocker
