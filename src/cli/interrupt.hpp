#pragma once
// Stopping an apply from outside (see stop_signals.hpp): SIGINT, SIGTERM and
// SIGHUP ask flocker to stop starting steps; running steps finish, so no
// hand-off is left half done, and locks are released. SIGTERM and SIGHUP also
// cut a move still in its pre-copy (its application runs on where it was). A
// second SIGINT (Ctrl-C twice) ends the process at once.
namespace flocker {

void install_interrupt_handler();
bool interrupted();
// A SIGTERM or SIGHUP came: a kill may follow, so running pre-copies stop too.
bool hurry_requested();
// What apply exits with once stopped: 128 + the signal that asked (130 for SIGINT).
int interrupted_exit_code();

}  // namespace flocker
