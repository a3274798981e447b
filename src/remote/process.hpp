#pragma once
// A command running on a node whose stdin and stdout are streamed, for data
// that does not fit in memory (zfs send | zfs receive).
#include <functional>
#include <span>
#include <string_view>

#include "remote/host.hpp"

namespace flocker {

class RemoteProcess {
 public:
  virtual ~RemoteProcess() = default;
  // Up to buffer.size() bytes of stdout; 0 once stdout has ended.
  virtual Result<size_t> read_output(std::span<char> buffer) = 0;
  virtual Status write_input(std::string_view data) = 0;
  virtual Status close_input() = 0;
  // Waits for the exit; out holds stdout not read yet, err all of stderr.
  virtual Result<CommandResult> wait() = 0;

  // Shows stderr as it arrives, while stdout is read or the exit awaited
  // (progress that a pipeline reports there). Set before reading.
  void watch_stderr(std::function<void(std::string_view)> watcher) { stderr_watcher_ = std::move(watcher); }

  // Gives up reading or waiting, with an error, once stop() returns true
  // (asked while no output arrives, at least every few hundred milliseconds).
  // The command itself runs on: ending it is the caller's business. An empty
  // function (the default) never gives up.
  void give_up_when(std::function<bool()> stop) { give_up_ = std::move(stop); }

 protected:
  void stderr_arrived(std::string_view text) const {
    if (stderr_watcher_ && !text.empty()) stderr_watcher_(text);
  }
  bool giving_up() const { return give_up_ && give_up_(); }

 private:
  std::function<void(std::string_view)> stderr_watcher_;
  std::function<bool()> give_up_;
};

}  // namespace flocker
