#include "cli/progress_throttle.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/apply_output.hpp"
#include "support/fake_clock.hpp"
#include "util/text.hpp"

namespace flocker {
namespace {

using testing::FakeClock;

TEST(ProgressThrottle, OneUpdateAKeyPerInterval) {
  FakeClock clock;
  ProgressThrottle<int> throttle(clock, std::chrono::seconds(1));
  EXPECT_TRUE(throttle.due(1));  // the first always
  EXPECT_TRUE(throttle.due(2));  // each key on its own
  clock.advance(std::chrono::milliseconds(999));
  EXPECT_FALSE(throttle.due(1));
  clock.advance(std::chrono::milliseconds(1));
  EXPECT_TRUE(throttle.due(1));
  EXPECT_FALSE(throttle.due(1));
}

StepUpdate running_count(const Step& step, unsigned long long bytes) {
  return {.step = step,
          .event = StepEvent::Progress,
          .transient = true,
          .bytes = bytes,
          .total_bytes = 4096,
          .fact = ProgressFact{.kind = ProgressKind::Sending,
                               .phase = "pre-copy",
                               .dataset = "tank/flocker/web.www",
                               .bytes = bytes,
                               .total_bytes = 4096,
                               .seconds = 1}};
}

// Ten running counts, a quarter of a second apart: what each output prints.
std::vector<std::string> printed(std::unique_ptr<ApplyOutput> out, FakeClock& clock) {
  const Step step{.kind = StepKind::MoveApplication, .node = "node2", .source_node = "node1"};
  ::testing::internal::CaptureStdout();
  for (unsigned long long i = 1; i <= 10; ++i) {
    out->step(running_count(step, i * 100), 0);
    clock.advance(std::chrono::milliseconds(250));
  }
  const auto text = ::testing::internal::GetCapturedStdout();
  std::vector<std::string> lines;
  for (auto line : split_lines(text)) lines.emplace_back(line);
  return lines;
}

TEST(ProgressThrottle, JsonProgressEventsComeOnceASecond) {
  FakeClock clock;
  auto lines = printed(json_apply_output(clock), clock);
  ASSERT_EQ(lines.size(), 3u);  // at 0, 1 and 2 s
  auto first = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(first["type"], "progress");
  EXPECT_EQ(first["bytes"], 100);
  EXPECT_EQ(first["total_bytes"], 4096);
  EXPECT_EQ(first["message"], "pre-copy tank/flocker/web.www: 100 B of about 4.0 KiB, ETA 40s, 100 B/s");
  EXPECT_EQ(first["fact"], "sending");
  EXPECT_EQ(nlohmann::json::parse(lines[2])["bytes"], 900);
}

TEST(ProgressThrottle, TextLinesWithoutATerminalComeEveryThreeSeconds) {
  FakeClock clock;
  auto lines = printed(text_apply_output(true, clock), clock);  // stdout is captured: no terminal
  EXPECT_THAT(lines, ::testing::ElementsAre(
                         "node2:   pre-copy tank/flocker/web.www: 100 B of about 4.0 KiB, ETA 40s, 100 B/s"));
}

}  // namespace
}  // namespace flocker
