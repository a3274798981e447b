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
// a likely typo ("imgae" → "image"). Its cost is bounded for hostile input:
// only the first kMaxSuggestionCandidates candidates are compared, a word
// longer than kMaxSuggestedWordLength gets none, and each comparison stops
// as soon as it cannot be a typo.
inline constexpr size_t kMaxSuggestionCandidates = 10000;
inline constexpr size_t kMaxSuggestedWordLength = 256;
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

// text as it may be shown on a terminal: what a manifest or a node says may
// hold control sequences (ESC [ … that recolour, move the cursor, retitle the
// window). C0 controls, DEL and C1 controls become "\x1b", "\x7f", "\u009b";
// bytes that are not UTF-8 become "\xNN"; the rest of UTF-8 is kept, and so
// are newline and tab (unless single_line).
std::string printable(std::string_view text, bool single_line = false);

}  // namespace flocker
