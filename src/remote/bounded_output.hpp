#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace flocker {

// What a command prints, kept within a bound. flocker holds a command's
// output in memory, and a node is not trusted to print a sane amount: a
// broken or hostile `zfs` that prints without end must not exhaust the
// machine flocker runs on. It keeps the first quarter of the limit and the
// last three quarters: a long transfer's stderr is mostly progress, and its
// cause of failure comes at the end.
class BoundedOutput {
 public:
  explicit BoundedOutput(size_t limit) : head_limit_(limit / 4), tail_limit_(limit - limit / 4) {}

  void append(std::string_view data);
  bool overflowed() const { return dropped_ > 0; }
  size_t kept() const { return head_.size() + tail_.size(); }
  size_t dropped() const { return dropped_; }
  // The text kept; where something was dropped, a line saying how much.
  std::string take(std::string_view stream_name);

 private:
  size_t head_limit_;
  size_t tail_limit_;
  size_t dropped_ = 0;
  std::string head_;
  std::string tail_;  // may hold up to twice tail_limit_ between trims
};

// stdout: zfs lists of a pool with a million snapshots stay well below it.
inline constexpr size_t kMaxCommandOutputBytes = 256ull * 1024 * 1024;
// stderr: only ever read as a message.
inline constexpr size_t kMaxCommandErrorBytes = 64ull * 1024;

}  // namespace flocker
