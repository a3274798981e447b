#include "remote/bounded_output.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace flocker {

void BoundedOutput::append(std::string_view data) {
  const size_t to_head = std::min(head_limit_ - head_.size(), data.size());
  head_.append(data.substr(0, to_head));
  data.remove_prefix(to_head);
  if (data.empty()) return;
  tail_.append(data);
  // Trimmed in batches, so that appending stays linear.
  if (tail_.size() > 2 * tail_limit_) {
    const size_t cut = tail_.size() - tail_limit_;
    tail_.erase(0, cut);
    dropped_ += cut;
  }
}

std::string BoundedOutput::take(std::string_view stream_name) {
  if (tail_.size() > tail_limit_) {
    const size_t cut = tail_.size() - tail_limit_;
    tail_.erase(0, cut);
    dropped_ += cut;
  }
  std::string text = std::move(head_);
  if (dropped_ > 0) {
    if (!text.empty() && text.back() != '\n') text += '\n';
    text += fmt::format("[flocker dropped {} bytes the node printed on {} here]\n", dropped_, stream_name);
  }
  text += tail_;
  head_.clear();
  tail_.clear();
  return text;
}

}  // namespace flocker
