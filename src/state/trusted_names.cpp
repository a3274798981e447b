#include "state/trusted_names.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "manifest/names.hpp"
#include "util/text.hpp"

namespace flocker {

namespace {
constexpr size_t kMaxComponent = 255;  // ZFS_MAX_DATASET_NAME_LEN is 256 with the NUL
constexpr size_t kMaxResumeToken = 16384;
}  // namespace

bool is_flocker_snapshot(std::string_view name) {
  constexpr std::string_view prefix = "flocker-";
  if (!name.starts_with(prefix)) return false;
  auto number = name.substr(prefix.size());
  return !number.empty() && number.size() <= 18 &&
         std::ranges::all_of(number, [](char c) { return c >= '0' && c <= '9'; });
}

bool is_snapshot_name(std::string_view name) {
  return !name.empty() && name.size() <= kMaxComponent && std::ranges::all_of(name, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.' || c == ':';
  });
}

bool is_resume_token(std::string_view token) {
  return token.size() > 2 && token.size() <= kMaxResumeToken && token.starts_with("1-") &&
         std::ranges::all_of(
             token, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '-'; });
}

bool is_flocker_dataset(std::string_view name, std::string_view root, std::string_view app,
                        std::string_view volume) {
  if (check_app_name(app) || check_volume_name(volume)) return false;
  return name == fmt::format("{}/{}.{}", root, app, volume);
}

std::optional<std::string> untrusted_name_problem(std::string_view node, std::string_view what,
                                                  std::string_view value, bool valid) {
  if (valid) return std::nullopt;
  return fmt::format("{} reports {} \"{}\", which is not one flocker writes", node, what,
                     printable(value.substr(0, 300)));
}

}  // namespace flocker
