#pragma once
// Pure parsers for `zfs` output, tested on recorded output of OpenZFS 2.3 and
// zfs-fuse 0.7 (tests/fixtures/zfs).
#include <string>
#include <string_view>
#include <vector>

#include "remote/zfs_commands.hpp"  // the columns the parsers read: observed_zfs_properties, listed_zfs_properties
#include "state/model.hpp"
#include "util/result.hpp"

namespace flocker {

struct ZfsVersion {
  ZfsFlavour flavour = ZfsFlavour::Unknown;
  std::string version;  // "2.3.2" for OpenZFS; "0.7" assumed for zfs-fuse
};

// From `zfs version`'s exit code, stdout and stderr. zfs-fuse has no such
// command and answers "unrecognized command 'version'".
Result<ZfsVersion> parse_zfs_version(int exit_code, std::string_view out, std::string_view err);

// From `zfs get -Hp -r -o name,property,value,source <props> ROOT`: the
// datasets below root (root itself excluded) with their snapshots.
Result<std::vector<DatasetState>> parse_zfs_get(std::string_view out, std::string_view root);

// From `zfs list -Hp -r -t filesystem,snapshot -o <listed_zfs_properties> ROOT`
// (OpenZFS): the same as parse_zfs_get, plus written and resume tokens.
Result<std::vector<DatasetState>> parse_zfs_list(std::string_view out, std::string_view root);

// From `zfs send -nvP ...` (OpenZFS): the stream's size, and the snapshot it
// ends at (for `send -t`, the one the interrupted transfer was making).
struct SendEstimate {
  unsigned long long bytes = 0;
  std::string to;  // full snapshot name, dataset@snapshot
};
Result<SendEstimate> parse_send_estimate(std::string_view out);

// True when stderr says the dataset (or its pool) does not exist.
bool is_missing_dataset_error(std::string_view err);

}  // namespace flocker
