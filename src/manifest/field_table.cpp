#include "manifest/field_table.hpp"

#include <algorithm>

namespace flocker {

void read_fields(YamlReader& reader, const YAML::Node& map, std::string_view what, const FieldTable& table) {
  std::vector<std::string> known;
  if (!table.other)
    for (const auto& [key, handler] : table.fields) known.push_back(key);
  reader.for_each_entry(
      map, what,
      [&](const std::string& key, const YAML::Node& key_node, const YAML::Node& value) {
        const auto field = std::ranges::find(table.fields, key, &std::pair<std::string, FieldHandler>::first);
        if (field != table.fields.end())
          field->second(key_node, value);
        else if (table.other)
          table.other(key, key_node, value);
      },
      known);
}

}  // namespace flocker
