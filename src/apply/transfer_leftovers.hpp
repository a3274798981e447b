#pragma once
// What a killed flocker can leave of a direct transfer: its one-time key's
// line in the target's authorized_keys (useless once expired) and the private
// key's directory on the source. Every apply removes them on the nodes it
// locked: its own root's (which no other run of that root can be using while
// it holds the lock) and other flockers' once they are stale (a line expired,
// a directory unused for a day), never a directory whose ssh still runs.
#include <string>
#include <vector>

#include "remote/host.hpp"

namespace flocker {

// A day: a directory is reused by every transfer of its move (each one
// touches it), and a move's pre-copy can take hours.
inline constexpr int kStaleKeyDirectoryMinutes = 24 * 60;

// Returns warnings (what could not be checked or removed); never fails an apply.
// root: the root dataset whose lock this run holds on host; its keys and key
// directories are removed at any age (no other run of that root uses them).
std::vector<std::string> remove_transfer_leftovers(Host& host, const std::string& root);

}  // namespace flocker
