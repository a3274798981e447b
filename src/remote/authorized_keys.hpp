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
// flocker-transfer-[<scope>-]<hex> and their expiry-time, which flocker
// writes as UTC minutes, is past by the node's clock): those a killed flocker
// left. A line that has not expired yet may be another flocker's, and stays,
// but for a prune of its scope: a run that holds the lock of a root on a node
// knows that no other run of that root is using that root's lines there.
#include <string>

#include "remote/host.hpp"

namespace flocker {

// The comment that tags every one-time key line: kTransferMarkerPrefix + scope
// + "-" + 16 hex digits (lines of older flockers: no scope).
inline constexpr const char* kTransferMarkerPrefix = "flocker-transfer-";

// The scope of the one-time keys of the project whose root dataset on the
// node is root: 8 hex digits of its SHA-256. Private key directories on the
// sending node are ${TMPDIR:-/tmp}/flocker-transfer-<scope>.XXXXXX.
std::string transfer_scope(const std::string& root);

// Appends line (without a newline; its comment must be marker) on a line of its
// own, prefixed with `expiry-time="YYYYMMDDHHMMZ",` lifetime_minutes after the
// node's current time. The line goes on stdin.
Argv authorize_key_command(const std::string& marker, int lifetime_minutes);
// Removes exactly the line whose comment (last word) is marker, and nothing else
// (but expired flocker lines).
Argv revoke_key_command(const std::string& marker);
// Removes expired flocker lines, and every line of scope (when not empty).
// REQUIRES: a scope is given only by a run that holds its root's lock on the node.
Argv prune_keys_command(const std::string& scope = {});

// Removes, in ${TMPDIR:-/tmp} of the SSH user, the private key directories
// of direct transfers that a killed flocker left: those owned by the user,
// untouched for stale_minutes (or of scope, at any age), whose recorded ssh
// (pid.N) no longer runs. REQUIRES: as prune_keys_command.
Argv prune_key_directories_command(int stale_minutes, const std::string& scope = {});

// The script itself (for tests that run it with a local sh).
const std::string& authorized_keys_script();

}  // namespace flocker
