#include "cli/apply_outcome.hpp"

#include <gtest/gtest.h>

namespace flocker {
namespace {

TEST(ApplyOutcome, AnInterruptedApplyExitsWithTheSignalsCodeEvenWhenAStepFailed) {
  ApplyReport report{.done = 1,
                     .failed = 1,
                     .skipped = 2,
                     .errors = {{"moving web: stopped as asked", ""}},
                     .interrupted = true};
  auto summary = summarize_apply(report, 4, true, 143);
  EXPECT_EQ(summary.outcome, ApplyOutcome::Interrupted);
  EXPECT_EQ(summary.exit_code, 143);
  ASSERT_EQ(summary.errors.size(), 1u);  // the failure is reported all the same
  EXPECT_EQ(summary.failed, 1u);
  EXPECT_EQ(summary.skipped, 2u);
}

TEST(ApplyOutcome, AFailureWithoutAStopExitsOne) {
  ApplyReport report{.done = 1, .failed = 1, .skipped = 1, .errors = {{"out of space", ""}}};
  auto summary = summarize_apply(report, 3, true, 130);
  EXPECT_EQ(summary.outcome, ApplyOutcome::Failed);
  EXPECT_EQ(summary.exit_code, 1);
}

TEST(ApplyOutcome, AppliedExitsZeroUnlessALockStayed) {
  ApplyReport report{.done = 2};
  EXPECT_EQ(summarize_apply(report, 2, true, 130).exit_code, 0);
  auto locked = summarize_apply(report, 2, false, 130);
  EXPECT_EQ(locked.outcome, ApplyOutcome::Applied);
  EXPECT_EQ(locked.exit_code, 1);
}

}  // namespace
}  // namespace flocker
