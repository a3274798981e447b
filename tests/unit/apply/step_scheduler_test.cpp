#include "apply/step_scheduler.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace flocker {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using Action = StepScheduler::Action;
using Kind = StepScheduler::Action::Kind;

// A plan of `after` lists alone: the scheduler reads nothing else.
Plan graph(const std::vector<std::vector<size_t>>& after) {
  Plan plan;
  for (const auto& list : after) plan.steps.push_back(Step{.kind = StepKind::CreateDataset, .after = list});
  return plan;
}

Action start(size_t step) {
  return {Kind::Start, step};
}
Action skip(size_t step, SkipReason reason) {
  return {Kind::Skip, step, reason};
}

TEST(StepScheduler, StartsWhatIsReadyWithinTheParallelismBound) {
  StepScheduler scheduler(graph({{}, {}, {}, {0}}), 2);
  EXPECT_THAT(scheduler.next(false), ElementsAre(start(0), start(1)));
  EXPECT_THAT(scheduler.next(false), IsEmpty());  // 2 running
  scheduler.finished(1, true);
  EXPECT_THAT(scheduler.next(false), ElementsAre(start(2)));  // 3 still waits for 0
  scheduler.finished(0, true);
  EXPECT_THAT(scheduler.next(false), ElementsAre(start(3)));
  EXPECT_FALSE(scheduler.all_settled());
  scheduler.finished(2, true);
  scheduler.finished(3, true);
  EXPECT_TRUE(scheduler.all_settled());
  EXPECT_FALSE(scheduler.interrupted());
}

TEST(StepScheduler, AStepMayWaitForALaterOne) {
  // A link target listed after its linker, on another node.
  StepScheduler scheduler(graph({{1}, {}}), 4);
  EXPECT_THAT(scheduler.next(false), ElementsAre(start(1)));
  scheduler.finished(1, true);
  EXPECT_THAT(scheduler.next(false), ElementsAre(start(0)));
}

TEST(StepScheduler, AFailureSkipsWhatWaitsForItDirectlyOrNot) {
  StepScheduler scheduler(graph({{}, {0}, {1}, {}}), 4);
  EXPECT_THAT(scheduler.next(false), ElementsAre(start(0), start(3)));
  scheduler.finished(0, false);
  EXPECT_THAT(scheduler.next(false),
              ElementsAre(skip(1, SkipReason::EarlierStepFailed), skip(2, SkipReason::EarlierStepFailed)));
  EXPECT_FALSE(scheduler.all_settled());  // 3 runs on
  scheduler.finished(3, true);
  EXPECT_TRUE(scheduler.all_settled());
  EXPECT_FALSE(scheduler.interrupted());
}

TEST(StepScheduler, ASkipBehindALaterStepIsSeenOnTheNextPass) {
  StepScheduler scheduler(graph({{2}, {}, {1}}), 4);
  EXPECT_THAT(scheduler.next(false), ElementsAre(start(1)));
  scheduler.finished(1, false);
  EXPECT_THAT(scheduler.next(false), ElementsAre(skip(2, SkipReason::EarlierStepFailed)));
  EXPECT_THAT(scheduler.next(false), ElementsAre(skip(0, SkipReason::EarlierStepFailed)));
  EXPECT_TRUE(scheduler.all_settled());
}

TEST(StepScheduler, AStopSkipsEveryWaitingStepAndLetsRunningOnesFinish) {
  StepScheduler scheduler(graph({{}, {0}, {}}), 1);
  EXPECT_THAT(scheduler.next(false), ElementsAre(start(0)));
  EXPECT_THAT(scheduler.next(true),
              ElementsAre(skip(1, SkipReason::Interrupted), skip(2, SkipReason::Interrupted)));
  EXPECT_TRUE(scheduler.interrupted());
  EXPECT_FALSE(scheduler.all_settled());
  scheduler.finished(0, true);
  EXPECT_TRUE(scheduler.all_settled());
}

TEST(StepScheduler, BehindAFailureTheReasonIsTheFailureEvenWhenStopping) {
  StepScheduler scheduler(graph({{}, {0}, {1}}), 4);
  EXPECT_THAT(scheduler.next(false), ElementsAre(start(0)));
  scheduler.finished(0, false);
  EXPECT_THAT(scheduler.next(true),
              ElementsAre(skip(1, SkipReason::EarlierStepFailed), skip(2, SkipReason::EarlierStepFailed)));
  EXPECT_TRUE(scheduler.interrupted());  // the stop was asked for, whatever the reasons
}

TEST(StepScheduler, BehindAStoppedStepTheReasonIsTheStop) {
  StepScheduler scheduler(graph({{}, {}, {1}}), 1);
  EXPECT_THAT(scheduler.next(false), ElementsAre(start(0)));
  EXPECT_THAT(scheduler.next(true),
              ElementsAre(skip(1, SkipReason::Interrupted), skip(2, SkipReason::Interrupted)));
}

TEST(StepScheduler, ParallelismZeroRunsOneAtATime) {
  StepScheduler scheduler(graph({{}, {}}), 0);
  EXPECT_THAT(scheduler.next(false), ElementsAre(start(0)));
}

}  // namespace
}  // namespace flocker
