#pragma once
// Ctrl-C during apply: the first SIGINT (or SIGTERM) asks flocker to stop
// starting steps; running steps finish, so no hand-off is left half done,
// and locks are released. A second one ends the process at once.
namespace flocker {

void install_interrupt_handler();
bool interrupted();

inline constexpr int kInterruptedExitCode = 130;

}  // namespace flocker
