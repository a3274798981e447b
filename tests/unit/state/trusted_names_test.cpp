#include "state/trusted_names.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "apply/move.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_host.hpp"
#include "util/text.hpp"

namespace flocker {
namespace {

testing::FakeClock fake_clock;  // a move's busy retries take no real time

using testing::FakeHost;
using testing::zfs_fixture;

TEST(TrustedNames, SnapshotsTokensAndDatasetsAreWhatFlockerWrites) {
  EXPECT_TRUE(is_flocker_snapshot("flocker-12"));
  EXPECT_FALSE(is_flocker_snapshot("flocker-"));
  EXPECT_FALSE(is_flocker_snapshot("flocker-1 ; rm"));
  EXPECT_FALSE(is_flocker_snapshot("flocker-1@x"));
  EXPECT_TRUE(is_snapshot_name("before-upgrade_2024.01:x"));
  EXPECT_FALSE(is_snapshot_name("a\x1b[2J"));
  EXPECT_FALSE(is_snapshot_name(std::string(256, 'a')));
  // A real token, recorded on OpenZFS 2.3.
  const auto token = std::string(trim(zfs_fixture("openzfs-2.3.2", "29-resume-token").out));
  EXPECT_TRUE(is_resume_token(token));
  EXPECT_FALSE(is_resume_token("-o x"));
  EXPECT_FALSE(is_resume_token("1-abc def"));
  EXPECT_TRUE(is_flocker_dataset("tank/flocker/web.www", "tank/flocker", "web", "www"));
  EXPECT_FALSE(is_flocker_dataset("tank/other/web.www", "tank/flocker", "web", "www"));
  EXPECT_FALSE(is_flocker_dataset("tank/flocker/web.www/x", "tank/flocker", "web", "www"));
}

Step move_with(const std::string& source, const std::string& base, const std::string& token) {
  return {.kind = StepKind::MoveApplication,
          .node = "node2",
          .app = "web",
          .target = "flocker--web",
          .source_node = "node1",
          .moves = {{.volume = "www",
                     .source = source,
                     .target = "tank/flocker/web.www",
                     .base = base,
                     .target_exists = !base.empty(),
                     .resume_token = token,
                     .next_snapshot = 4,
                     .generation = 2}}};
}

TEST(TrustedNames, AMoveWithANameNoFlockerWouldWriteRunsNoCommand) {
  for (const auto& step : {move_with("tank/flocker/web.www@x", "", ""), move_with("/etc", "", ""),
                           move_with("tank/flocker/web.www", "x\x1b]0;pwned\x07", ""),
                           move_with("tank/flocker/web.www", "flocker-2", "-v; reboot")}) {
    FakeHost from("node1"), to("node2");
    auto moved = execute_move(from, to, step, fake_clock, [](const ProgressUpdate&) {});
    ASSERT_FALSE(moved);
    EXPECT_THAT(moved.error().message, ::testing::HasSubstr("which is not one flocker writes"));
    EXPECT_THAT(moved.error().message, ::testing::Not(::testing::HasSubstr("\x1b")));
    EXPECT_TRUE(from.commands.empty());
    EXPECT_TRUE(to.commands.empty());
  }
}

}  // namespace
}  // namespace flocker
