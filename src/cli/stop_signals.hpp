#pragma once
// How apply reacts to the signals that ask it to stop. Each of SIGINT,
// SIGTERM and SIGHUP asks for the same graceful stop: no new step starts,
// running steps finish (never half a hand-off), locks are released.
//
// SIGTERM and SIGHUP also mean that a kill may follow soon (a CI system
// cancels a job with SIGINT, then SIGTERM, then SIGKILL: GitHub Actions
// 7.5 s, then 2.5 s; a shutdown; a closed terminal), so they also cut a move
// still in its pre-copy, which may have gigabytes to go. A person's Ctrl-C
// lets that pre-copy finish: they see its ETA, and a zfs-fuse stream cut
// short starts over. Only a person presses Ctrl-C twice: the second SIGINT
// quits at once, whatever came before it.
// Pure state, safe to use from a signal handler (lock-free atomics only).
#include <atomic>

namespace flocker {

enum class SignalReaction {
  Stop,             // the first stop request
  Hurry,            // the first SIGTERM or SIGHUP after a SIGINT's stop
  AlreadyStopping,  // a later SIGTERM or SIGHUP, or the first SIGINT after one of them
  QuitNow,          // the second SIGINT
};

class StopSignals {
 public:
  SignalReaction receive(int signal_number);
  bool stop_requested() const { return first_.load() != 0; }
  // A SIGTERM or SIGHUP came: running pre-copies are cut too.
  bool hurry_requested() const { return hurry_.load(); }
  // 128 + the number of the signal that asked for the stop, as a shell reports
  // a process that signal ended: 130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP.
  // 130 when no signal came (a stop noticed some other way).
  int exit_code() const;

 private:
  std::atomic<int> first_{0};       // the signal that asked for the stop; 0: none yet
  std::atomic<int> interrupts_{0};  // SIGINTs received
  std::atomic<bool> hurry_{false};
  static_assert(std::atomic<int>::is_always_lock_free && std::atomic<bool>::is_always_lock_free);
};

}  // namespace flocker
