#include "manifest/variable_access.hpp"

#include <fmt/format.h>

#include <utility>

#include "util/text.hpp"

namespace flocker {

namespace {

bool is_variable_name(std::string_view name) {
  if (name.empty() || (name.front() >= '0' && name.front() <= '9')) return false;
  for (char c : name)
    if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
      return false;
  return true;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

Result<std::set<std::string>> parse_allowed_variables(const std::vector<std::string>& values) {
  std::set<std::string> allowed;
  for (const auto& value : values)
    for (const auto& part : split(value, ',')) {
      const auto entry = std::string(trim(part));
      if (entry.empty()) continue;
      const std::string_view name = entry.ends_with('*') ? std::string_view(entry).substr(0, entry.size() - 1)
                                                         : std::string_view(entry);
      if (!is_variable_name(name))
        return fail(
            fmt::format("--allow-env {}: not a variable name (or a prefix ending in *)", printable(entry)),
            "name the variables a manifest may read, e.g. --allow-env API_TOKEN,TAG or APP_*");
      allowed.insert(entry);
    }
  return allowed;
}

bool variable_allowed(const std::set<std::string>& allowed, const std::string& name) {
  if (allowed.contains(name)) return true;
  for (const auto& entry : allowed)
    if (entry.ends_with('*') && name.starts_with(std::string_view(entry).substr(0, entry.size() - 1)))
      return true;
  return false;
}

EnvLookup allow_only(EnvLookup environment, std::set<std::string> allowed) {
  return [environment = std::move(environment),
          allowed = std::move(allowed)](const std::string& name) -> std::optional<std::string> {
    if (!variable_allowed(allowed, name)) return std::nullopt;
    return environment(name);
  };
}

std::vector<std::string> variable_notes(const Manifest& manifest, const std::set<std::string>& allowed) {
  std::vector<std::string> notes;
  for (const auto& [file, names] : manifest.variables) {
    std::vector<std::string> read, refused;
    for (const auto& name : names) (variable_allowed(allowed, name) ? read : refused).push_back(name);
    std::string note = fmt::format("{} ", file);
    if (!read.empty()) note += fmt::format("reads {} from flocker's environment", joined(read));
    if (!refused.empty())
      note += fmt::format("{}asked for {}, not allowed (--allow-env), so read as unset",
                          read.empty() ? "" : "; ", joined(refused));
    notes.push_back(note);
  }
  return notes;
}

}  // namespace flocker
