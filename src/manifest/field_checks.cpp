#include "manifest/field_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "manifest/app_fields.hpp"
#include "util/text.hpp"

namespace flocker {

namespace {

bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool is_alnum(char c) {
  return is_lower_alnum(c) || (c >= 'A' && c <= 'Z');
}
bool is_control(char c) {
  return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
}

// path-component := [a-z0-9]+ (separator [a-z0-9]+)*, separator := '.' | '_' | '__' | '-'+
std::optional<std::string> check_path_component(std::string_view part) {
  if (part.empty()) return "it has an empty path component";
  if (!is_lower_alnum(part.front()) || !is_lower_alnum(part.back()))
    return "each path component starts and ends with a lower-case letter or digit";
  size_t i = 0;
  while (i < part.size()) {
    if (is_lower_alnum(part[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < part.size() && !is_lower_alnum(part[end])) ++end;
    const auto separator = part.substr(i, end - i);
    const bool dashes = std::ranges::all_of(separator, [](char c) { return c == '-'; });
    if (!(separator == "." || separator == "_" || separator == "__" || dashes))
      return fmt::format(
          "\"{}\" may not stand in a path component (lower-case letters and digits, separated by "
          "'.', '_', '__' or '-')",
          separator);
    i = end;
  }
  return std::nullopt;
}

// domain := host[:port], host a name of [A-Za-z0-9-] labels or [IPv6].
std::optional<std::string> check_domain(std::string_view domain) {
  auto is_port = [](std::string_view port) {
    return !port.empty() && std::ranges::all_of(port, [](char c) { return c >= '0' && c <= '9'; });
  };
  if (domain.starts_with("[")) {
    const auto close = domain.find(']');
    if (close == std::string_view::npos || !is_ip_address(std::string(domain.substr(1, close - 1))))
      return "its registry is not a host name or [IPv6] address";
    const auto rest = domain.substr(close + 1);
    if (!rest.empty() && (rest.front() != ':' || !is_port(rest.substr(1))))
      return "its registry is not HOST[:PORT]";
    return std::nullopt;
  }
  std::string_view host = domain;
  if (auto colon = domain.rfind(':'); colon != std::string_view::npos) {
    if (!is_port(domain.substr(colon + 1))) return "its registry's port is not a number";
    host = domain.substr(0, colon);
  }
  for (auto label : split(host, '.'))
    if (label.empty() || !is_alnum(label.front()) || !is_alnum(label.back()) ||
        !std::ranges::all_of(label, [](char c) { return is_alnum(c) || c == '-'; }))
      return "its registry is not a host name (letters, digits and '-' between dots)";
  return std::nullopt;
}

std::optional<std::string> check_digest(std::string_view digest) {
  const auto colon = digest.find(':');
  const auto algorithm = digest.substr(0, colon == std::string_view::npos ? 0 : colon);
  const auto hex = colon == std::string_view::npos ? std::string_view{} : digest.substr(colon + 1);
  const bool algorithm_ok =
      !algorithm.empty() && std::isalpha(static_cast<unsigned char>(algorithm.front())) &&
      std::ranges::all_of(algorithm,
                          [](char c) { return is_alnum(c) || c == '+' || c == '.' || c == '-' || c == '_'; });
  const bool hex_ok =
      hex.size() >= 32 && std::ranges::all_of(hex, [](char c) { return std::isxdigit(c) != 0; });
  if (!algorithm_ok || !hex_ok) return "its digest is not ALGORITHM:HEX (e.g. sha256: and 64 hex digits)";
  return std::nullopt;
}

std::optional<std::string> check_tag(std::string_view tag) {
  if (tag.empty() || tag.size() > 128 || !(is_alnum(tag.front()) || tag.front() == '_') ||
      !std::ranges::all_of(tag, [](char c) { return is_alnum(c) || c == '_' || c == '.' || c == '-'; }))
    return "its tag has 1 to 128 letters, digits, '_', '.' and '-', and does not start with '.' or '-'";
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_scalar_text(std::string_view text) {
  if (text.size() > kMaxValueLength)
    return fmt::format(
        "it has {} bytes, more than the {} a value may have (a node's command line is limited)", text.size(),
        kMaxValueLength);
  for (char c : text)
    if (is_control(c) && c != '\t' && c != '\n')
      return c == '\0'
                 ? std::string("it contains a NUL character")
                 : fmt::format("it contains the control character 0x{:02x}", static_cast<unsigned char>(c));
  return std::nullopt;
}

std::optional<std::string> check_host(std::string_view host) {
  if (is_ip_address(std::string(host))) return std::nullopt;
  if (host.empty() || host.size() > 253 || host.front() == '-' || host.front() == '.' ||
      !std::ranges::all_of(host, [](char c) { return is_alnum(c) || c == '.' || c == '-' || c == '_'; }))
    return "a host is an IP address or a name of letters, digits, '.', '-' and '_' that does not start with "
           "'-' "
           "or '.'";
  return std::nullopt;
}

std::optional<std::string> check_user(std::string_view user) {
  if (user.empty() || user.size() > 32 || user.front() == '-' ||
      !std::ranges::all_of(user, [](char c) { return is_alnum(c) || c == '.' || c == '-' || c == '_'; }))
    return "a user name has 1 to 32 letters, digits, '.', '_' and '-', and does not start with '-'";
  return std::nullopt;
}

std::optional<std::string> check_image_reference(std::string_view image) {
  if (image.empty()) return "it is empty";
  if (image.front() == '-') return "it starts with '-'";
  std::string_view name = image;
  if (auto at = image.find('@'); at != std::string_view::npos) {
    if (auto why = check_digest(image.substr(at + 1))) return why;
    name = image.substr(0, at);
  }
  const auto last_slash = name.rfind('/');
  if (auto colon = name.rfind(':');
      colon != std::string_view::npos && (last_slash == std::string_view::npos || colon > last_slash)) {
    if (auto why = check_tag(name.substr(colon + 1))) return why;
    name = name.substr(0, colon);
  }
  if (name.size() > 255) return "its name has more than 255 characters";
  auto parts = split(name, '/');
  const auto first = parts.front();
  if (parts.size() > 1 && (first.find_first_of(".:") != std::string_view::npos || first == "localhost" ||
                           first.starts_with("["))) {
    if (auto why = check_domain(first)) return why;
    parts.erase(parts.begin());
  }
  for (auto part : parts)
    if (auto why = check_path_component(part)) return why;
  return std::nullopt;
}

std::optional<std::string> check_label_key(std::string_view key) {
  if (key.empty()) return "a label needs a name";
  for (char c : key)
    if (c == '=' || c == ' ' || is_control(c)) return "a label name has no '=', spaces or control characters";
  return std::nullopt;
}

std::optional<std::string> check_secret_name(std::string_view name) {
  if (name.starts_with("#"))
    return "docker's --env-file, which carries secrets to the container, reads a line starting with '#' as a "
           "comment";
  if (std::ranges::any_of(name, [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
    return "a secret's name is ASCII: docker's --env-file drops a leading byte-order mark";
  return std::nullopt;
}

}  // namespace flocker
