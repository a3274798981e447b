#include "apply/node_lock.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "manifest/load.hpp"
#include "support/fake_host.hpp"

namespace flocker {
namespace {

using ::testing::HasSubstr;
using testing::FakeHost;

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
  {
    auto locks = lock_nodes({"b", "a", "b"}, cluster.manifest, cluster.hosts, "me@here pid 1", std::chrono::seconds(0));
    ASSERT_TRUE(locks) << locks.error().message;
    const Argv create = {"zfs", "create", "-o", "canmount=off", "-o", "flocker:lock=me@here pid 1", "tank/flocker/lock"};
    EXPECT_EQ(cluster.a->commands.back(), create);
    EXPECT_EQ(cluster.b->commands.back(), create);
    ASSERT_TRUE(locks->release());
  }
  EXPECT_EQ(cluster.a->commands.back(), (Argv{"zfs", "destroy", "tank/flocker/lock"}));
  EXPECT_EQ(cluster.b->commands.back(), (Argv{"zfs", "destroy", "tank/flocker/lock"}));
}

TEST(NodeLock, AHeldLockNamesItsHolderAndReleasesWhatWasTaken) {
  Cluster cluster;
  cluster.b->on({"zfs", "create", "-o"}, {1, "", "cannot create 'tank/flocker/lock': dataset already exists\n"});
  cluster.b->on({"zfs", "get", "-H", "-o", "value", "flocker:lock"}, {0, "ci@runner pid 77 since 2026-11-27T10:00:00Z\n", ""});
  auto locks = lock_nodes({"a", "b"}, cluster.manifest, cluster.hosts, "me", std::chrono::seconds(0));
  ASSERT_FALSE(locks);
  EXPECT_THAT(locks.error().message, HasSubstr("node b is locked by another flocker: ci@runner pid 77"));
  EXPECT_THAT(locks.error().hint, HasSubstr("flocker force-unlock b"));
  // a was locked first (name order), and is unlocked again.
  EXPECT_EQ(cluster.a->commands.back(), (Argv{"zfs", "destroy", "tank/flocker/lock"}));
}

TEST(NodeLock, MissingRootIsCreatedToHoldTheLock) {
  Cluster cluster;
  cluster.a->on({"zfs", "list"}, {1, "", "cannot open 'tank/flocker': dataset does not exist\n"});
  auto locks = lock_nodes({"a"}, cluster.manifest, cluster.hosts, "me", std::chrono::seconds(0));
  ASSERT_TRUE(locks);
  EXPECT_EQ(cluster.a->commands[1], (Argv{"zfs", "create", "-p", "tank/flocker"}));
}

TEST(NodeLock, ForceUnlockSaysWhoHeldIt) {
  FakeHost host("a");
  host.on({"zfs", "get"}, {0, "ci@runner pid 77\n", ""});
  auto holder = force_unlock(host, "tank/flocker");
  ASSERT_TRUE(holder);
  EXPECT_EQ(*holder, "ci@runner pid 77");
  EXPECT_EQ(host.commands.back(), (Argv{"zfs", "destroy", "tank/flocker/lock"}));
  FakeHost free_host("b");
  free_host.on({"zfs", "get"}, {1, "", "cannot open 'tank/flocker/lock': dataset does not exist\n"});
  EXPECT_EQ(force_unlock(free_host, "tank/flocker"), std::string());
}

}  // namespace
}  // namespace flocker
