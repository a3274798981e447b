#include "remote/zfs_errors.hpp"

#include <initializer_list>
#include <string>

#include "util/text.hpp"

namespace flocker {

namespace {

bool contains_any(std::string_view text, std::initializer_list<std::string_view> needles) {
  for (auto needle : needles)
    if (text.find(needle) != std::string_view::npos) return true;
  return false;
}

// zfs-fuse answers a destroy of a held snapshot with "cannot destroy
// 'pool/ds@snap': dataset is busy", as it answers one of a mounted dataset
// (also from `destroy -r`, naming the held snapshot). A snapshot is busy for
// no other reason: flocker never mounts snapshots, and OpenZFS unmounts one
// before destroying it (and says "it's being held" of a held one). So a busy
// snapshot is a held one, which no wait releases.
bool names_a_busy_snapshot(std::string_view err) {
  for (auto line : split_lines(err)) {
    if (!line.starts_with("cannot destroy ") || line.find("busy") == std::string_view::npos) continue;
    auto name = line.substr(line.find(' ', 7) + 1);
    name = name.substr(0, name.find(": "));
    if (name.find('@') != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

ZfsFailure classify_zfs_failure(const CommandResult& result) {
  if (result.ok()) return ZfsFailure::None;
  const std::string_view err = result.err;
  // Order matters where one output says two things: a receive that ran out of
  // space also reports the sender's broken pipe.
  if (contains_any(err,
                   {"unrecognized command", "invalid option", "bad property list", "invalid property"}) ||
      result.out.find("pyzfs.py not found") != std::string::npos)  // zfs-fuse's `zfs holds`
    return ZfsFailure::Unsupported;
  if (err.find("it's being held") != std::string_view::npos || names_a_busy_snapshot(err))
    return ZfsFailure::Held;
  // "dataset is busy", "pool or dataset is busy"; an unmount: "Device or resource busy".
  if (contains_any(err, {"is busy", "resource busy"})) return ZfsFailure::Busy;
  if (err.find("already exists") != std::string_view::npos) return ZfsFailure::AlreadyExists;
  if (err.find("not currently mounted") != std::string_view::npos) return ZfsFailure::NotMounted;
  if (contains_any(err, {"out of space", "quota exceeded"})) return ZfsFailure::NoSpace;
  if (contains_any(err, {"permission denied", "Permission denied"})) return ZfsFailure::PermissionDenied;
  if (err.find("has been modified") != std::string_view::npos) return ZfsFailure::Modified;
  // "… does not\nmatch incremental source": zfs wraps the line.
  if (err.find("match incremental source") != std::string_view::npos) return ZfsFailure::NotIncremental;
  if (err.find("does not exist") != std::string_view::npos) return ZfsFailure::NotFound;
  if (contains_any(err, {"incomplete stream", "invalid backup stream"})) return ZfsFailure::IncompleteStream;
  if (err.find("invalid character") != std::string_view::npos) return ZfsFailure::InvalidName;
  return ZfsFailure::Other;
}

std::string_view zfs_failure_name(ZfsFailure failure) {
  switch (failure) {
    case ZfsFailure::None:
      return "none";
    case ZfsFailure::AlreadyExists:
      return "already_exists";
    case ZfsFailure::Busy:
      return "busy";
    case ZfsFailure::Held:
      return "held";
    case ZfsFailure::NotFound:
      return "not_found";
    case ZfsFailure::NotMounted:
      return "not_mounted";
    case ZfsFailure::NoSpace:
      return "no_space";
    case ZfsFailure::PermissionDenied:
      return "permission_denied";
    case ZfsFailure::Modified:
      return "modified";
    case ZfsFailure::NotIncremental:
      return "not_incremental";
    case ZfsFailure::IncompleteStream:
      return "incomplete_stream";
    case ZfsFailure::InvalidName:
      return "invalid_name";
    case ZfsFailure::Unsupported:
      return "unsupported";
    case ZfsFailure::Other:
      return "other";
  }
  return "other";
}

}  // namespace flocker
