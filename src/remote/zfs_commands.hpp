#pragma once
// Typed builders for the `zfs` command lines flocker runs. Each returns an
// argv; quoting for the remote shell happens in quote_argv() only.
#include <map>
#include <string>
#include <vector>

#include "util/shell_quote.hpp"

namespace flocker {

// The properties that zfs::get_observed asks `zfs get` for, in this order:
// the command owns its columns, which state/zfs_parse reads back.
const std::vector<std::string>& observed_zfs_properties();
// The columns of `zfs list -Hp -o ...` that zfs::list_observed asks OpenZFS for, in this order.
const std::vector<std::string>& listed_zfs_properties();

}  // namespace flocker

namespace flocker::zfs {

Argv version();
// Every dataset and snapshot below root with the properties flocker reads.
Argv get_observed(const std::string& root);
// OpenZFS only: the same as one table (`zfs list -Hp`, exact numbers), with
// what zfs-fuse lacks: `written` (for size estimates) and
// `receive_resume_token` (an interrupted `receive -s`).
Argv list_observed(const std::string& root);
Argv list_name(const std::string& dataset);
Argv create(const std::string& dataset, const std::map<std::string, std::string>& properties);
// Creates root and any missing parents.
Argv create_with_parents(const std::string& dataset);
// name, property, value lines for mountpoint and mounted of each dataset.
Argv get_mount_state(const std::vector<std::string>& datasets);
Argv mount(const std::string& dataset);
Argv unmount(const std::string& dataset);

Argv snapshot(const std::string& dataset, const std::string& name);
// A full stream of dataset@name. With openzfs_flags, -L -e -c: large blocks,
// embedded and compressed blocks travel as they are stored (both ends must be OpenZFS).
Argv send_full(const std::string& dataset, const std::string& name, bool openzfs_flags = false);
// The changes from dataset@base to dataset@name.
Argv send_incremental(const std::string& dataset, const std::string& base, const std::string& name,
                      bool openzfs_flags = false);
// Never with -F: on OpenZFS it would silently destroy a diverged target's snapshots.
// Always -u: the copy is mounted by flocker, once its mountpoint is checked,
// not where a stream says (zfs-fuse takes -u too, though its usage omits it).
// openzfs: -s, a cut stream leaves a resume token on the target instead of
// nothing; and -x for every property that would let the source's stream
// decide how or where the target mounts or shares the data.
Argv receive(const std::string& dataset, bool openzfs = false);
// The properties receive(…, true) excludes from a stream.
const std::vector<std::string>& receive_excluded_properties();
// name, property, value of every property below dataset whose value came from a stream.
Argv get_received(const std::string& dataset);
// dataset and the file systems and volumes below it, one name a line.
Argv list_filesystems(const std::string& dataset);
// OpenZFS: drops the partial state of an interrupted `receive -s`.
Argv receive_abort(const std::string& dataset);
// OpenZFS: the rest of an interrupted stream, from the target's resume token
// (which carries the original send's flags).
Argv send_resume(const std::string& token);
// OpenZFS: `send -nvP`, the size a send would have, without sending. send is
// a send_full/send_incremental/send_resume argv.
Argv send_estimate(const Argv& send);
// OpenZFS: a hold keeps a snapshot from being destroyed until it is released.
Argv hold(const std::string& tag, const std::string& dataset, const std::string& snapshot);
Argv release(const std::string& tag, const std::string& dataset, const std::string& snapshot);
// One property per command: zfs-fuse's `zfs set` takes only one.
Argv set(const std::string& dataset, const std::string& property, const std::string& value);
Argv get_guid(const std::string& dataset, const std::string& snapshot);
Argv get_property(const std::string& dataset, const std::string& property);
// Only for flocker's own lock dataset: data is never destroyed by flocker.
Argv destroy_dataset(const std::string& dataset);
// A dataset and its snapshots: only for a step that --allow-destroy allowed.
Argv destroy_with_snapshots(const std::string& dataset);
Argv destroy_snapshot(const std::string& dataset, const std::string& snapshot);

// The pool part of a dataset name ("tank" of "tank/flocker").
std::string pool_of(const std::string& dataset);

}  // namespace flocker::zfs
