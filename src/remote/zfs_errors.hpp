#pragma once
// What kind of failure a zfs command reported. This is the one place that
// reads zfs's wording: callers branch on the kind (as on leveldb's
// Status::IsNotFound), and the message stays for people. OpenZFS 2.3 and
// zfs-fuse 0.7 word some failures differently; each kind covers both, as
// recorded in tests/fixtures/zfs (every recorded error is checked there).
#include <string_view>

#include "remote/host.hpp"

namespace flocker {

enum class ZfsFailure {
  None,              // the command succeeded
  AlreadyExists,     // the dataset, snapshot or hold tag is there already
  Busy,              // in use for the moment (a mount, a process, zfs-fuse after a receive)
  Held,              // a snapshot with holds: it stays until they are released, so waiting is vain
  NotFound,          // the dataset, snapshot, incremental source or pool does not exist
  NotMounted,        // an unmount of a dataset that is not mounted
  NoSpace,           // out of space, or over a quota
  PermissionDenied,  // the node's user may not do it
  Modified,          // receive: the target changed since its newest snapshot
  NotIncremental,    // receive: the target's newest snapshot is not the stream's base
  IncompleteStream,  // receive: the stream ended early or arrived damaged
  InvalidName,       // a name zfs refuses
  Unsupported,       // this zfs lacks the command, option or property (zfs-fuse, old OpenZFS)
  Other,             // a failure none of the above names
};

ZfsFailure classify_zfs_failure(const CommandResult& result);

// "busy", "held", …: for test messages and logs.
std::string_view zfs_failure_name(ZfsFailure failure);

}  // namespace flocker
