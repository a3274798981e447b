#include "plan/target.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace flocker {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Plan three_node_plan() {
  Plan plan;
  plan.steps.push_back({.kind = StepKind::CreateRoot, .node = "node1", .target = "tank/flocker"});
  plan.steps.push_back({.kind = StepKind::CreateRoot, .node = "node3", .target = "tank/flocker"});
  plan.steps.push_back(
      {.kind = StepKind::CreateDataset, .node = "node1", .app = "web", .target = "tank/flocker/web.www"});
  plan.steps.push_back(
      {.kind = StepKind::RunContainer, .node = "node1", .app = "web", .target = "flocker--web"});
  plan.steps.push_back({.kind = StepKind::MoveApplication,
                        .node = "node2",
                        .app = "db",
                        .target = "flocker--db",
                        .source_node = "node3"});
  plan.steps.push_back(
      {.kind = StepKind::RunContainer, .node = "node2", .app = "cache", .target = "flocker--cache"});
  return plan;
}

std::vector<std::string> targets_of(const Plan& plan) {
  std::vector<std::string> out;
  for (const auto& step : plan.steps) out.push_back(step.node + " " + step.target);
  return out;
}

TEST(Target, KeepsTheNamedApplicationsAndTheRootsTheyNeed) {
  auto targeted = restrict_to_targets(three_node_plan(), {"db"}, {"web", "db", "cache"});
  ASSERT_TRUE(targeted) << targeted.error().message;
  // db moves from node3: node3's root is kept, node1's is not.
  EXPECT_THAT(targets_of(targeted->plan), ElementsAre("node3 tank/flocker", "node2 flocker--db"));
  EXPECT_EQ(targeted->left_out, 4u);
}

TEST(Target, SeveralTargets) {
  auto targeted = restrict_to_targets(three_node_plan(), {"web", "cache"}, {"web", "db", "cache"});
  ASSERT_TRUE(targeted);
  EXPECT_THAT(targets_of(targeted->plan), ElementsAre("node1 tank/flocker", "node1 tank/flocker/web.www",
                                                      "node1 flocker--web", "node2 flocker--cache"));
}

TEST(Target, AnUnknownApplicationIsAnErrorWithASuggestion) {
  auto targeted = restrict_to_targets(three_node_plan(), {"wbe"}, {"web", "db", "cache"});
  ASSERT_FALSE(targeted);
  EXPECT_THAT(targeted.error().message, HasSubstr("--target wbe: there is no application wbe"));
  EXPECT_EQ(targeted.error().hint, "did you mean web?");
}

}  // namespace
}  // namespace flocker
