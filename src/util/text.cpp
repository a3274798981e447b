#include "util/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace flocker {

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (auto line : split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
  }
  // A trailing newline does not start another line.
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::string_view trim(std::string_view text) {
  const char* spaces = " \t\r\n";
  size_t first = text.find_first_not_of(spaces);
  if (first == std::string_view::npos) return {};
  size_t last = text.find_last_not_of(spaces);
  return text.substr(first, last - first + 1);
}

namespace {

// The edit distance of a and b, or limit + 1 once it is sure to exceed limit:
// a word far from every candidate costs little, whatever their number.
size_t bounded_edit_distance(std::string_view a, std::string_view b, size_t limit) {
  const size_t length_gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (length_gap > limit) return limit + 1;
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    size_t row_min = row[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      row_min = std::min(row_min, row[j]);
    }
    if (row_min > limit) return limit + 1;
  }
  return row[b.size()];
}

}  // namespace

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  if (word.size() > kMaxSuggestedWordLength) return best;           // not a typo of a name
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;  // beyond that, not a typo
  size_t looked_at = 0;
  for (const auto& candidate : candidates) {
    if (++looked_at > kMaxSuggestionCandidates) break;
    size_t distance = bounded_edit_distance(word, candidate, best_distance - 1);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

namespace {

// The length of the valid UTF-8 sequence at text[i], or 0.
size_t utf8_length(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  size_t length = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 && lead <= 0xdf ? 2 : 0;
  if (length == 0 || i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k)
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
  // No overlong forms, surrogates or code points past U+10FFFF.
  if (lead == 0xe0 && byte(i + 1) < 0xa0) return 0;
  if (lead == 0xed && byte(i + 1) >= 0xa0) return 0;
  if (lead == 0xf0 && byte(i + 1) < 0x90) return 0;
  if (lead == 0xf4 && byte(i + 1) >= 0x90) return 0;
  return length;
}

}  // namespace

std::string printable(std::string_view text, bool single_line) {
  std::string shown;
  shown.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      const bool kept = (c >= 0x20 && c != 0x7f) || (!single_line && (c == '\n' || c == '\t'));
      if (kept)
        shown += static_cast<char>(c);
      else
        shown += fmt::format("\\x{:02x}", c);
      ++i;
      continue;
    }
    const size_t length = utf8_length(text, i);
    if (length == 0) {
      shown += fmt::format("\\x{:02x}", c);
      ++i;
      continue;
    }
    // U+0080..U+009F, the C1 controls (CSI is U+009B), are C2 80..C2 9F.
    if (c == 0xc2 && static_cast<unsigned char>(text[i + 1]) < 0xa0)
      shown += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[i + 1]));
    else
      shown.append(text.substr(i, length));
    i += length;
  }
  return shown;
}

}  // namespace flocker
