#pragma once
// Typed reading of a YAML tree that records every problem as a Diagnostic
// instead of stopping at the first one, so a user sees all errors at once.
#include <yaml-cpp/yaml.h>

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "manifest/diagnostic.hpp"

namespace flocker {

class YamlReader {
 public:
  YamlReader(std::string file, Diagnostics& diagnostics)
      : file_(std::move(file)), diagnostics_(diagnostics) {}

  SourceLocation at(const YAML::Node& node) const;
  void error(const YAML::Node& node, std::string message);
  void error(const SourceLocation& where, std::string message);

  using EntryFn =
      std::function<void(const std::string& key, const YAML::Node& key_node, const YAML::Node& value)>;

  // Calls fn for each entry of a mapping, in file order. Reports a node that is
  // not a mapping, duplicate keys, and (when known_keys is given) unknown keys.
  void for_each_entry(const YAML::Node& map, std::string_view what, const EntryFn& fn,
                      const std::vector<std::string>& known_keys = {});

  std::optional<std::string> string_value(const YAML::Node& node, std::string_view what);
  std::optional<int> int_value(const YAML::Node& node, std::string_view what, int min, int max);
  std::optional<bool> bool_value(const YAML::Node& node, std::string_view what);
  // A list of strings, or one string split like a shell would ("sh -c 'a b'").
  std::optional<std::vector<std::string>> command_value(const YAML::Node& node, std::string_view what);
  std::optional<std::vector<std::string>> string_list(const YAML::Node& node, std::string_view what);

  // A value already reported as unusable (an unset ${VAR} in it): later
  // errors at its location would be about text that is not the real value.
  void silence_errors_at(const YAML::Node& node);

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  Diagnostics& diagnostics_;
  std::set<std::pair<int, int>> silenced_;  // line, column
};

// A mapping with its YAML merge keys (`<<: *common`, which yaml-cpp leaves to
// the reader) applied: its own keys win, then the merged maps' in order. The
// result is a new mapping of the same key and value nodes; anything but a
// mapping with `<<` is returned as it is.
YAML::Node with_merge_keys(const YAML::Node& map);

// Splits words as a POSIX shell would for quotes and backslashes (no
// expansions). Returns nullopt on an unterminated quote.
std::optional<std::vector<std::string>> split_command_words(std::string_view text);

std::string_view yaml_kind(const YAML::Node& node);

}  // namespace flocker
