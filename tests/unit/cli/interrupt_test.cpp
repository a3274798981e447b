#include "cli/interrupt.hpp"

#include <gtest/gtest.h>

#include <csignal>

namespace flocker {
namespace {

// The handlers are process-wide: the test puts back what it found.
class SavedSignals {
 public:
  SavedSignals() {
    for (int i = 0; i < 3; ++i) sigaction(kSignals[i], nullptr, &saved_[i]);
  }
  ~SavedSignals() {
    for (int i = 0; i < 3; ++i) sigaction(kSignals[i], &saved_[i], nullptr);
  }
  static constexpr int kSignals[3] = {SIGINT, SIGTERM, SIGHUP};

 private:
  struct sigaction saved_[3]{};
};

void (*handler_of(int signal_number))(int) {
  struct sigaction now {};
  sigaction(signal_number, nullptr, &now);
  return now.sa_handler;
}

// `nohup flocker apply`: a hangup must not stop it, as the caller asked.
// SIGINT is caught even if ignored: scripts start background jobs so, and
// `kill -INT` of such an apply must stop it.
TEST(Interrupt, AHangupIgnoredAtStartStaysIgnoredButNotAnInterrupt) {
  SavedSignals saved;
  std::signal(SIGHUP, SIG_IGN);
  std::signal(SIGINT, SIG_IGN);
  std::signal(SIGTERM, SIG_DFL);
  install_interrupt_handler();
  EXPECT_EQ(handler_of(SIGHUP), SIG_IGN);
  EXPECT_NE(handler_of(SIGTERM), SIG_DFL);
  EXPECT_NE(handler_of(SIGINT), SIG_DFL);
  EXPECT_NE(handler_of(SIGINT), SIG_IGN);
}

}  // namespace
}  // namespace flocker
