#include "state/observe.hpp"

#include <gtest/gtest.h>

#include "remote/docker_commands.hpp"
#include "state/node_tools.hpp"
#include "support/fake_host.hpp"

namespace flocker {
namespace {

using testing::FakeHost;
using testing::zfs_fixture;

NodeSpec node1() {
  return NodeSpec{.name = "node1", .host = "node1", .zfs_root = "fxa/flocker"};
}

TEST(Observe, ReadsZfsAndDockerState) {
  FakeHost host("node1");
  host.on({"zfs", "version"}, zfs_fixture("zfs-fuse-0.7.0", "01-version"));
  host.on({"zfs", "get"}, zfs_fixture("zfs-fuse-0.7.0", "12-get-p-props"));
  host.on({"docker", "version"}, {0, "20.10.24\n", ""});
  host.on({"docker", "ps"}, {0, "flocker--web\tid1\tlocal/busybox:1\trunning\tweb\th1\t{}\n", ""});
  host.on(node_tools_probe(), {0, "zstd\nmbuffer\ndd-progress\n", ""});
  auto state = observe_node(host, node1());
  EXPECT_TRUE(state.ok()) << state.error;
  EXPECT_EQ(state.flavour, ZfsFlavour::ZfsFuse);
  EXPECT_TRUE(state.root_exists);
  ASSERT_EQ(state.datasets.size(), 1u);
  ASSERT_EQ(state.containers.size(), 1u);
  EXPECT_EQ(state.docker_version, "20.10.24");
  EXPECT_EQ(state.tools, (NodeTools{.zstd = true, .lz4 = false, .mbuffer = true, .dd_progress = true}));
  EXPECT_EQ(host.commands.size(), 5u);  // one round trip each, no more
}

TEST(Observe, SeesContainersFlockerDidNotMakeAndKeepsThemApart) {
  // Another root's container, and one made by hand under a name flocker uses:
  // both must be seen (a label filter would hide the second), and neither
  // may be taken as this root's.
  FakeHost host("node1");
  host.on({"zfs", "version"}, zfs_fixture("zfs-fuse-0.7.0", "01-version"));
  host.on({"zfs", "get"}, zfs_fixture("zfs-fuse-0.7.0", "12-get-p-props"));
  host.on({"docker", "version"}, {0, "20.10.24\n", ""});
  host.on({"docker", "ps"}, {0,
                             "flocker--api\tid1\tlocal/busybox:1\trunning\tapi\th1\t{}\ttank/prod\t\n"
                             "flocker--web\tid2\tlocal/busybox:1\trunning\t\t\t\t\t\n"
                             "unrelated\tid3\tlocal/busybox:1\trunning\t\t\t\t\t\n",
                             ""});
  auto state = observe_node(host, node1());
  EXPECT_TRUE(state.ok()) << state.error;
  EXPECT_TRUE(state.containers.empty());
  ASSERT_EQ(state.foreign_containers.size(), 2u);
  EXPECT_EQ(state.foreign_containers[0].name, "flocker--api");
  EXPECT_EQ(state.foreign_containers[1].name, "flocker--web");
}

// Applications: web deployed on node1, db on node2 but with its container
// still on node1 (a move's source), api on node2 only.
Manifest three_applications() {
  Manifest manifest;
  manifest.nodes["node1"] = node1();
  manifest.applications["web"] = AppSpec{.name = "web", .image = "local/volume:1"};
  manifest.applications["db"] = AppSpec{.name = "db", .image = "local/db:1"};
  manifest.applications["api"] = AppSpec{.name = "api", .image = "local/api:1"};
  manifest.deployment = {{"node1", {"web"}}, {"node2", {"db", "api"}}};
  return manifest;
}

TEST(Observe, InspectsTheImagesOfTheApplicationsDeployedOrRunningThereInOneCall) {
  FakeHost host("node1");
  host.on({"zfs", "version"}, zfs_fixture("zfs-fuse-0.7.0", "01-version"));
  host.on({"zfs", "get"}, zfs_fixture("zfs-fuse-0.7.0", "12-get-p-props"));
  host.on({"docker", "version"}, {0, "20.10.24\n", ""});
  host.on({"docker", "ps"}, {0, "flocker--db\tid1\tlocal/db:1\trunning\tdb\th1\t{}\tfxa/flocker\t\n", ""});
  host.on({"docker", "image", "inspect"},
          {1, "{\"/var/lib/db\":{}}\n", "Error: No such image: local/volume:1\n"});
  auto state = observe_node(host, node1(), three_applications());
  EXPECT_TRUE(state.ok()) << state.error;
  EXPECT_EQ(host.commands.size(), 6u);
  EXPECT_EQ(host.commands.back(), docker::image_volumes({"local/db:1", "local/volume:1"}));
  // local/volume:1 is not on the node yet (it will be pulled): left out, no error.
  EXPECT_EQ(state.image_volumes,
            (std::map<std::string, std::vector<std::string>>{{"local/db:1", {"/var/lib/db"}}}));
  EXPECT_EQ(images_to_inspect(three_applications(), NodeState{.node = "node2"}),
            (std::vector<std::string>{"local/api:1", "local/db:1"}));
}

TEST(Observe, AnImageInspectThatFailsLeavesTheNodeObserved) {
  FakeHost host("node1");
  host.on({"zfs", "version"}, zfs_fixture("zfs-fuse-0.7.0", "01-version"));
  host.on({"zfs", "get"}, zfs_fixture("zfs-fuse-0.7.0", "12-get-p-props"));
  host.on({"docker", "version"}, {0, "20.10.24\n", ""});
  host.fail_on({"docker", "image"}, Error{"node node1: lost the SSH connection", ""});
  auto state = observe_node(host, node1(), three_applications());
  EXPECT_TRUE(state.ok()) << state.error;
  EXPECT_TRUE(state.image_volumes.empty());
}

TEST(Observe, AFailedToolProbeLeavesTheToolsOut) {
  FakeHost host("node1");
  host.on({"zfs", "version"}, zfs_fixture("zfs-fuse-0.7.0", "01-version"));
  host.on({"zfs", "get"}, zfs_fixture("zfs-fuse-0.7.0", "12-get-p-props"));
  host.on({"docker", "version"}, {0, "20.10.24\n", ""});
  host.on(node_tools_probe(), {127, "", "sh: not found\n"});
  auto state = observe_node(host, node1());
  EXPECT_TRUE(state.ok()) << state.error;
  EXPECT_EQ(state.tools, NodeTools{});
}

TEST(NodeTools, ParsesTheNamesOfWorkingTools) {
  EXPECT_EQ(parse_node_tools("lz4\n"), (NodeTools{.lz4 = true}));
  EXPECT_EQ(parse_node_tools(""), NodeTools{});
  EXPECT_EQ(parse_node_tools("zstd\nlz4\nmbuffer\ndd-progress\nsomething-else\n"),
            (NodeTools{.zstd = true, .lz4 = true, .mbuffer = true, .dd_progress = true}));
}

TEST(Observe, MissingRootIsNotAnError) {
  FakeHost host("node1");
  host.on({"zfs", "version"}, zfs_fixture("openzfs-2.3.2", "01-version"));
  host.on({"zfs", "list"}, {0, "fxa\n", ""});
  host.on({"zfs", "list", "-Hp"}, {1, "", "cannot open 'fxa/flocker': dataset does not exist\n"});
  host.on({"docker", "version"}, {0, "20.10.24\n", ""});
  auto state = observe_node(host, node1());
  EXPECT_TRUE(state.ok()) << state.error;
  EXPECT_FALSE(state.root_exists);
  EXPECT_EQ(host.commands[2], (Argv{"zfs", "list", "-H", "-o", "name", "fxa"}));
}

TEST(Observe, OpenZfsIsReadWithListHpAndZfsFuseWithGetHp) {
  FakeHost openzfs("node1"), fuse("node2");
  openzfs.on({"zfs", "version"}, zfs_fixture("openzfs-2.3.2", "01-version"));
  openzfs.on({"zfs", "list"}, {0,
                               "fxa/flocker/web.www\tfilesystem\t1\t2\t3\t4\t/"
                               "w\tyes\toff\t1-tok\tweb\twww\tnode1\t1\t-\t5\t1048576\t1795801339\n",
                               ""});
  fuse.on({"zfs", "version"}, zfs_fixture("zfs-fuse-0.7.0", "01-version"));
  fuse.on({"zfs", "get"}, zfs_fixture("zfs-fuse-0.7.0", "12-get-p-props"));
  for (auto* host : {&openzfs, &fuse}) host->on({"docker", "version"}, {0, "20.10.24\n", ""});
  auto a = observe_node(openzfs, node1());
  auto b = observe_node(fuse, node1());
  ASSERT_TRUE(a.ok()) << a.error;
  ASSERT_TRUE(b.ok()) << b.error;
  EXPECT_EQ(a.zfs_version, "2.3.2");
  EXPECT_EQ(openzfs.commands.at(1).at(2), "-Hp");
  EXPECT_EQ(openzfs.commands.at(1).at(1), "list");
  EXPECT_EQ(fuse.commands.at(1).at(1), "get");  // zfs-fuse has no list -p
  ASSERT_EQ(a.datasets.size(), 1u);
  EXPECT_EQ(a.datasets[0].resume_token, "1-tok");
  EXPECT_EQ(a.datasets[0].written, 4u);
  EXPECT_EQ(a.datasets[0].referenced, 5u);
  EXPECT_EQ(a.datasets[0].refquota,
            1u << 20);  // OpenZFS reads it too: else every plan would "set" the quota again
}

TEST(Observe, MissingPoolIsAnError) {
  FakeHost host("node1");
  host.on({"zfs", "version"}, zfs_fixture("openzfs-2.3.2", "01-version"));
  host.on({"zfs", "list"}, zfs_fixture("openzfs-2.3.2", "15-list-pool-missing"));
  auto state = observe_node(host, node1());
  EXPECT_FALSE(state.ok());
  EXPECT_NE(state.error.find("node node1 has no ZFS pool \"fxa\""), std::string::npos) << state.error;
}

TEST(Observe, LostConnectionIsReported) {
  FakeHost host("node1");
  host.fail_on({"zfs"}, Error{"node node1: lost the SSH connection", ""});
  auto state = observe_node(host, node1());
  EXPECT_FALSE(state.ok());
  EXPECT_NE(state.error.find("lost the SSH connection"), std::string::npos);
}

}  // namespace
}  // namespace flocker
