#pragma once
// How apply reacts to the signals that ask it to stop. CI systems cancel a
// job with SIGINT, then SIGTERM some seconds later, then SIGKILL (GitHub
// Actions: 7.5 s, then 2.5 s); a terminal that closes sends SIGHUP. Each of
// them asks for the same graceful stop: no new step starts, a running move
// stops at its next safe point, locks are released. Only a person presses
// Ctrl-C twice: the second SIGINT quits at once, whatever came before it.
// Pure state, safe to use from a signal handler (lock-free atomics only).
#include <atomic>

namespace flocker {

enum class SignalReaction {
  Stop,             // the first stop request
  AlreadyStopping,  // a later SIGTERM or SIGHUP, or the first SIGINT after one of them
  QuitNow,          // the second SIGINT
};

class StopSignals {
 public:
  SignalReaction receive(int signal_number);
  bool stop_requested() const { return first_.load() != 0; }
  // 128 + the number of the signal that asked for the stop, as a shell reports
  // a process that signal ended: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP.
  // 130 when no signal came (a stop noticed some other way).
  int exit_code() const;

 private:
  std::atomic<int> first_{0};       // the signal that asked for the stop; 0: none yet
  std::atomic<int> interrupts_{0};  // SIGINTs received
  static_assert(std::atomic<int>::is_always_lock_free);
};

}  // namespace flocker
