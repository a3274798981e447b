// Manifests with different roots sharing nodes, containers flocker did not
// make, and data a plan must not leave behind (plan/foreign_containers.hpp,
// plan/same_host.hpp, and the dropped-node case of plan/copies.hpp).
#include "plan/foreign_containers.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "manifest/load.hpp"
#include "plan/container_config.hpp"
#include "plan/diff.hpp"

namespace flocker {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

Manifest manifest_of(const std::string& text) {
  auto manifest = parse_manifest({{"flocker.yaml", text}});
  if (!manifest) throw std::runtime_error(format_diagnostic(manifest.error().front()));
  return *manifest;
}

// Production's manifest: root tank/prod on both nodes.
const std::string kProd = R"(
nodes:
  node1: {root: tank/prod}
  node2: {root: tank/prod}
applications:
  web:
    image: local/busybox:1
    volumes: {www: /www}
deployment:
  node1: [web]
)";

NodeState node(const std::string& name) {
  return NodeState{.node = name, .reachable = true, .zfs_root = "tank/prod", .root_exists = true};
}

DatasetState www(const std::string& root, const std::string& owner, long long generation = 1) {
  return DatasetState{.name = root + "/web.www",
                      .mountpoint = "/" + root + "/web.www",
                      .mounted = true,
                      .app = "web",
                      .volume = "www",
                      .owner = owner,
                      .generation = generation};
}

ContainerState web_container(const Manifest& manifest, const std::string& root) {
  auto run = container_run(manifest.applications.at("web"), root);
  return ContainerState{.name = run.name,
                        .id = "id",
                        .image = run.image,
                        .state = "running",
                        .app = "web",
                        .config_hash = run.labels.at(kConfigHashLabel),
                        .config = run.labels.at(kConfigLabel),
                        .root = root,
                        .mounts = {"/" + root + "/web.www"}};
}

// web runs on node1 as production's manifest asks.
Observed converged(const Manifest& manifest) {
  Observed observed;
  observed.nodes["node1"] = node("node1");
  observed.nodes["node1"].datasets.push_back(www("tank/prod", "node1"));
  observed.nodes["node1"].containers.push_back(web_container(manifest, "tank/prod"));
  observed.nodes["node2"] = node("node2");
  return observed;
}

TEST(ContainerRun, CarriesItsRootOutsideTheConfigurationHash) {
  const auto manifest = manifest_of(kProd);
  const auto prod = container_run(manifest.applications.at("web"), "tank/prod");
  const auto staging = container_run(manifest.applications.at("web"), "tank/staging");
  EXPECT_EQ(prod.labels.at(kRootLabel), "tank/prod");
  EXPECT_EQ(staging.labels.at(kRootLabel), "tank/staging");
  // Containers made before the label keep their hash: no replace on upgrade.
  EXPECT_EQ(prod.labels.at(kConfigHashLabel), staging.labels.at(kConfigHashLabel));
}

