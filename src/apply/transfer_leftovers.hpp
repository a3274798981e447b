#pragma once
// What a killed flocker can leave of a direct transfer: its one-time key's
// line in the target's authorized_keys (useless once expired) and the private
// key's directory on the source. Every apply removes them on the nodes it
// locked, never what a live flocker still uses (a line not yet expired, a
// directory used in the last day or whose ssh still runs).
#include <string>
#include <vector>

#include "remote/host.hpp"

namespace flocker {

// A day: a directory is reused by every transfer of its move (each one
// touches it), and a move's pre-copy can take hours.
inline constexpr int kStaleKeyDirectoryMinutes = 24 * 60;

// Returns warnings (what could not be checked or removed); never fails an apply.
std::vector<std::string> remove_transfer_leftovers(Host& host);

}  // namespace flocker
