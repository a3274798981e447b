#include "manifest/yaml_reader.hpp"

#include <fmt/format.h>

#include <set>

#include "manifest/field_checks.hpp"
#include "util/text.hpp"

namespace flocker {

std::string_view yaml_kind(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a scalar";
    case YAML::NodeType::Null:
      return "empty";
    case YAML::NodeType::Undefined:
      return "missing";
  }
  return "unknown";
}

SourceLocation YamlReader::at(const YAML::Node& node) const {
  const auto mark = node.Mark();
  if (mark.is_null()) return {file_, 0, 0};
  return {file_, mark.line + 1, mark.column + 1};
}

void YamlReader::error(const YAML::Node& node, std::string message) {
  error(at(node), std::move(message));
}

void YamlReader::error(const SourceLocation& where, std::string message) {
  if (silenced_.contains({where.line, where.column})) return;
  diagnostics_.push_back({where, std::move(message)});
}

void YamlReader::silence_errors_at(const YAML::Node& node) {
  const auto where = at(node);
  if (where.line != 0) silenced_.insert({where.line, where.column});
}

YAML::Node with_merge_keys(const YAML::Node& value) {
  if (!value.IsMap() || !value["<<"]) return value;
  YAML::Node merged(YAML::NodeType::Map);
  std::set<std::string> own;
  for (const auto& entry : value) {
    if (entry.first.IsScalar() && entry.first.Scalar() == "<<") continue;
    if (entry.first.IsScalar()) own.insert(entry.first.Scalar());
    merged.force_insert(entry.first, entry.second);
  }
  const auto sources = value["<<"];
  std::vector<YAML::Node> maps;
  if (sources.IsMap()) maps.push_back(sources);
  if (sources.IsSequence())
    for (const auto& source : sources) maps.push_back(source);
  for (const auto& source : maps)
    if (source.IsMap())
      for (const auto& entry : source)
        if (entry.first.IsScalar() && own.insert(entry.first.Scalar()).second)
          merged.force_insert(entry.first, entry.second);
  return merged;
}

void YamlReader::for_each_entry(const YAML::Node& map, std::string_view what, const EntryFn& fn,
                                const std::vector<std::string>& known_keys) {
  if (!map.IsMap()) {
    error(map, fmt::format("{} must be a mapping, found {}", what, yaml_kind(map)));
    return;
  }
  std::set<std::string> seen;
  for (const auto& entry : map) {
    const YAML::Node& key_node = entry.first;
    if (!key_node.IsScalar()) {
      error(key_node, fmt::format("keys of {} must be plain names", what));
      continue;
    }
    const std::string key = key_node.Scalar();
    if (!seen.insert(key).second) {
      error(key_node, fmt::format("duplicate key \"{}\" in {}", key, what));
      continue;
    }
    if (!known_keys.empty() && std::find(known_keys.begin(), known_keys.end(), key) == known_keys.end()) {
      std::string message = fmt::format("unknown key \"{}\" in {}", key, what);
      if (auto guess = closest_match(key, known_keys))
        message += fmt::format(" (did you mean \"{}\"?)", *guess);
      else
        message += fmt::format(" (known keys: {})", fmt::join(known_keys, ", "));
      error(key_node, message);
      continue;
    }
    fn(key, key_node, entry.second);
  }
}

std::optional<std::string> YamlReader::string_value(const YAML::Node& node, std::string_view what) {
  if (!node.IsScalar()) {
    error(node, fmt::format("{} must be a string, found {}", what, yaml_kind(node)));
    return std::nullopt;
  }
  if (auto why = check_scalar_text(node.Scalar())) {
    error(node, fmt::format("{}: {}", what, *why));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<int> YamlReader::int_value(const YAML::Node& node, std::string_view what, int min, int max) {
  int value = 0;
  if (!node.IsScalar() || !YAML::convert<int>::decode(node, value) || value < min || value > max) {
    error(node, fmt::format("{} must be a whole number from {} to {}, found {}", what, min, max,
                            node.IsScalar() ? "\"" + node.Scalar() + "\"" : std::string(yaml_kind(node))));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> YamlReader::bool_value(const YAML::Node& node, std::string_view what) {
  bool value = false;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) {
    error(node, fmt::format("{} must be true or false", what));
    return std::nullopt;
  }
  return value;
}

std::optional<std::vector<std::string>> YamlReader::string_list(const YAML::Node& node,
                                                                std::string_view what) {
  if (!node.IsSequence()) {
    error(node, fmt::format("{} must be a list, found {}", what, yaml_kind(node)));
    return std::nullopt;
  }
  std::vector<std::string> items;
  bool ok = true;
  for (const auto& item : node) {
    if (auto text = string_value(item, fmt::format("each entry of {}", what)))
      items.push_back(*text);
    else
      ok = false;
  }
  if (!ok) return std::nullopt;
  return items;
}

std::optional<std::vector<std::string>> YamlReader::command_value(const YAML::Node& node,
                                                                  std::string_view what) {
  if (node.IsScalar()) {
    if (!string_value(node, what)) return std::nullopt;
    auto words = split_command_words(node.Scalar());
    if (!words) error(node, fmt::format("{} has an unterminated quote", what));
    return words;
  }
  if (node.IsSequence()) return string_list(node, what);
  error(node, fmt::format("{} must be a string or a list of strings, found {}", what, yaml_kind(node)));
  return std::nullopt;
}

std::optional<std::vector<std::string>> split_command_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else if (c == '\'') {
      size_t end = text.find('\'', i + 1);
      if (end == std::string_view::npos) return std::nullopt;
      word.append(text.substr(i + 1, end - i - 1));
      in_word = true;
      i = end;
    } else if (c == '"') {
      in_word = true;
      for (++i;; ++i) {
        if (i >= text.size()) return std::nullopt;
        if (text[i] == '"') break;
        if (text[i] == '\\' && i + 1 < text.size() &&
            std::string_view("\"\\$`").find(text[i + 1]) != std::string_view::npos)
          ++i;
        word += text[i];
      }
    } else if (c == '\\' && i + 1 < text.size()) {
      word += text[++i];
      in_word = true;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(std::move(word));
  return words;
}

}  // namespace flocker
