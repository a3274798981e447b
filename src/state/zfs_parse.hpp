#pragma once
// Pure parsers for `zfs` output, tested on recorded output of OpenZFS 2.3 and
// zfs-fuse 0.7 (tests/fixtures/zfs).
#include <string>
#include <string_view>
#include <vector>

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

// The properties that observe_node asks `zfs get` for, in this order.
const std::vector<std::string>& observed_zfs_properties();

// From `zfs get -Hp -r -o name,property,value,source <props> ROOT`: the
// datasets below root (root itself excluded) with their snapshots.
Result<std::vector<DatasetState>> parse_zfs_get(std::string_view out, std::string_view root);

// True when stderr says the dataset (or its pool) does not exist.
bool is_missing_dataset_error(std::string_view err);

}  // namespace flocker
