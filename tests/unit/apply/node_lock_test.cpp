#include "apply/node_lock.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "manifest/load.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_host.hpp"
#include "util/clock.hpp"

namespace flocker {
namespace {

using testing::FakeHost;
using ::testing::HasSubstr;

testing::FakeClock clock;

const Argv kGetHolder = {"zfs", "get", "-H", "-o", "value", "flocker:lock"};
const Argv kDestroyLock = {"zfs", "destroy", "tank/flocker/lock"};

struct Cluster {
  Manifest manifest = *parse_manifest({{"m.yaml", "nodes:\n  b: {pool: tank}\n  a: {pool: tank}\n"}});
  std::map<std::string, std::unique_ptr<Host>> hosts;
  FakeHost* a = new FakeHost("a");
  FakeHost* b = new FakeHost("b");
  Cluster() {
    hosts["a"].reset(a);
    hosts["b"].reset(b);
  }
};

TEST(NodeLock, TakesLocksInNameOrderAndReleasesThem) {
  Cluster cluster;
  for (auto* node : {cluster.a, cluster.b}) node->on(kGetHolder, {0, "me@here pid 1\n", ""});
  {
    auto locks = lock_nodes({"b", "a", "b"}, cluster.manifest, cluster.hosts, "me@here pid 1",
                            std::chrono::seconds(0), clock);
    ASSERT_TRUE(locks) << locks.error().message;
    const Argv create = {
        "zfs", "create", "-o", "canmount=off", "-o", "flocker:lock=me@here pid 1", "tank/flocker/lock"};
    EXPECT_EQ(cluster.a->commands.back(), create);
    EXPECT_EQ(cluster.b->commands.back(), create);
    auto released = locks->release();
    ASSERT_TRUE(released);
    EXPECT_TRUE(released->empty());
  }
  EXPECT_EQ(cluster.a->commands.back(), kDestroyLock);
  EXPECT_EQ(cluster.b->commands.back(), kDestroyLock);
}

TEST(NodeLock, ReleaseLeavesALockThatAnotherApplyTookAfterAForceUnlock) {
  Cluster cluster;
  cluster.a->on(kGetHolder, {0, "me@here pid 1\n", ""});
  auto locks = lock_nodes({"a", "b"}, cluster.manifest, cluster.hosts, "me@here pid 1",
                          std::chrono::seconds(0), clock);
  ASSERT_TRUE(locks);
  // While this apply ran, someone force-unlocked b and another apply locked it.
  cluster.b->on(kGetHolder, {0, "ci@runner pid 77 since 2026-11-27T10:00:00Z\n", ""});
  auto released = locks->release();
  ASSERT_TRUE(released);
  EXPECT_THAT(*released,
              ::testing::ElementsAre(HasSubstr("the lock on node b is now held by ci@runner pid 77 since "
                                               "2026-11-27T10:00:00Z, not by this apply")));
  EXPECT_EQ(cluster.a->commands.back(), kDestroyLock);
  EXPECT_THAT(cluster.b->commands, ::testing::Not(::testing::Contains(kDestroyLock)));
}

TEST(NodeLock, ReleaseOfALockThatIsGoneWarns) {
  Cluster cluster;
  auto locks =
      lock_nodes({"a"}, cluster.manifest, cluster.hosts, "me@here pid 1", std::chrono::seconds(0), clock);
  ASSERT_TRUE(locks);
  cluster.a->on(kGetHolder, {1, "", "cannot open 'tank/flocker/lock': dataset does not exist\n"});
  auto released = locks->release();
  ASSERT_TRUE(released);
  EXPECT_THAT(*released, ::testing::ElementsAre(HasSubstr("the lock on node a was already gone")));
  EXPECT_THAT(cluster.a->commands, ::testing::Not(::testing::Contains(kDestroyLock)));
}

TEST(NodeLock, ALockThatCannotBeReadIsNotTakenForGone) {
  Cluster cluster;
  auto locks =
      lock_nodes({"a"}, cluster.manifest, cluster.hosts, "me@here pid 1", std::chrono::seconds(0), clock);
  ASSERT_TRUE(locks);
  // A zfs that fails for another reason says nothing about the lock: releasing
  // is an error that says so (the lock may still be ours), not a warning.
  cluster.a->on(kGetHolder, {1, "", "internal error: failed to initialize ZFS library\n"});
  auto released = locks->release();
  ASSERT_FALSE(released);
  EXPECT_THAT(released.error().message, HasSubstr("could not release flocker's lock on some nodes"));
  EXPECT_THAT(released.error().message, HasSubstr("failed to initialize ZFS library"));
  EXPECT_THAT(released.error().hint, HasSubstr("flocker force-unlock NODE"));
}

TEST(NodeLock, AHeldLockNamesItsHolderAndReleasesWhatWasTaken) {
  Cluster cluster;
  cluster.b->on({"zfs", "create", "-o"},
                {1, "", "cannot create 'tank/flocker/lock': dataset already exists\n"});
  cluster.a->on(kGetHolder, {0, "me\n", ""});
  cluster.b->on(kGetHolder, {0, "ci@runner pid 77 since 2026-11-27T10:00:00Z\n", ""});
  auto locks = lock_nodes({"a", "b"}, cluster.manifest, cluster.hosts, "me", std::chrono::seconds(0), clock);
  ASSERT_FALSE(locks);
  EXPECT_THAT(locks.error().message, HasSubstr("node b is locked by another flocker: ci@runner pid 77"));
  EXPECT_THAT(locks.error().hint, HasSubstr("flocker force-unlock b"));
  // a was locked first (name order), and is unlocked again.
  EXPECT_EQ(cluster.a->commands.back(), kDestroyLock);
}

TEST(NodeLock, AWaitForAHeldLockTimesOutOnTheClock) {
  Cluster cluster;
  testing::FakeClock waiting;
  cluster.a->on({"zfs", "create", "-o"},
                {1, "", "cannot create 'tank/flocker/lock': dataset already exists\n"});
  cluster.a->on(kGetHolder, {0, "ci@runner pid 77 since 2026-11-27T10:00:00Z\n", ""});
  auto locks = lock_nodes({"a"}, cluster.manifest, cluster.hosts, "me", std::chrono::seconds(2), waiting);
  ASSERT_FALSE(locks);
  // Tried at 0, 0.5, 1, 1.5 and 2 s: four pauses, and no real time passed.
  EXPECT_THAT(waiting.sleeps(), ::testing::ElementsAre(kLockRetryInterval, kLockRetryInterval,
                                                       kLockRetryInterval, kLockRetryInterval));
  EXPECT_EQ(waiting.total_slept(), std::chrono::seconds(2));
  EXPECT_EQ(std::ranges::count(cluster.a->commands, Argv{"zfs", "create", "-o", "canmount=off", "-o",
                                                         "flocker:lock=me", "tank/flocker/lock"}),
            5);
  EXPECT_EQ(locks.error().message,
            "node a is locked by another flocker: ci@runner pid 77 since 2026-11-27T10:00:00Z");
  EXPECT_THAT(locks.error().hint, HasSubstr("pass --lock-timeout SECONDS to wait"));
}

TEST(NodeLock, AWaitForALockEndsWhenAStopIsRequested) {
  Cluster cluster;
  testing::FakeClock waiting;
  cluster.a->on({"zfs", "create", "-o"},
                {1, "", "cannot create 'tank/flocker/lock': dataset already exists\n"});
  auto locks = lock_nodes({"a"}, cluster.manifest, cluster.hosts, "me", std::chrono::seconds(60), waiting,
                          [&] { return waiting.sleeps().size() == 3; });
  ASSERT_FALSE(locks);
  EXPECT_EQ(locks.error().message, "interrupted while waiting for the lock on node a");
  EXPECT_EQ(waiting.sleeps().size(), 3u);
}

TEST(NodeLock, MissingRootIsCreatedToHoldTheLock) {
  Cluster cluster;
  cluster.a->on({"zfs", "list"}, {1, "", "cannot open 'tank/flocker': dataset does not exist\n"});
  auto locks = lock_nodes({"a"}, cluster.manifest, cluster.hosts, "me", std::chrono::seconds(0), clock);
  ASSERT_TRUE(locks);
  EXPECT_EQ(cluster.a->commands[1], (Argv{"zfs", "create", "-p", "tank/flocker"}));
}

TEST(NodeLock, ForceUnlockSaysWhoHeldIt) {
  FakeHost host("a");
  host.on({"zfs", "get"}, {0, "ci@runner pid 77\n", ""});
  auto holder = force_unlock(host, "tank/flocker", clock);
  ASSERT_TRUE(holder);
  EXPECT_EQ(*holder, "ci@runner pid 77");
  EXPECT_EQ(host.commands.back(), (Argv{"zfs", "destroy", "tank/flocker/lock"}));
  FakeHost free_host("b");
  free_host.on({"zfs", "get"}, {1, "", "cannot open 'tank/flocker/lock': dataset does not exist\n"});
  EXPECT_EQ(force_unlock(free_host, "tank/flocker", clock), std::string());
}

// Answers the holder of the lock from a list, one read after the other.
class ChangingHolder final : public Host {
 public:
  explicit ChangingHolder(std::vector<std::string> holders) : holders_(std::move(holders)) {}
  const std::string& node() const override { return node_; }
  Result<CommandResult> run(const Argv& argv, std::string_view) override {
    commands.push_back(argv);
    if (argv.size() > 1 && argv[1] == "get") return CommandResult{0, holders_.at(reads_++) + "\n", ""};
    return CommandResult{};
  }
  Result<std::unique_ptr<RemoteProcess>> start(const Argv&) override { return fail("not streamed"); }
  std::vector<Argv> commands;

