#include "apply/stale_lock.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace flocker {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

constexpr const char* kHolder =
    "alice@build-7 pid 4242 since 2026-11-27T19:00:00Z, plan sha256:0123456789abcdef";
const std::chrono::sys_seconds kLockTime = std::chrono::sys_days(std::chrono::year(2026) / 11 / 27) + 19h;

TEST(StaleLock, ReadsWhatLockHolderWrites) {
  auto holder = parse_lock_holder(kHolder);
  ASSERT_TRUE(holder);
  EXPECT_EQ(holder->user, "alice");
  EXPECT_EQ(holder->host, "build-7");
  EXPECT_EQ(holder->pid, 4242);
  EXPECT_EQ(holder->since, kLockTime);
  // A CI job link may follow; a user name may hold '@' and spaces.
  holder =
      parse_lock_holder("ci bot@x@runner pid 7 since 2026-01-02T03:04:05Z, plan sha256:ab, job https://ci/1");
  ASSERT_TRUE(holder);
  EXPECT_EQ(holder->user, "ci bot@x");
  EXPECT_EQ(holder->host, "runner");
  EXPECT_EQ(holder->pid, 7);
}

TEST(StaleLock, OtherTextsAreNotReadAsAHolder) {
  for (const char* text :
       {"", "(unknown holder)", "me@here pid 1", "me@here pid x since 2026-11-27T19:00:00Z",
        "@here pid 1 since 2026-11-27T19:00:00Z", "me@ pid 1 since 2026-11-27T19:00:00Z",
        "me@here pid -3 since 2026-11-27T19:00:00Z", "me@here pid 1 since 2026-13-27T19:00:00Z",
        "me@here pid 1 since 2026-11-27T19:00:00Zjunk", "me@here pid 1 since 2026-11-27"})
    EXPECT_FALSE(parse_lock_holder(text)) << text;
}

TEST(StaleLock, ALockOfThisHostWhoseHolderIsGoneIsStale) {
  auto judgement = judge_lock(kHolder, "build-7", {.running = false});
  EXPECT_EQ(judgement.verdict, LockVerdict::stale);
  EXPECT_THAT(judgement.why, HasSubstr("pid 4242 on this host, no longer runs"));
}

TEST(StaleLock, ALockWhosePidWasReusedByALaterProcessIsStale) {
  auto judgement = judge_lock(kHolder, "build-7", {.running = true, .started = kLockTime + 1h});
  EXPECT_EQ(judgement.verdict, LockVerdict::stale);
  EXPECT_THAT(judgement.why, HasSubstr("started after the lock was taken"));
}

TEST(StaleLock, ALockWhoseHolderStillRunsIsLive) {
  // Started before the lock was taken; or a second after it (start times are
  // known to about a second); or when its start cannot be read.
  for (LocalProcess process : {LocalProcess{true, kLockTime - 10s},
                               LocalProcess{true, kLockTime + kStartSlack}, LocalProcess{true, std::nullopt}})
    EXPECT_EQ(judge_lock(kHolder, "build-7", process).verdict, LockVerdict::live);
}

TEST(StaleLock, ALockFromAnotherHostIsNeverStale) {
  // Even if a process with its pid is gone here: that pid was on another machine.
  auto judgement = judge_lock(kHolder, "laptop", {.running = false});
  EXPECT_EQ(judgement.verdict, LockVerdict::foreign);
  EXPECT_THAT(judgement.why, HasSubstr("taken from host build-7, not this one (laptop)"));
  EXPECT_EQ(judge_lock(kHolder, "", {.running = false}).verdict, LockVerdict::foreign);
}

TEST(StaleLock, AnUnreadableHolderIsNeverStale) {
  EXPECT_EQ(judge_lock("(unknown holder)", "build-7", {.running = false}).verdict, LockVerdict::foreign);
  EXPECT_EQ(judge_lock("someone@build-7 pid 4242", "build-7", {.running = false}).verdict,
            LockVerdict::foreign);
}

}  // namespace
}  // namespace flocker