TEST(ForeignContainers, AnotherRootsContainersAreNeitherRemovedNorBlocking) {
  const auto manifest = manifest_of(kProd);
  auto observed = converged(manifest);
  auto staging = web_container(manifest, "tank/staging");
  staging.name = "flocker--api";
  staging.app = "api";
  observed.nodes["node2"].foreign_containers.push_back(staging);
  auto plan = diff(manifest, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_TRUE(plan->empty());
  EXPECT_THAT(plan->notes, IsEmpty());
}

TEST(ForeignContainers, AHandMadeContainerHoldingTheNameStopsThePlan) {
  const auto manifest = manifest_of(kProd);
  auto observed = converged(manifest);
  observed.nodes["node1"].containers.clear();
  observed.nodes["node1"].foreign_containers.push_back(
      ContainerState{.name = "flocker--web", .id = "x", .image = "nginx:1", .state = "running"});
  auto plan = diff(manifest, observed);
  ASSERT_FALSE(plan);
  EXPECT_THAT(plan.error().message,
              HasSubstr("node node1 has a container named flocker--web that is not this "
                        "manifest's: it is not made by flocker (no flocker labels)"));
  EXPECT_THAT(plan.error().message, HasSubstr("docker rename flocker--web OTHER-NAME"));
}

TEST(ForeignContainers, AChangedRootStopsThePlanNamingTheOldRoot) {
  // node1's root was tank/staging; the manifest now says tank/prod.
  const auto manifest = manifest_of(kProd);
  Observed observed;
  observed.nodes["node1"] = node("node1");
  observed.nodes["node1"].root_exists = false;
  observed.nodes["node1"].foreign_containers.push_back(web_container(manifest, "tank/staging"));
  observed.nodes["node2"] = node("node2");
  auto plan = diff(manifest, observed);
  ASSERT_FALSE(plan);
  EXPECT_THAT(plan.error().message, HasSubstr("it is of another root (tank/staging)"));
  EXPECT_THAT(plan.error().message, HasSubstr("the live data of web is still under tank/staging"));
}

TEST(ForeignContainers, AContainerBindingDataOutsideTheRootStopsThePlan) {
  const auto manifest = manifest_of(kProd);
  auto observed = converged(manifest);
  observed.nodes["node1"].containers[0].mounts = {"/srv/elsewhere"};
  auto plan = diff(manifest, observed);
  ASSERT_FALSE(plan);
  EXPECT_THAT(
      plan.error().message,
      HasSubstr("container flocker--web on node1 binds /srv/elsewhere, which is not the mountpoint of a "
                "dataset under tank/prod"));
}

TEST(ForeignContainers, TheDockerVolumeOfAnImagesVolumeIsNotABindAndDoesNotStopThePlan) {
  // postgres, mysql, redis… declare VOLUME: docker mounts an anonymous volume
  // there unless a flocker volume covers the path (the plan notes it).
  const auto manifest = manifest_of(kProd);
  auto observed = converged(manifest);
  observed.nodes["node1"].containers[0].docker_volumes = {"8513b3a4f4d4b2b0a8f7e1c2d3e4f5a6"};
  auto plan = diff(manifest, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_TRUE(plan->steps.empty());
}

TEST(ForeignContainers, AnAdoptedContainerIsNotedAndKept) {
  const auto manifest = manifest_of(kProd);
  auto observed = converged(manifest);
  observed.nodes["node1"].containers[0].root.clear();
  observed.nodes["node1"].containers[0].adopted = true;
  auto plan = diff(manifest, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_TRUE(plan->empty());
  ASSERT_EQ(plan->notes.size(), 1u);
  EXPECT_THAT(plan->notes[0], HasSubstr("container flocker--web on node1 has no flocker.root label"));
}

TEST(SameHost, TwoNodesWithOneHostKeyStopThePlan) {
  const auto manifest = manifest_of(kProd);
  auto observed = converged(manifest);
  observed.nodes["node1"].host_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOneMachineKey0123";
  observed.nodes["node2"].host_key = observed.nodes["node1"].host_key;
  auto plan = diff(manifest, observed);
  ASSERT_FALSE(plan);
  EXPECT_THAT(plan.error().message,
              HasSubstr("nodes node1 and node2 are one machine: each answered with the host key ssh-ed25519 "
                        "…chineKey0123"));
}

TEST(DroppedNode, ALiveCopyOnANodeNoLongerInTheManifestStopsThePlan) {
  // web moved node3 → node1 once (node1 keeps a standby owned by node3); node3 is gone from the manifest.
  const auto manifest = manifest_of(kProd);
  Observed observed;
  observed.nodes["node1"] = node("node1");
  observed.nodes["node1"].datasets.push_back(www("tank/prod", "node3", 2));
  observed.nodes["node2"] = node("node2");
  auto plan = diff(manifest, observed);
  ASSERT_FALSE(plan);
  EXPECT_THAT(
      plan.error().message,
      HasSubstr("the live copy of volume \"www\" of application web is on node3 (flocker:owner of the "
                "newest copy), which holds no copy under its root in this manifest"));
}

}  // namespace
}  // namespace flocker
