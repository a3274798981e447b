#include "remote/bounded_output.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace flocker {

void BoundedOutput::append(std::string_view data) {
  const size_t room = limit_ - std::min(limit_, text_.size());
  const size_t kept = std::min(room, data.size());
  text_.append(data.substr(0, kept));
  dropped_ += data.size() - kept;
}

std::string BoundedOutput::take(std::string_view stream_name) {
  std::string text = std::move(text_);
  text_.clear();
  if (dropped_ > 0) {
    if (!text.empty() && text.back() != '\n') text += '\n';
    text += fmt::format("[flocker kept the first {} bytes the node printed on {}; {} more were dropped]\n",
                        limit_, stream_name, dropped_);
  }
  return text;
}

}  // namespace flocker
