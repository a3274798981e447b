#pragma once
// One apply at a time per node: the lock is a dataset, <root>/lock, because
// `zfs create` either makes it or fails when it exists, atomically, on every
// ZFS flavour. Its flocker:lock property says who holds it.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "manifest/model.hpp"
#include "remote/host.hpp"
#include "util/clock.hpp"

namespace flocker {

// How often a wait for a held lock tries again.
inline constexpr std::chrono::milliseconds kLockRetryInterval{500};

class NodeLocks {
 public:
  NodeLocks() = default;
  NodeLocks(NodeLocks&&) = default;
  NodeLocks& operator=(NodeLocks&&) = default;
  ~NodeLocks();  // releases what is still held

  // Releases every lock still held by this apply. A lock that another holder
  // has now (someone ran force-unlock while this apply ran, and another apply
  // locked the node) is left to it, as is a lock that is gone: each is a
  // warning in the result. An error names the nodes whose lock stayed.
  Result<std::vector<std::string>> release();

  // Stale locks of this host that locking took over (see apply/stale_lock.hpp),
  // each a warning for the person.
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  friend Result<NodeLocks> lock_nodes(const std::vector<std::string>& nodes, const Manifest& manifest,
                                      const std::map<std::string, std::unique_ptr<Host>>& hosts,
                                      const std::string& holder, std::chrono::seconds timeout, Clock& clock,
                                      const std::function<bool()>& stop_requested);
  struct Held {
    Host* host;
    std::string dataset;
  };
  std::vector<Held> held_;
  std::string holder_;      // what this apply wrote in flocker:lock
  Clock* clock_ = nullptr;  // for the waits of a destroy that zfs-fuse calls busy
  std::vector<std::string> warnings_;
};

// Locks the nodes in name order (so two applies never wait on each other in
// a cycle), waiting up to timeout in all (measured and slept on clock, every
// kLockRetryInterval); on failure releases those taken and names the holder.
// A lock that a dead flocker of this same host left (apply/stale_lock.hpp) is
// taken over with a warning; one taken from another host never is
// (force-unlock removes it). A wait ends early, failing, once
// stop_requested() is true.
Result<NodeLocks> lock_nodes(const std::vector<std::string>& nodes, const Manifest& manifest,
                             const std::map<std::string, std::unique_ptr<Host>>& hosts,
                             const std::string& holder, std::chrono::seconds timeout, Clock& clock,
                             const std::function<bool()>& stop_requested = {});

// Removes the node's lock if it is stale (a dead flocker of this host left
// it, apply/stale_lock.hpp): an apply with nothing to do on that node would
// otherwise leave it forever. Returns the warning to show, or "" when there
// is no stale lock.
Result<std::string> remove_stale_lock(Host& host, const std::string& root, Clock& clock);

// Removes a node's lock whoever holds it; returns who held it (empty: nobody).
// The holder is read again right before the lock is destroyed: if another
// apply took the node meanwhile, its lock stays and the error says so.
Result<std::string> force_unlock(Host& host, const std::string& root, Clock& clock);

}  // namespace flocker
