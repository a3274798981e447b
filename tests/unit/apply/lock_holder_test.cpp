#include "apply/lock_holder.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pwd.h>
#include <unistd.h>

#include <map>

#include "support/fake_clock.hpp"

namespace flocker {
namespace {

EnvLookup environment(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](const std::string& name) -> std::optional<std::string> {
    auto it = variables.find(name);
    if (it == variables.end()) return std::nullopt;
    return it->second;
  };
}

TEST(LockHolder, TheUserComesFromUserOrElseFromTheEffectiveUid) {
  EXPECT_EQ(lock_user(environment({{"USER", "alice"}}), system_clock()), "alice");
  // CI containers often have no $USER: the lock must still say who.
  const passwd* entry = getpwuid(geteuid());
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(lock_user(environment({}), system_clock()), entry->pw_name);
  EXPECT_EQ(lock_user(environment({{"USER", ""}}), system_clock()), entry->pw_name);
  // What zfs gives back is trimmed: so must the holder be, or an apply would
  // not know its own lock when it releases it.
  EXPECT_EQ(lock_user(environment({{"USER", " bob\t "}}), system_clock()), "bob");
  EXPECT_EQ(lock_user(environment({{"USER", "  "}}), system_clock()), entry->pw_name);
}

TEST(LockHolder, CiJobsAreNamedByALinkToThem) {
  EXPECT_EQ(ci_job_reference(environment({})), "");
  EXPECT_EQ(ci_job_reference(environment({{"GITHUB_REPOSITORY", "acme/shop"},
                                          {"GITHUB_RUN_ID", "8812"},
                                          {"GITHUB_SERVER_URL", "https://github.com"}})),
            "https://github.com/acme/shop/actions/runs/8812");
  EXPECT_EQ(ci_job_reference(environment({{"GITHUB_REPOSITORY", "acme/shop"}, {"GITHUB_RUN_ID", "8812"}})),
            "https://github.com/acme/shop/actions/runs/8812");
  EXPECT_EQ(ci_job_reference(environment({{"CI_JOB_URL", "https://gitlab.example/acme/shop/-/jobs/41"}})),
            "https://gitlab.example/acme/shop/-/jobs/41");
  EXPECT_EQ(ci_job_reference(environment({{"BUILD_URL", "https://jenkins.example/job/shop/7/"}})),
            "https://jenkins.example/job/shop/7/");
  // The holder is read back from tab-separated lines: no control characters.
  EXPECT_EQ(ci_job_reference(environment({{"CI_JOB_URL", "https://x/\tjobs/1\n"}})), "https://x/jobs/1");
}

TEST(LockHolder, TheHolderTextNamesUserHostPidTimeAndPlan) {
  const auto text = describe_lock_holder("0123456789abcdef0123", system_clock(), process_environment());
  EXPECT_THAT(text,
              ::testing::MatchesRegex(".+@.* pid [0-9]+ since [0-9T:-]+Z, plan sha256:0123456789abcdef.*"));
  EXPECT_THAT(text, ::testing::Not(::testing::HasSubstr("?@")));
}

TEST(LockHolder, UserHostPidAndTimeComeFromTheClock) {
  testing::FakeClock clock;
  clock.advance(std::chrono::seconds(90));
  EXPECT_EQ(describe_lock_holder("0123456789abcdef0123", clock, environment({})),
            "alice@laptop pid 4242 since 2026-01-02T03:05:35Z, plan sha256:0123456789abcdef");
  EXPECT_EQ(
      describe_lock_holder("0123456789abcdef0123", clock,
                           environment({{"USER", "ci"}, {"CI_JOB_URL", "https://x/jobs/1"}})),
      "ci@laptop pid 4242 since 2026-01-02T03:05:35Z, plan sha256:0123456789abcdef, job https://x/jobs/1");
  clock.user_value = "";
  EXPECT_EQ(lock_user(environment({}), clock), fmt::format("uid {}", geteuid()));
}

}  // namespace
}  // namespace flocker
