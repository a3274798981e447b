#include "state/state_digest.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace flocker {
namespace {

using ::testing::ElementsAre;

NodeState node_with_web() {
  NodeState node{.node = "node1",
                 .reachable = true,
                 .flavour = ZfsFlavour::ZfsFuse,
                 .zfs_root = "tank/flocker",
                 .root_exists = true};
  node.datasets.push_back({.name = "tank/flocker/web.www",
                           .used = 1024,
                           .mountpoint = "/tank/flocker/web.www",
                           .app = "web",
                           .volume = "www",
                           .owner = "node1",
                           .generation = 2,
                           .snapshots = {{"flocker-3", "777", 10}}});
  node.containers.push_back({.name = "flocker--web",
                             .id = "abc",
                             .image = "local/busybox:1",
                             .state = "running",
                             .app = "web",
                             .config_hash = "h1"});
  return node;
}

TEST(StateDigest, IgnoresWhatDoesNotChangeAPlan) {
  auto before = node_with_web();
  auto after = before;
  after.datasets[0].used = 99999;  // the application writes
  after.root_exists = false;
  after.lock_holder = "someone";
  after.docker_version = "other";
  EXPECT_EQ(state_digest(state_lines(before)), state_digest(state_lines(after)));
}

TEST(StateDigest, SeesContainersSnapshotsAndOwnership) {
  const auto base = state_digest(state_lines(node_with_web()));
  auto stopped = node_with_web();
  stopped.containers[0].state = "exited";
  auto snapshot = node_with_web();
  snapshot.datasets[0].snapshots.push_back({"manual", "888", 11});
  auto owner = node_with_web();
  owner.datasets[0].owner = "node2";
  // Removed and run again by hand with the same labels: another container.
  auto recreated = node_with_web();
  recreated.containers[0].id = "def";
  for (const auto& changed : {stopped, snapshot, owner, recreated})
    EXPECT_NE(state_digest(state_lines(changed)), base);
}

TEST(StateDigest, LineChangesSayWhatWentAndWhatCame) {
  auto before = state_lines(node_with_web());
  auto stopped = node_with_web();
  stopped.containers[0].state = "exited";
  EXPECT_THAT(
      line_changes(before, state_lines(stopped)),
      ElementsAre("- container flocker--web app=web image=local/busybox:1 state=running config=h1 id=abc",
                  "+ container flocker--web app=web image=local/busybox:1 state=exited config=h1 id=abc"));
}

TEST(StateDigest, LineChangesAreCapped) {
  std::vector<std::string> after;
  for (int i = 0; i < 15; ++i) after.push_back("line " + std::to_string(i));
  auto changes = line_changes({}, after, 10);
  ASSERT_EQ(changes.size(), 11u);
  EXPECT_EQ(changes.back(), "… and 5 more");
}

}  // namespace
}  // namespace flocker
