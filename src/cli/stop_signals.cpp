#include "cli/stop_signals.hpp"

#include <csignal>

namespace flocker {

SignalReaction StopSignals::receive(int signal_number) {
  if (signal_number == SIGINT && interrupts_.fetch_add(1) > 0) return SignalReaction::QuitNow;
  int none = 0;
  return first_.compare_exchange_strong(none, signal_number) ? SignalReaction::Stop
                                                             : SignalReaction::AlreadyStopping;
}

int StopSignals::exit_code() const {
  const int signal_number = first_.load();
  return 128 + (signal_number != 0 ? signal_number : SIGINT);
}

}  // namespace flocker
