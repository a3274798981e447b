#pragma once
// The one shape in which the readers of all three formats read a mapping:
// a table of key → handler, walked in file order. A key the table lacks is
// "unknown key ... (did you mean ...?)" (YamlReader::for_each_entry), unless
// the table says what else it means (compose refuses keys with reasons).
#include <yaml-cpp/yaml.h>

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "manifest/yaml_reader.hpp"

namespace flocker {

// Reads the value of one key; key is the key's node (for errors at the key).
using FieldHandler = std::function<void(const YAML::Node& key, const YAML::Node& value)>;

struct FieldTable {
  // In the order an "unknown key" message lists them.
  std::vector<std::pair<std::string, FieldHandler>> fields;
  // For keys not in `fields`, instead of the unknown-key error.
  std::function<void(const std::string& key, const YAML::Node& key_node, const YAML::Node& value)> other;
};

// Reports a value that is not a mapping and duplicate keys, then calls each
// entry's handler in file order.
void read_fields(YamlReader& reader, const YAML::Node& map, std::string_view what, const FieldTable& table);

}  // namespace flocker
