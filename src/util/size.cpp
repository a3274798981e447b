#include "util/size.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <limits>

namespace flocker {

std::optional<std::uint64_t> parse_size(std::string_view text) {
  size_t i = 0;
  std::uint64_t number = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
    if (number > std::numeric_limits<std::uint64_t>::max() / 10) return std::nullopt;
    number = number * 10 + static_cast<std::uint64_t>(text[i] - '0');
    ++i;
  }
  if (i == 0) return std::nullopt;
  auto unit = text.substr(i);
  if (unit.empty() || unit == "b" || unit == "B") return number;
  int shift = 0;
  switch (std::toupper(static_cast<unsigned char>(unit.front()))) {
    case 'K':
      shift = 10;
      break;
    case 'M':
      shift = 20;
      break;
    case 'G':
      shift = 30;
      break;
    case 'T':
      shift = 40;
      break;
    case 'P':
      shift = 50;
      break;
    default:
      return std::nullopt;
  }
  unit.remove_prefix(1);
  // 1G, 1GB, 1GiB, 1g, 1gb: all powers of 1024, as ZFS and Docker read them.
  if (!(unit.empty() || unit == "B" || unit == "b" || unit == "iB" || unit == "ib")) return std::nullopt;
  if (number > (std::numeric_limits<std::uint64_t>::max() >> shift)) return std::nullopt;
  return number << shift;
}

std::string format_size(std::uint64_t bytes) {
  static constexpr const char* kUnits[] = {"", "K", "M", "G", "T", "P"};
  int unit = 0;
  while (unit < 5 && bytes != 0 && bytes % 1024 == 0) {
    bytes /= 1024;
    ++unit;
  }
  return fmt::format("{}{}", bytes, kUnits[unit]);
}

std::string human_bytes(unsigned long long bytes) {
  static constexpr std::array<const char*, 6> kUnits = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  double value = static_cast<double>(bytes);
  size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < kUnits.size()) {
    value /= 1024.0;
    ++unit;
  }
  std::array<char, 32> buffer{};
  if (unit == 0)
    std::snprintf(buffer.data(), buffer.size(), "%llu B", bytes);
  else
    std::snprintf(buffer.data(), buffer.size(), "%.1f %s", value, kUnits[unit]);
  return buffer.data();
}

}  // namespace flocker
