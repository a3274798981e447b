#pragma once
// Editing the SSH user's ~/.ssh/authorized_keys on a node, for the one-time
// keys of direct transfers. An operator's file must survive anything: a file
// without a final newline, a full disk, a temporary file a killed run left,
// two flockers at once. So one small POSIX sh script (it runs on the node, as
// the SSH user, never through sudo) does every edit: under a lock (flock(1) on
// a lock file beside the file, 30 s at most), it writes the new contents into
// a temporary file next to it (a copy made with `cp -p`, so mode and owner
// stay), checks that every line arrived, and renames it over the file. A
// failure removes the temporary file, leaves the file untouched and says so.
//
// Every edit also drops flocker's own lines that expired (their comment is
// flocker-transfer-<hex> and their expiry-time, which flocker writes as UTC
// minutes, is past by the node's clock): those a killed flocker left. A line
// that has not expired yet may be another flocker's, and stays.
#include <string>

#include "remote/host.hpp"

namespace flocker {

// The comment that tags every one-time key line: kTransferMarkerPrefix + 16 hex digits.
inline constexpr const char* kTransferMarkerPrefix = "flocker-transfer-";

// Appends line (without a newline; its comment must be marker) on a line of its
// own, prefixed with `expiry-time="YYYYMMDDHHMMZ",` lifetime_minutes after the
// node's current time. The line goes on stdin.
Argv authorize_key_command(const std::string& marker, int lifetime_minutes);
// Removes exactly the line whose comment (last word) is marker, and nothing else
// (but expired flocker lines).
Argv revoke_key_command(const std::string& marker);
// Removes expired flocker lines only.
Argv prune_expired_keys_command();

// Removes, in ${TMPDIR:-/tmp} of the SSH user, the private key directories
// (flocker-transfer.*) of direct transfers that a killed flocker left: those
// owned by the user, untouched for stale_minutes, whose recorded ssh (pid.N)
// no longer runs.
Argv prune_key_directories_command(int stale_minutes);

// The script itself (for tests that run it with a local sh).
const std::string& authorized_keys_script();

}  // namespace flocker
