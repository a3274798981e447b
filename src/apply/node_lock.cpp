#include "apply/node_lock.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "apply/busy_retry.hpp"
#include "apply/local_process.hpp"
#include "apply/stale_lock.hpp"
#include "remote/zfs_commands.hpp"
#include "remote/zfs_errors.hpp"
#include "state/lock_name.hpp"
#include "util/clock.hpp"
#include "util/text.hpp"

namespace flocker {

namespace {

// The lock's holder; empty when there is no lock. Any other failure to read
// it is an error: taking it for "no lock" would leave our own lock behind.
Result<std::string> holder_of(Host& host, const std::string& dataset) {
  auto got = host.run(zfs::get_property(dataset, "flocker:lock"));
  if (!got) return std::unexpected(got.error());
  if (!got->ok()) {
    if (classify_zfs_failure(*got) == ZfsFailure::NotFound) return std::string();
    return std::unexpected(command_error(host, zfs::get_property(dataset, "flocker:lock"), *got));
  }
  auto text = std::string(trim(got->out));
  return text == "-" ? std::string("(unknown holder)") : text;
}

// zfs-fuse calls a freshly made dataset busy for a moment.
Status destroy_lock(Host& host, const std::string& dataset, Clock& clock) {
  auto destroyed = run_while_busy(host, zfs::destroy_dataset(dataset), clock);
  if (!destroyed) return std::unexpected(destroyed.error());
  const auto failure = classify_zfs_failure(*destroyed);
  if (failure == ZfsFailure::None || failure == ZfsFailure::NotFound) return {};
  return std::unexpected(command_error(host, zfs::destroy_dataset(dataset), *destroyed));
}

// Destroys the lock only if expected holds it, and returns the holder found
// (empty: no lock), so the caller knows whether it was destroyed. ZFS has no
// conditional destroy, so one command's time separates the check from the
// destroy (only an OpenZFS channel program, `zfs program`, could close it,
// and zfs-fuse has none); the holder text names host, pid and second, so a
// lock taken meanwhile by anyone else differs.
Result<std::string> destroy_if_held_by(Host& host, const std::string& dataset, const std::string& expected,
                                       Clock& clock) {
  auto holder = holder_of(host, dataset);
  if (!holder || holder->empty() || *holder != expected) return holder;
  if (auto destroyed = destroy_lock(host, dataset, clock); !destroyed)
    return std::unexpected(destroyed.error());
  return holder;
}

// A lock left by a flocker of this host that died (apply/stale_lock.hpp) is
// removed if it still names that holder. retry: the lock is gone now (removed,
// or released meanwhile), so taking it again may succeed.
struct Takeover {
  bool retry = false;
  std::string warning;  // what was taken over, for the person
};
Result<Takeover> remove_if_stale(Host& host, const std::string& dataset, Clock& clock) {
  auto holder = holder_of(host, dataset);
  if (!holder) return std::unexpected(holder.error());
  if (holder->empty()) return Takeover{true, {}};
  const auto parsed = parse_lock_holder(*holder);
  const auto judgement = judge_lock(*holder, clock.host_name(), local_process(parsed ? parsed->pid : 0));
  if (judgement.verdict != LockVerdict::stale) return Takeover{};
  auto removed = destroy_if_held_by(host, dataset, *holder, clock);
  if (!removed) return std::unexpected(removed.error());
  if (*removed != *holder) return Takeover{removed->empty(), {}};
  return Takeover{true, fmt::format("took over the stale lock on node {} held by {}: {}", host.node(),
                                    *holder, judgement.why)};
}

}  // namespace

NodeLocks::~NodeLocks() {
  (void)release();
}

Result<std::vector<std::string>> NodeLocks::release() {
  std::string failed;
  std::vector<std::string> warnings;
  for (const auto& held : held_) {
    const auto& node = held.host->node();
    auto holder = destroy_if_held_by(*held.host, held.dataset, holder_, *clock_);
    if (!holder)
      failed += fmt::format("\n  {}: {}", node, holder.error().message);
    else if (holder->empty())
      warnings.push_back(
          fmt::format("the lock on node {} was already gone (removed with force-unlock?), so this "
                      "apply ran there unlocked for a while",
                      node));
    else if (*holder != holder_)
      warnings.push_back(
          fmt::format("the lock on node {} is now held by {}, not by this apply (force-unlock while "
                      "it ran?): it was left to its holder",
                      node, *holder));
  }
  held_.clear();
  if (failed.empty()) return warnings;
  return fail("could not release flocker's lock on some nodes:" + failed,
              "once no flocker runs against them, remove it with `flocker force-unlock NODE`");
}

Result<NodeLocks> lock_nodes(const std::vector<std::string>& nodes, const Manifest& manifest,
                             const std::map<std::string, std::unique_ptr<Host>>& hosts,
                             const std::string& holder, std::chrono::seconds timeout, Clock& clock,
                             const std::function<bool()>& stop_requested) {
  auto ordered = nodes;
  std::ranges::sort(ordered);
  ordered.erase(std::unique(ordered.begin(), ordered.end()), ordered.end());
  NodeLocks locks;
  locks.holder_ = holder;
  locks.clock_ = &clock;
  const auto deadline = clock.now() + timeout;
  for (const auto& node : ordered) {
    bool judged = false;  // whether a lock found on the node was checked for staleness
    Host& host = *hosts.at(node);
    const auto& root = manifest.nodes.at(node).zfs_root;
    const auto dataset = lock_dataset_name(root);
    // The lock lives under the root: a fresh node gets its root now.
    if (auto listed = host.run(zfs::list_name(root)); listed && !listed->ok())
      if (auto created = host.run(zfs::create_with_parents(root)); !created || !created->ok())
        return fail(fmt::format("{}: cannot create {} to hold flocker's lock: {}", node, root,
                                created ? std::string(trim(created->err)) : created.error().message));
    while (true) {
      auto created = host.run(zfs::create(dataset, {{"canmount", "off"}, {"flocker:lock", holder}}));
      if (!created) return std::unexpected(created.error());
      if (created->ok()) {
        locks.held_.push_back({&host, dataset});
        break;
      }
      if (classify_zfs_failure(*created) != ZfsFailure::AlreadyExists)
        return std::unexpected(
            command_error(host, zfs::create(dataset, {{"flocker:lock", holder}}), *created));
      if (!judged) {
        judged = true;
        auto takeover = remove_if_stale(host, dataset, clock);
        if (!takeover) return std::unexpected(takeover.error());
        if (!takeover->warning.empty()) locks.warnings_.push_back(takeover->warning);
        if (takeover->retry) continue;
      }
      if (clock.now() >= deadline) {
        auto other = holder_of(host, dataset);
        return fail(
            fmt::format("node {} is locked by another flocker: {}", node,
                        other ? *other : std::string("(could not read who)")),
            fmt::format("wait for it to finish, or pass --lock-timeout SECONDS to wait; if that flocker "
                        "died, remove its lock with `flocker force-unlock {}`. Nothing was changed.",
                        node));
      }
      if (stop_requested && stop_requested())
        return fail(fmt::format("interrupted while waiting for the lock on node {}", node),
                    "nothing was changed");
      clock.sleep_for(kLockRetryInterval);
    }
  }
  return locks;
}

Result<std::string> remove_stale_lock(Host& host, const std::string& root, Clock& clock) {
  auto takeover = remove_if_stale(host, lock_dataset_name(root), clock);
  if (!takeover) return std::unexpected(takeover.error());
  if (!takeover->warning.empty())
    return "removed" + takeover->warning.substr(std::string("took over").size());
  return std::string();
}

Result<std::string> force_unlock(Host& host, const std::string& root, Clock& clock) {
  const auto dataset = lock_dataset_name(root);
  auto holder = holder_of(host, dataset);
  if (!holder) return std::unexpected(holder.error());
  if (holder->empty()) return std::string();
  auto now = destroy_if_held_by(host, dataset, *holder, clock);
  if (!now) return std::unexpected(now.error());
  if (!now->empty() && *now != *holder)
    return fail(
        fmt::format("the lock on {} changed hands while it was being removed: it was held by {}, and is "
                    "now held by {}; it was left in place",
                    host.node(), *holder, *now),
        "a flocker is running against the node: let it finish");
  return holder;
}

}  // namespace flocker
