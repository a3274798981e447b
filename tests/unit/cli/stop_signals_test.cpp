#include "cli/stop_signals.hpp"

#include <gtest/gtest.h>

#include <csignal>

namespace flocker {
namespace {

TEST(StopSignals, ACiCancelIsOneGracefulStopThatHurriesAtTheSigterm) {
  // GitHub Actions cancels with SIGINT, then SIGTERM 7.5 s later, then
  // SIGKILL 2.5 s after: the SIGTERM must not turn the graceful stop into an
  // immediate exit, but it does cut pre-copies, for the kill that follows.
  StopSignals signals;
  EXPECT_FALSE(signals.stop_requested());
  EXPECT_EQ(signals.receive(SIGINT), SignalReaction::Stop);
  EXPECT_TRUE(signals.stop_requested());
  EXPECT_FALSE(signals.hurry_requested());
  EXPECT_EQ(signals.receive(SIGTERM), SignalReaction::Hurry);
  EXPECT_TRUE(signals.hurry_requested());
  EXPECT_EQ(signals.receive(SIGTERM), SignalReaction::AlreadyStopping);
  EXPECT_EQ(signals.exit_code(), 130);
}

TEST(StopSignals, OnlyASecondCtrlCQuitsAtOnce) {
  StopSignals signals;
  EXPECT_EQ(signals.receive(SIGINT), SignalReaction::Stop);
  EXPECT_EQ(signals.receive(SIGHUP), SignalReaction::Hurry);
  EXPECT_EQ(signals.receive(SIGHUP), SignalReaction::AlreadyStopping);
  EXPECT_EQ(signals.receive(SIGINT), SignalReaction::QuitNow);
}

TEST(StopSignals, TermAndHangupStopGracefullyAndSaySoInTheExitCode) {
  StopSignals term;
  EXPECT_EQ(term.receive(SIGTERM), SignalReaction::Stop);
  EXPECT_TRUE(term.hurry_requested());
  EXPECT_EQ(term.exit_code(), 143);
  // A person's Ctrl-C after a SIGTERM is their first: it does not quit yet.
  EXPECT_EQ(term.receive(SIGINT), SignalReaction::AlreadyStopping);
  EXPECT_EQ(term.receive(SIGINT), SignalReaction::QuitNow);
  EXPECT_EQ(term.exit_code(), 143);

  StopSignals hangup;
  EXPECT_EQ(hangup.receive(SIGHUP), SignalReaction::Stop);
  EXPECT_EQ(hangup.receive(SIGTERM), SignalReaction::AlreadyStopping);
  EXPECT_EQ(hangup.exit_code(), 129);
}

}  // namespace
}  // namespace flocker
