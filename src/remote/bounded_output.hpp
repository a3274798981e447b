#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace flocker {

// What a command prints, kept within a bound. flocker holds a command's
// output in memory, and a node is not trusted to print a sane amount: a
// broken or hostile `zfs` that prints without end must not exhaust the
// machine flocker runs on.
class BoundedOutput {
 public:
  explicit BoundedOutput(size_t limit) : limit_(limit) {}

  // Keeps what fits within the limit and counts the rest.
  void append(std::string_view data);
  bool overflowed() const { return dropped_ > 0; }
  size_t kept() const { return text_.size(); }
  size_t dropped() const { return dropped_; }
  // The text kept, then a line saying how much was dropped, if anything was.
  std::string take(std::string_view stream_name);

 private:
  size_t limit_;
  size_t dropped_ = 0;
  std::string text_;
};

// stdout: zfs lists of a pool with a million snapshots stay well below it.
inline constexpr size_t kMaxCommandOutputBytes = 256ull * 1024 * 1024;
// stderr: only ever read as a message.
inline constexpr size_t kMaxCommandErrorBytes = 64ull * 1024;

}  // namespace flocker
