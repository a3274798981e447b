#pragma once
// What a stream may not bring: a source node is not trusted to decide how the
// target mounts its copy. A stream made with `zfs send -p` or `-R` (which
// flocker never runs) carries properties, and child datasets, that a plain
// receive applies: a mountpoint over /etc, a child mounted anywhere. OpenZFS
// excludes the mount properties at the receive (-x); zfs-fuse cannot, so on
// both flavours a received copy is checked before it is mounted or handed over.
#include <optional>
#include <string>
#include <string_view>

#include "remote/host.hpp"

namespace flocker {

// What is wrong with the copy, from the output of zfs::get_received(dataset)
// and zfs::list_filesystems(dataset); nothing when it is only the data.
std::optional<std::string> received_copy_problem(const std::string& dataset, std::string_view received,
                                                 std::string_view filesystems);

// Runs both commands on host; an error naming the copy, the node and what it carries.
Status check_received_copy(Host& host, const std::string& dataset);

}  // namespace flocker