 private:
  std::string node_ = "a";
  std::vector<std::string> holders_;
  size_t reads_ = 0;
};

TEST(NodeLock, ForceUnlockLeavesALockThatChangedHandsMeanwhile) {
  ChangingHolder host({"dead@laptop pid 1", "ci@runner pid 77"});
  auto holder = force_unlock(host, "tank/flocker", clock);
  ASSERT_FALSE(holder);
  EXPECT_THAT(holder.error().message, HasSubstr("changed hands while it was being removed"));
  EXPECT_THAT(host.commands, ::testing::Not(::testing::Contains(kDestroyLock)));
}

// A node whose lock dataset exists, held by holder, until it is destroyed:
// `zfs create` of it fails "already exists" while it is there, as in ZFS.
class LockedNode final : public Host {
 public:
  explicit LockedNode(std::string holder) : holder_(std::move(holder)) {}
  const std::string& node() const override { return node_; }
  Result<CommandResult> run(const Argv& argv, std::string_view) override {
    commands.push_back(argv);
    const std::string verb = argv.size() > 1 ? argv[1] : "";
    if (verb == "get")
      return holder_.empty()
                 ? CommandResult{1, "", "cannot open 'tank/flocker/lock': dataset does not exist\n"}
                 : CommandResult{0, holder_ + "\n", ""};
    if (verb == "destroy") holder_.clear();
    if (verb == "create" && argv.back() == "tank/flocker/lock") {
      if (!holder_.empty())
        return CommandResult{1, "", "cannot create 'tank/flocker/lock': dataset already exists\n"};
      holder_ = argv[argv.size() - 2].substr(std::string("flocker:lock=").size());
    }
    return CommandResult{};
  }
  Result<std::unique_ptr<RemoteProcess>> start(const Argv&) override { return fail("not streamed"); }
  std::vector<Argv> commands;
  const std::string& holder() const { return holder_; }

