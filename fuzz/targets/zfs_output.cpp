// What a node's zfs prints, as flocker reads it (src/state/zfs_parse): the
// first byte picks the parser, the rest is its stdout. A node's output is not
// trusted: no text may crash a parser or make it throw.
#include <cstdint>
#include <string_view>

#include "state/zfs_parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view out(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 5) {
    case 0:
      (void)flocker::parse_zfs_get(out, "tank/flocker");
      break;
    case 1:
      (void)flocker::parse_zfs_list(out, "tank/flocker");
      break;
    case 2:
      (void)flocker::parse_send_estimate(out);
      break;
    case 3:
      (void)flocker::parse_zfs_version(0, out, "");
      break;
    default:
      (void)flocker::parse_zfs_version(2, "", out);
      (void)flocker::is_missing_dataset_error(out);
  }
  return 0;
}
