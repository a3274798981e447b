#include "manifest/parse_transfer.hpp"

#include <fmt/format.h>

namespace flocker {

namespace {

std::optional<Transport> read_mode(YamlReader& reader, const YAML::Node& value, std::string_view what) {
  auto mode = reader.string_value(value, what);
  if (!mode) return std::nullopt;
  if (*mode == "direct") return Transport::Direct;
  if (*mode == "relay") return Transport::Relay;
  reader.error(value, fmt::format("{} must be direct or relay, not \"{}\"", what, *mode));
  return std::nullopt;
}

std::optional<CompressionChoice> read_compression(YamlReader& reader, const YAML::Node& value) {
  auto name = reader.string_value(value, "transfer.compression");
  if (!name) return std::nullopt;
  for (auto choice :
       {CompressionChoice::Auto, CompressionChoice::Zstd, CompressionChoice::Lz4, CompressionChoice::Off})
    if (*name == compression_choice_name(choice)) return choice;
  reader.error(value, fmt::format("transfer.compression must be auto, zstd, lz4 or off, not \"{}\"", *name));
  return std::nullopt;
}

std::optional<bool> read_buffer(YamlReader& reader, const YAML::Node& value) {
  // `off` unquoted is a YAML 1.1 boolean to some readers: accept both spellings.
  auto name = reader.string_value(value, "transfer.buffer");
  if (!name) return std::nullopt;
  if (*name == "auto" || *name == "true") return true;
  if (*name == "off" || *name == "false") return false;
  reader.error(value, fmt::format("transfer.buffer must be auto or off, not \"{}\"", *name));
  return std::nullopt;
}

}  // namespace

std::optional<TransferSettings> read_transfer_settings(YamlReader& reader, const YAML::Node& value) {
  TransferSettings settings;
  if (!value.IsMap()) {
    auto mode = read_mode(reader, value, "transfer");
    if (!mode) return std::nullopt;
    settings.mode = *mode;
    return settings;
  }
  bool usable = true;
  reader.for_each_entry(value, "transfer",
                        [&](const std::string& key, const YAML::Node&, const YAML::Node& field) {
                          if (key == "mode") {
                            if (auto mode = read_mode(reader, field, "transfer.mode"))
                              settings.mode = *mode;
                            else
                              usable = false;
                          } else if (key == "compression") {
                            if (auto compression = read_compression(reader, field))
                              settings.compression = *compression;
                            else
                              usable = false;
                          } else if (key == "buffer") {
                            if (auto buffer = read_buffer(reader, field))
                              settings.buffer = *buffer;
                            else
                              usable = false;
                          }
                        },
                        {"mode", "compression", "buffer"});
  if (!usable) return std::nullopt;
  return settings;
}

}  // namespace flocker