 private:
  std::string node_ = "a";
  std::string holder_;
};

struct LockedCluster {
  Manifest manifest = *parse_manifest({{"m.yaml", "nodes:\n  a: {pool: tank}\n"}});
  std::map<std::string, std::unique_ptr<Host>> hosts;
  LockedNode* a;
  explicit LockedCluster(std::string holder) : a(new LockedNode(std::move(holder))) { hosts["a"].reset(a); }
};

// No process has this pid (Linux's pid_max is at most 2^22).
constexpr int kDeadPid = 2147483647;

TEST(NodeLock, AStaleLockOfThisHostIsTakenOverWithAWarning) {
  const auto stale = fmt::format("ci@{} pid {} since 2026-11-27T10:00:00Z, plan sha256:ab",
                                 system_clock().host_name(), kDeadPid);
  LockedCluster cluster(stale);
  auto locks =
      lock_nodes({"a"}, cluster.manifest, cluster.hosts, "me", std::chrono::seconds(0), system_clock());
  ASSERT_TRUE(locks) << locks.error().message;
  EXPECT_EQ(cluster.a->holder(), "me");
  EXPECT_THAT(locks->warnings(),
              ::testing::ElementsAre(HasSubstr("took over the stale lock on node a held by " + stale)));
  EXPECT_THAT(locks->warnings()[0], HasSubstr(fmt::format("pid {} on this host, no longer runs", kDeadPid)));
}

TEST(NodeLock, ALockOfAnotherHostIsNeverTakenOver) {
  const auto foreign = fmt::format("ci@not-{} pid {} since 2026-11-27T10:00:00Z, plan sha256:ab",
                                   system_clock().host_name(), kDeadPid);
  LockedCluster cluster(foreign);
  auto locks =
      lock_nodes({"a"}, cluster.manifest, cluster.hosts, "me", std::chrono::seconds(0), system_clock());
  ASSERT_FALSE(locks);
  EXPECT_THAT(locks.error().message, HasSubstr("node a is locked by another flocker: " + foreign));
  EXPECT_THAT(locks.error().hint, HasSubstr("flocker force-unlock a"));
  EXPECT_EQ(cluster.a->holder(), foreign);
  EXPECT_THAT(cluster.a->commands, ::testing::Not(::testing::Contains(kDestroyLock)));
}

TEST(NodeLock, ALockOfThisHostWhoseHolderRunsIsNotTakenOver) {
  // This test's own process holds it, since a moment after it started.
  const auto live = fmt::format("ci@{} pid {} since {:%Y-%m-%dT%H:%M:%SZ}, plan sha256:ab",
                                system_clock().host_name(), system_clock().pid(),
                                std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  LockedCluster cluster(live);
  auto locks =
      lock_nodes({"a"}, cluster.manifest, cluster.hosts, "me", std::chrono::seconds(0), system_clock());
  ASSERT_FALSE(locks);
  EXPECT_THAT(locks.error().message, HasSubstr("node a is locked by another flocker: " + live));
  EXPECT_EQ(cluster.a->holder(), live);
}

TEST(NodeLock, AStaleLockOnANodeWithNothingToDoIsRemovedAndNoOtherIs) {
  const auto stale = fmt::format("ci@{} pid {} since 2026-11-27T10:00:00Z, plan sha256:ab",
                                 system_clock().host_name(), kDeadPid);
  LockedNode node(stale);
  auto removed = remove_stale_lock(node, "tank/flocker", system_clock());
  ASSERT_TRUE(removed) << removed.error().message;
  EXPECT_THAT(*removed, HasSubstr("removed the stale lock on node a held by " + stale));
  EXPECT_EQ(node.holder(), "");
  LockedNode foreign(fmt::format("ci@not-{} pid {} since 2026-11-27T10:00:00Z, plan sha256:ab",
                                 system_clock().host_name(), kDeadPid));
  EXPECT_EQ(remove_stale_lock(foreign, "tank/flocker", system_clock()), std::string());
  EXPECT_NE(foreign.holder(), "");
  EXPECT_THAT(foreign.commands, ::testing::Not(::testing::Contains(kDestroyLock)));
}

}  // namespace
}  // namespace flocker
