#include "manifest/names.hpp"

#include <fmt/format.h>

#include "util/text.hpp"

namespace flocker {

namespace {

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool is_alnum(char c) {
  return is_lower_alnum(c) || (c >= 'A' && c <= 'Z');
}

std::optional<std::string> check_simple_name(std::string_view name, std::string_view what) {
  constexpr size_t kMaxLength = 63;
  auto rule = fmt::format(
      "{} names use lower-case letters, digits, '-' and '_', start and end with a letter or "
      "digit, and have at most {} characters",
      what, kMaxLength);
  if (name.empty() || name.size() > kMaxLength) return rule;
  if (!is_lower_alnum(name.front()) || !is_lower_alnum(name.back())) return rule;
  for (char c : name)
    if (!is_lower_alnum(c) && c != '-' && c != '_') return rule;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_app_name(std::string_view name) {
  return check_simple_name(name, "application");
}

std::optional<std::string> check_volume_name(std::string_view name) {
  return check_simple_name(name, "volume");
}

std::optional<std::string> check_node_name(std::string_view name) {
  constexpr size_t kMaxLength = 253;
  std::string rule = "node names use letters, digits, '.', '-' and '_', and start with a letter or digit";
  if (name.empty() || name.size() > kMaxLength || !is_alnum(name.front())) return rule;
  for (char c : name)
    if (!is_alnum(c) && c != '.' && c != '-' && c != '_') return rule;
  return std::nullopt;
}

std::optional<std::string> check_dataset_path(std::string_view path) {
  constexpr size_t kMaxLength = 200;  // leaves room under ZFS's 255 for "/<app>.<volume>@snap"
  if (path.empty()) return "a dataset name may not be empty";
  if (path.size() > kMaxLength)
    return fmt::format("a dataset name may have at most {} characters", kMaxLength);
  auto parts = split(path, '/');
  if (!((path.front() >= 'a' && path.front() <= 'z') || (path.front() >= 'A' && path.front() <= 'Z')))
    return "a pool name starts with a letter";
  for (auto part : parts) {
    if (part.empty()) return "a dataset name has no empty components (no leading, trailing or double '/')";
    if (part == "." || part == "..") return "a dataset name has no '.' or '..' components";
    for (char c : part)
      if (!is_alnum(c) && c != '_' && c != '-' && c != '.')
        return fmt::format("a dataset name uses letters, digits, '_', '-', '.' and '/', not '{}'", c);
  }
  return std::nullopt;
}

std::optional<std::string> check_mountpoint(std::string_view path) {
  if (path.empty() || path.front() != '/') return "a mountpoint is an absolute path such as /data";
  if (path == "/") return "a volume cannot be mounted over the container's root";
  if (path.back() == '/') return "a mountpoint has no trailing '/'";
  for (char c : path) {
    if (c == ':' || c == ',')
      return fmt::format("a mountpoint may not contain '{}' (Docker's volume syntax uses it)", c);
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      return "a mountpoint may not contain control characters";
  }
  for (auto part : split(path.substr(1), '/')) {
    if (part.empty()) return "a mountpoint has no empty components ('//')";
    if (part == "." || part == "..") return "a mountpoint has no '.' or '..' components";
  }
  for (std::string_view system : {"/proc", "/sys", "/dev"})
    if (path == system || path.starts_with(std::string(system) + "/"))
      return fmt::format("{} belongs to the container's kernel interfaces: a volume there would hide them",
                         system);
  return std::nullopt;
}

}  // namespace flocker
