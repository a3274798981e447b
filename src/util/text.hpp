#pragma once
// Small text helpers shared by parsers and messages.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flocker {

std::vector<std::string_view> split_lines(std::string_view text);
std::vector<std::string_view> split(std::string_view text, char separator);
std::string_view trim(std::string_view text);

// The candidate closest to word by edit distance, if it is close enough to be
// a likely typo ("imgae" → "image").
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace flocker
