#include "state/container_scope.hpp"

#include <gtest/gtest.h>

namespace flocker {
namespace {

NodeState staging_node() {
  NodeState state{.node = "node1", .reachable = true, .zfs_root = "tank/staging", .root_exists = true};
  state.datasets.push_back({.name = "tank/staging/web.www", .mountpoint = "/tank/staging/web.www"});
  return state;
}

ContainerState labelled(std::string name, std::string app, std::string root,
                        std::vector<std::string> mounts) {
  return {.name = std::move(name),
          .id = "id",
          .image = "local/busybox:1",
          .state = "running",
          .app = std::move(app),
          .config_hash = "h",
          .root = std::move(root),
          .mounts = std::move(mounts)};
}

std::vector<std::string> names(const std::vector<ContainerState>& containers) {
  std::vector<std::string> out;
  for (const auto& container : containers) out.push_back(container.name);
  return out;
}

TEST(ContainerScope, AnotherRootsContainersAreForeign) {
  auto state = staging_node();
  scope_containers(state, {labelled("flocker--web", "web", "tank/staging", {"/tank/staging/web.www"}),
                           labelled("flocker--api", "api", "tank/prod", {"/tank/prod/api.data"})});
  EXPECT_EQ(names(state.containers), std::vector<std::string>{"flocker--web"});
  EXPECT_EQ(names(state.foreign_containers), std::vector<std::string>{"flocker--api"});
  EXPECT_EQ(foreign_reason(state.foreign_containers[0]), "of another root (tank/prod)");
}

TEST(ContainerScope, AContainerWithoutFlockerLabelsIsForeignOnlyWhenItHoldsAFlockerName) {
  auto state = staging_node();
  scope_containers(state, {labelled("flocker--web", "", "", {}), labelled("nginx", "", "", {})});
  EXPECT_TRUE(state.containers.empty());
  EXPECT_EQ(names(state.foreign_containers), std::vector<std::string>{"flocker--web"});
  EXPECT_EQ(foreign_reason(state.foreign_containers[0]), "not made by flocker (no flocker labels)");
}

TEST(ContainerScope, OlderContainersAreAdoptedWhenTheyBindOnlyThisRootsDatasets) {
  auto state = staging_node();
  scope_containers(state, {labelled("flocker--web", "web", "", {"/tank/staging/web.www"}),
                           labelled("flocker--cache", "cache", "", {}),
                           labelled("flocker--api", "api", "", {"/tank/prod/api.data"})});
  EXPECT_EQ(names(state.containers), (std::vector<std::string>{"flocker--web", "flocker--cache"}));
  EXPECT_TRUE(state.containers[0].adopted);
  EXPECT_EQ(names(state.foreign_containers), std::vector<std::string>{"flocker--api"});
  EXPECT_FALSE(state.foreign_containers[0].adopted);
}

TEST(ContainerScope, AnOlderContainerWithADockerVolumeIsNotAdopted) {
  // Its only mount is a docker volume (an image's VOLUME, or a named one): it
  // binds no dataset of this root, so nothing says it is this root's.
  auto state = staging_node();
  auto postgres = labelled("flocker--db", "db", "", {});
  postgres.docker_volumes = {"8513b3a4f4d4b2b0a8f7e1c2d3e4f5a6"};
  scope_containers(state, {postgres});
  EXPECT_TRUE(state.containers.empty());
  EXPECT_EQ(names(state.foreign_containers), std::vector<std::string>{"flocker--db"});
}

}  // namespace
}  // namespace flocker
