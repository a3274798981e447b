#include "apply/dd_progress.hpp"

#include <cctype>

#include "util/number.hpp"

namespace flocker {

namespace {

// Longer than any line dd prints about its progress.
constexpr size_t kLongestReport = 4096;

// "123 bytes (…) copied, …" or "123 bytes copied, …": the count.
std::optional<unsigned long long> byte_count(std::string_view line) {
  auto count = parse_leading_number<unsigned long long>(line);
  if (!count) return std::nullopt;
  if (!count->rest.starts_with(" bytes") || count->rest.find(" copied") == std::string_view::npos)
    return std::nullopt;
  return count->value;
}

// "12+3 records in" / "12+3 records out".
bool is_record_count(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && (std::isdigit(static_cast<unsigned char>(line[i])) != 0 || line[i] == '+')) ++i;
  return i > 0 && (line.substr(i) == " records in" || line.substr(i) == " records out");
}

template <typename LineFn>
void for_each_line(std::string_view text, LineFn&& fn) {
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\r' || text[i] == '\n') {
      fn(text.substr(start, i - start));
      start = i + 1;
    }
  if (start < text.size()) fn(text.substr(start));
}

}  // namespace

std::optional<unsigned long long> DdProgress::feed(std::string_view text) {
  pending_ += text;
  std::optional<unsigned long long> newest;
  size_t start = 0;
  for (size_t i = 0; i < pending_.size(); ++i)
    if (pending_[i] == '\r' || pending_[i] == '\n') {
      if (auto bytes = byte_count(std::string_view(pending_).substr(start, i - start))) newest = *bytes;
      start = i + 1;
    }
  pending_.erase(0, start);
  // A report is one short line: a node that prints without a line end keeps
  // only its last few KiB here, never all of it.
  if (pending_.size() > kLongestReport) pending_.erase(0, pending_.size() - kLongestReport);
  // dd writes \r before each report, not after: a report is whole once it
  // says "copied" (its count comes first), without waiting for the next one.
  if (auto bytes = byte_count(pending_)) newest = *bytes;
  if (newest) bytes_ = *newest;
  return newest;
}

std::string stream_errors(std::string_view err) {
  std::string causes, consequences;
  for_each_line(err, [&](std::string_view line) {
    if (line.empty() || byte_count(line) || is_record_count(line)) return;
    (line.find("Broken pipe") == std::string_view::npos ? causes : consequences) += std::string(line) + "\n";
  });
  return causes.empty() ? consequences : causes;
}

}  // namespace flocker
