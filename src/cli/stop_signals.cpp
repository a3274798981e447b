#include "cli/stop_signals.hpp"

#include <csignal>

namespace flocker {

SignalReaction StopSignals::receive(int signal_number) {
  if (signal_number == SIGINT && interrupts_.fetch_add(1) > 0) return SignalReaction::QuitNow;
  const bool first_hurry = signal_number != SIGINT && !hurry_.exchange(true);
  int none = 0;
  if (first_.compare_exchange_strong(none, signal_number)) return SignalReaction::Stop;
  return first_hurry ? SignalReaction::Hurry : SignalReaction::AlreadyStopping;
}

int StopSignals::exit_code() const {
  const int signal_number = first_.load();
  return 128 + (signal_number != 0 ? signal_number : SIGINT);
}

}  // namespace flocker
