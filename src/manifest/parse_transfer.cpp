#include "manifest/parse_transfer.hpp"

#include <fmt/format.h>

#include "manifest/field_table.hpp"
#include "util/size.hpp"

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

// Bytes per second, a size; 0 is no limit.
std::optional<unsigned long long> read_bandwidth(YamlReader& reader, const YAML::Node& value) {
  constexpr std::string_view kForms =
      "a size in bytes per second such as 50M or 1G (K, M, G, T: powers of 1024), or 0 for no limit";
  if (!value.IsScalar()) {
    reader.error(value, fmt::format("transfer.bandwidth must be {}, found {}", kForms, yaml_kind(value)));
    return std::nullopt;
  }
  if (!reader.string_value(value, "transfer.bandwidth")) return std::nullopt;
  const auto bytes = parse_size(value.Scalar());
  if (!bytes) {
    reader.error(value, fmt::format("transfer.bandwidth must be {}, not \"{}\"", kForms, value.Scalar()));
    return std::nullopt;
  }
  if (*bytes != 0 && *bytes < kMinBandwidth) {
    reader.error(value, fmt::format("transfer.bandwidth \"{}\" is {} bytes per second: the least is {} ({} "
                                    "bytes per second), or 0 for no limit",
                                    value.Scalar(), *bytes, format_size(kMinBandwidth), kMinBandwidth));
    return std::nullopt;
  }
  return *bytes;
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
  // Each field's reader, and whether it gave a value.
  auto field = [&](auto read, auto& into) -> FieldHandler {
    return [&, read](const YAML::Node&, const YAML::Node& field_value) {
      if (auto read_value = read(field_value))
        into = *read_value;
      else
        usable = false;
    };
  };
  read_fields(
      reader, value, "transfer",
      {{
          {"mode",
           field([&](const YAML::Node& v) { return read_mode(reader, v, "transfer.mode"); }, settings.mode)},
          {"compression",
           field([&](const YAML::Node& v) { return read_compression(reader, v); }, settings.compression)},
          {"buffer", field([&](const YAML::Node& v) { return read_buffer(reader, v); }, settings.buffer)},
          {"bandwidth",
           field([&](const YAML::Node& v) { return read_bandwidth(reader, v); }, settings.bandwidth)},
      }});
  if (!usable) return std::nullopt;
  return settings;
}

}  // namespace flocker
