#include "util/duration.hpp"

#include <array>
#include <limits>

namespace flocker {

namespace {

struct Unit {
  char suffix;
  long long seconds;
};

// From the largest down: the order parse_duration requires and format_duration writes.
constexpr std::array<Unit, 4> kUnits = {{{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}}};

}  // namespace

std::optional<long long> parse_duration(std::string_view text) {
  constexpr long long kMax = std::numeric_limits<long long>::max();
  if (text.empty()) return std::nullopt;
  long long total = 0;
  size_t next_unit = 0;  // units must come from the largest down, each once
  size_t i = 0;
  while (i < text.size()) {
    long long number = 0;
    const size_t start = i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      if (number > (kMax - (text[i] - '0')) / 10) return std::nullopt;
      number = number * 10 + (text[i] - '0');
    }
    if (i == start) return std::nullopt;  // a unit without a number, or a sign
    if (i == text.size()) {               // a bare number: seconds, and alone
      if (start != 0) return std::nullopt;
      return number;
    }
    const char suffix = text[i++];
    size_t unit = next_unit;
    while (unit < kUnits.size() && kUnits[unit].suffix != suffix) ++unit;
    if (unit == kUnits.size()) return std::nullopt;
    next_unit = unit + 1;
    if (number > (kMax - total) / kUnits[unit].seconds) return std::nullopt;
    total += number * kUnits[unit].seconds;
  }
  return total;
}

std::string format_duration(long long seconds) {
  if (seconds == 0) return "0s";
  std::string out;
  unsigned long long rest = static_cast<unsigned long long>(seconds);
  if (seconds < 0) {
    out = "-";
    rest = 0 - rest;  // in unsigned arithmetic, so the most negative value has a magnitude too
  }
  for (const auto& unit : kUnits) {
    const auto size = static_cast<unsigned long long>(unit.seconds);
    if (rest >= size) {
      out += std::to_string(rest / size);
      out += unit.suffix;
      rest %= size;
    }
  }
  return out;
}

}  // namespace flocker
