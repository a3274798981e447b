#include "cli/apply_output.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace flocker {
namespace {

// Records which events came, in order.
class RecordingOutput final : public ApplyOutput {
 public:
  void manifest_errors(const Diagnostics&) override { events.push_back("manifest_errors"); }
  void error(const Error&) override { events.push_back("error"); }
  void warning(const std::string& text) override { events.push_back("warning: " + text); }
  void plan(const Plan&) override { events.push_back("plan"); }
  void step(const StepUpdate&, size_t) override { events.push_back("step"); }
  void summary(const ApplySummary&) override { events.push_back("summary"); }
  std::vector<std::string> events;
};

TEST(ApplyOutput, ThePlanComesBeforeTheTargetWarning) {
  RecordingOutput out;
  announce_plan(out, Plan{}, "--target web: 1 other step is left out");
  EXPECT_THAT(out.events, ::testing::ElementsAre("plan", "warning: --target web: 1 other step is left out"));
  RecordingOutput plain;
  announce_plan(plain, Plan{}, "");
  EXPECT_THAT(plain.events, ::testing::ElementsAre("plan"));
}

}  // namespace
}  // namespace flocker
