#include "cli/interrupt.hpp"

#include <unistd.h>

#include <csignal>
#include <string_view>

#include "cli/stop_signals.hpp"

namespace flocker {

namespace {

StopSignals g_stop;

// Only write(2) here: it is async-signal-safe; stdio is not.
void say(std::string_view text) {
  (void)!write(STDERR_FILENO, text.data(), text.size());
}

constexpr std::string_view kCutting =
    " a move still in its pre-copy, or a replica's transfer, stops there, the application running on where "
    "it was.\n";

const char* name(int signal_number) {
  return signal_number == SIGTERM ? "\nTerminated (SIGTERM):" : "\nHangup (SIGHUP):";
}

extern "C" void on_stop_signal(int signal_number) {
  switch (g_stop.receive(signal_number)) {
    case SignalReaction::Stop:
      if (signal_number == SIGINT) {
        say("\nInterrupted: no new step will start; the running ones finish (SIGTERM cuts a move's pre-copy "
            "or a replica's transfer short), then the locks are released. Ctrl-C again quits at once.\n");
      } else {
        say(name(signal_number));
        say(" no new step will start; the running ones finish, but");
        say(kCutting);
        say("Then the locks are released.\n");
      }
      return;
    case SignalReaction::Hurry:
      say(name(signal_number));
      say(kCutting);
      return;
    case SignalReaction::AlreadyStopping:
      say("\nAlready stopping: waiting for the running steps (a second Ctrl-C quits at once).\n");
      return;
    case SignalReaction::QuitNow:
      say("\nQuitting now: the nodes stay locked (`flocker force-unlock NODE` once no flocker runs), and a "
          "running step is cut where it was; `flocker plan` shows what is left.\n");
      std::signal(signal_number, SIG_DFL);
      std::raise(signal_number);
      return;
  }
}

}  // namespace

void install_interrupt_handler() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  // SA_RESTART: a signal must not cut short a write of a JSON event line.
  action.sa_flags = SA_RESTART;
  sigemptyset(&action.sa_mask);
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&action.sa_mask, signal_number);
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    // A hangup ignored when flocker started (`nohup flocker apply`) stays
    // ignored, as the caller asked. Not SIGINT: a shell script starts its
    // background jobs with SIGINT ignored, and `kill -INT` must still stop them.
    struct sigaction previous {};
    if (signal_number == SIGHUP && sigaction(signal_number, nullptr, &previous) == 0 &&
        previous.sa_handler == SIG_IGN)
      continue;
    sigaction(signal_number, &action, nullptr);
  }
}

bool interrupted() {
  return g_stop.stop_requested();
}

bool hurry_requested() {
  return g_stop.hurry_requested();
}

int interrupted_exit_code() {
  return g_stop.exit_code();
}

}  // namespace flocker
