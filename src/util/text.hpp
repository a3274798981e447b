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

// text as it may be shown on a terminal: what a manifest or a node says may
// hold control sequences (ESC [ … that recolour, move the cursor, retitle the
// window). C0 controls, DEL and C1 controls become "\x1b", "\x7f", "\u009b";
// bytes that are not UTF-8 become "\xNN"; the rest of UTF-8 is kept, and so
// are newline and tab (unless single_line).
std::string printable(std::string_view text, bool single_line = false);

// "1.5 MiB", "200 B": for sizes shown to people.
std::string human_bytes(unsigned long long bytes);

}  // namespace flocker
