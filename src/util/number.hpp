#pragma once
// Decimal whole numbers from text, the one place flocker calls from_chars:
// no sign unless the type has one, no spaces, no base prefix, no overflow.
#include <charconv>
#include <optional>
#include <string_view>
#include <type_traits>

namespace flocker {

// The number that is the whole of text; nullopt for anything else ("", "12x", "1e3", too big).
template <class Integer>
requires std::is_integral_v<Integer> std::optional<Integer> parse_number(std::string_view text) {
  Integer value{};
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end) return std::nullopt;
  return value;
}

template <class Integer>
struct LeadingNumber {
  Integer value{};
  std::string_view rest;  // the text after the digits
};

// The number text starts with, and what follows it ("123 bytes" → 123, " bytes").
template <class Integer>
requires std::is_integral_v<Integer> std::optional<LeadingNumber<Integer>> parse_leading_number(
    std::string_view text) {
  LeadingNumber<Integer> out;
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, out.value);
  if (error != std::errc() || stop == text.data()) return std::nullopt;
  out.rest = text.substr(static_cast<size_t>(stop - text.data()));
  return out;
}

}  // namespace flocker
