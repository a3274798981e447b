#include "util/table.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace flocker {

namespace {

// Width as shown: UTF-8 continuation bytes take no column.
size_t display_width(const std::string& text) {
  return static_cast<size_t>(
      std::ranges::count_if(text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::string render_table(const std::vector<std::vector<std::string>>& raw_rows) {
  // Cells often hold what a node said (names, images, errors): shown, never obeyed.
  std::vector<std::vector<std::string>> rows;
  for (const auto& raw : raw_rows) {
    auto& row = rows.emplace_back();
    for (const auto& cell : raw) row.push_back(printable(cell, true));
  }
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], display_width(row[i]));
  }
  std::string text;
  for (const auto& row : rows) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(widths[i] - display_width(row[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    text += line + "\n";
  }
  return text;
}

}  // namespace flocker
