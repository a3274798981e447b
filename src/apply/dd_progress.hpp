#pragma once
// Reads what `dd status=progress` writes to stderr in the middle of a
// pipeline: its running byte counts, each after a \r ("\r52428800 bytes (52
// MB, 50 MiB) copied, 1 s, 52 MB/s"), and at the end a newline, its record
// counts and the total.
#include <optional>
#include <string>
#include <string_view>

namespace flocker {

class DdProgress {
 public:
  // Takes stderr as it arrives, in any pieces; returns the newest count
  // completed in this piece, if any.
  std::optional<unsigned long long> feed(std::string_view text);
  // The newest count seen (after the end of the stream: dd's total).
  unsigned long long bytes() const { return bytes_; }
  // What it holds of an unfinished line (bounded, whatever the node prints).
  size_t held_bytes() const { return pending_.size(); }

 private:
  std::string pending_;  // an unfinished line
  unsigned long long bytes_ = 0;
};

// A stream pipeline's stderr reduced to the causes, for an error message:
// without dd's counts, and without the "Broken pipe" each earlier stage
// reports once a later one stopped (unless nothing else is left).
std::string stream_errors(std::string_view err);

}  // namespace flocker
