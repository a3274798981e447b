// A source node's stream, and a node's word on where a dataset is mounted,
// are not trusted: a copy is received unmounted, checked, and mounted only
// where flocker would have put it.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "apply/mount_check.hpp"
#include "apply/move.hpp"
#include "apply/received_copy.hpp"
#include "apply/steps.hpp"
#include "plan/container_config.hpp"
#include "remote/zfs_commands.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_host.hpp"

namespace flocker {
namespace {

testing::FakeClock fake_clock;  // a move's busy retries take no real time

using testing::FakeHost;
using ::testing::HasSubstr;
using testing::zfs_fixture;

TEST(Receive, NeverLetsTheStreamMountTheCopy) {
  EXPECT_EQ(zfs::receive("tank/flocker/web.www"), (Argv{"zfs", "receive", "-u", "tank/flocker/web.www"}));
  const auto openzfs = zfs::receive("tank/flocker/web.www", true);
  for (const std::string property :
       {"mountpoint", "canmount", "setuid", "exec", "devices", "sharenfs", "sharesmb"}) {
    auto it = std::find(openzfs.begin(), openzfs.end(), property);
    ASSERT_NE(it, openzfs.end()) << property;
    EXPECT_EQ(*(it - 1), "-x") << property;
  }
  EXPECT_EQ(openzfs.back(), "tank/flocker/web.www");
  EXPECT_THAT(openzfs, ::testing::Contains("-u"));
}

// Recorded on zfs-fuse 0.7: `zfs send -R` of a dataset with a local
// mountpoint and a child, received with -u.
TEST(ReceivedCopy, PropertiesOrChildrenFromTheStreamAreRefused) {
  const auto received = zfs_fixture("zfs-fuse-0.7.0", "45-get-received");
  const auto children = zfs_fixture("zfs-fuse-0.7.0", "46-list-filesystems");
  auto problem = received_copy_problem("tank/fx/app.www", received.out, children.out);
  ASSERT_TRUE(problem);
  EXPECT_THAT(*problem, HasSubstr("mountpoint=/tmp/fx-evil on tank/fx/app.www"));
  EXPECT_THAT(*problem, HasSubstr("the child dataset tank/fx/app.www/child"));
  EXPECT_FALSE(received_copy_problem(
      "tank/fx/app.copy", zfs_fixture("zfs-fuse-0.7.0", "47-get-received-plain").out, "tank/fx/app.copy\n"));
}

Step plain_move() {
  AppSpec app{.name = "web", .image = "local/busybox:1", .volumes = {{.name = "www", .mountpoint = "/www"}}};
  auto run = container_run(app, "tank/flocker");
  return {.kind = StepKind::MoveApplication,
          .node = "node2",
          .app = "web",
          .target = run.name,
          .run = run,
          .source_node = "node1",
          .direct = false,
          .moves = {{.volume = "www",
                     .source = "tank/flocker/web.www",
                     .target = "tank/flocker/web.www",
                     .base = "flocker-2",
                     .target_exists = true,
                     .next_snapshot = 4,
                     .generation = 2}}};
}

TEST(ReceivedCopy, AMoveWhoseStreamCarriedAMountpointIsNotHandedOver) {
  FakeHost from("node1"), to("node2");
  from.on({"zfs", "send"}, {0, std::string(100, 'z'), ""});
  for (auto* host : {&from, &to}) host->on({"zfs", "get", "-Hp", "-o", "value", "guid"}, {0, "4242\n", ""});
  to.on({"zfs", "get", "-H", "-r", "-s", "received"}, {0, "tank/flocker/web.www\tmountpoint\t/etc\n", ""});
  auto moved = execute_move(from, to, plain_move(), fake_clock, [](const ProgressUpdate&) {});
  ASSERT_FALSE(moved);
  EXPECT_THAT(moved.error().message, HasSubstr("mountpoint=/etc on tank/flocker/web.www"));
  EXPECT_THAT(moved.error().message, HasSubstr("web still runs on node1"));
  std::vector<std::string> b;
  for (const auto& argv : to.commands) b.push_back(fmt::format("{}", fmt::join(argv, " ")));
  for (const auto& line : b) {
    EXPECT_THAT(line, ::testing::Not(::testing::StartsWith("zfs mount")));
    EXPECT_THAT(line, ::testing::Not(::testing::StartsWith("docker run")));
  }
}

TEST(MountCheck, OnlyTheMountpointBelowFlockersRootIsAccepted) {
  EXPECT_EQ(expected_mountpoint("/tank/flocker", "tank/flocker/web.www"), "/tank/flocker/web.www");
  EXPECT_EQ(expected_mountpoint("/", "tank/flocker/web.www"), "/web.www");
  EXPECT_TRUE(check_mountpoint("node1", "tank/flocker/web.www", "/tank/flocker/web.www", "/tank/flocker"));
  EXPECT_FALSE(check_mountpoint("node1", "tank/flocker/web.www", "/etc", "/tank/flocker"));
  EXPECT_FALSE(check_mountpoint("node1", "tank/flocker/web.www", "/none/web.www", "none"));
}

TEST(MountCheck, ADatasetMountedElsewhereIsNotGivenToAContainer) {
  FakeHost host("node1");
  host.on({"zfs", "get"}, {0,
                           "tank/flocker/web.www\tmountpoint\t/etc\ntank/flocker/web.www\tmounted\tno\n"
                           "tank/flocker\tmountpoint\t/tank/flocker\ntank/flocker\tmounted\tno\n",
                           ""});
  AppSpec app{.name = "web", .image = "local/busybox:1", .volumes = {{.name = "www", .mountpoint = "/www"}}};
  auto started = run_container(host, container_run(app, "tank/flocker"));
  ASSERT_FALSE(started);
  EXPECT_THAT(started.error().message,
              HasSubstr("dataset tank/flocker/web.www has mountpoint /etc, not /tank/flocker/web.www"));
  for (const auto& argv : host.commands) {
    EXPECT_NE(argv.at(0) + " " + argv.at(1), "zfs mount");
    EXPECT_NE(argv.at(0) + " " + argv.at(1), "docker run");
  }
}

}  // namespace
}  // namespace flocker
