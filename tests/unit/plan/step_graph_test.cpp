#include "plan/step_graph.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace flocker {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

Step dataset(const std::string& node, const std::string& app) {
  return Step{
      .kind = StepKind::CreateDataset, .node = node, .app = app, .target = "tank/flocker/" + app + ".x"};
}

Step run(const std::string& node, const std::string& app, std::vector<std::string> starts_after = {}) {
  return Step{.kind = StepKind::RunContainer,
              .node = node,
              .app = app,
              .target = "flocker--" + app,
              .starts_after = std::move(starts_after)};
}

Step move_app(const std::string& from, const std::string& to, const std::string& app,
              std::vector<std::string> starts_after = {}) {
  return Step{.kind = StepKind::MoveApplication,
              .node = to,
              .app = app,
              .target = "flocker--" + app,
              .source_node = from,
              .starts_after = std::move(starts_after)};
}

Step destroy(const std::string& node, const std::string& app) {
  return Step{
      .kind = StepKind::DestroyDataset, .node = node, .app = app, .target = "tank/flocker/" + app + ".y"};
}

TEST(StepGraph, EachNodesStepsKeepTheirOrder) {
  auto order =
      step_order({dataset("node1", "a"), dataset("node2", "b"), run("node1", "a"), run("node2", "b")});
  EXPECT_THAT(order.after, ElementsAre(IsEmpty(), IsEmpty(), ElementsAre(0), ElementsAre(1)));
  EXPECT_THAT(order.notes, IsEmpty());
}

TEST(StepGraph, AfterListsOnlyWhatIsNotWaitedForThroughAnotherStep) {
  // c waits for a and b on node1; b already waits for a, so c lists b alone.
  auto order = step_order({dataset("node1", "a"), dataset("node1", "b"), run("node1", "c")});
  EXPECT_THAT(order.after, ElementsAre(IsEmpty(), ElementsAre(0), ElementsAre(1)));
}

TEST(StepGraph, AMoveWaitsForTheStepsOfBothItsNodes) {
  auto order = step_order(
      {dataset("node1", "a"), dataset("node2", "b"), dataset("node3", "c"), move_app("node1", "node2", "d")});
  EXPECT_THAT(order.after[3], ElementsAre(0, 1));
}

TEST(StepGraph, AStartWaitsForItsLinkTargetsOnOtherNodes) {
  // web comes first in the plan, on another node than db.
  auto order = step_order({run("node1", "web", {"db"}), run("node2", "db")});
  EXPECT_THAT(order.after, ElementsAre(ElementsAre(1), IsEmpty()));
  EXPECT_THAT(order.notes, IsEmpty());
}

TEST(StepGraph, AStartOrderThatWouldFormACycleBecomesANote) {
  // web moves node2 → node1 and links to db, new on node2: db's run waits for
  // the move on node2, so the move cannot also wait for db.
  auto order = step_order({move_app("node2", "node1", "web", {"db", "db"}), run("node2", "db")});
  EXPECT_THAT(order.after, ElementsAre(IsEmpty(), ElementsAre(0)));
  ASSERT_THAT(order.notes, ElementsAre(HasSubstr("the container of web may start before that of db")));
  EXPECT_THAT(order.notes[0], HasSubstr("db's step on node2 already waits for web's step on node1"));

  Plan plan{.steps = {move_app("node2", "node1", "web", {"db"}), run("node2", "db")}, .notes = {"kept data"}};
  order_steps(plan);
  EXPECT_THAT(plan.steps[1].after, ElementsAre(0));
  EXPECT_THAT(plan.notes, ElementsAre("kept data", HasSubstr("may start before")));
}

TEST(StepGraph, DestroysComeLastAfterAMoveFromTheirNode) {
  // db moves node1 → node2 (listed under node2); its old volume on node1 is
  // destroyed once the move has stopped the container that mounts it.
  auto order = step_order(
      {run("node1", "web"), run("node3", "x"), move_app("node1", "node2", "db"), destroy("node1", "db")});
  EXPECT_THAT(order.after[2], ElementsAre(0));
  EXPECT_THAT(order.after[3], ElementsAre(2));
}

}  // namespace
}  // namespace flocker
