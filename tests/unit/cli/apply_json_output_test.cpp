#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/apply_output.hpp"
#include "support/fake_clock.hpp"

namespace flocker {
namespace {

nlohmann::json skipped_event(SkipReason reason) {
  const Step step{.kind = StepKind::CreateDataset, .node = "node1", .target = "tank/flocker/a.x"};
  testing::FakeClock clock;
  auto out = json_apply_output(clock);
  ::testing::internal::CaptureStdout();
  out->step({.step = step, .event = StepEvent::Skipped, .skip_reason = reason}, 3);
  return nlohmann::json::parse(::testing::internal::GetCapturedStdout());
}

TEST(ApplyJsonOutput, ASkippedStepCarriesItsOwnReason) {
  // Not whether a stop came at some time: a step behind a failure says so
  // even if Ctrl-C came later, and a stopped one says it was interrupted.
  EXPECT_EQ(skipped_event(SkipReason::Interrupted)["reason"], "interrupted");
  EXPECT_EQ(skipped_event(SkipReason::EarlierStepFailed)["reason"], "earlier_step_failed");
  EXPECT_EQ(skipped_event(SkipReason::Interrupted)["step"], 3);
}

}  // namespace
}  // namespace flocker
