#include "apply/lock_holder.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <unistd.h>

namespace flocker {

namespace {

std::string variable(const EnvLookup& env, const char* name) {
  auto value = env(name);
  if (!value) return {};
  // The holder is read back from tab-separated `zfs list` lines, one a
  // dataset, and trimmed: no control characters, no spaces at either end, or
  // the apply would not know its own lock again.
  std::string clean;
  for (char c : *value)
    if (static_cast<unsigned char>(c) >= 0x20) clean += c;
  const auto first = clean.find_first_not_of(' '), last = clean.find_last_not_of(' ');
  return first == std::string::npos ? std::string() : clean.substr(first, last - first + 1);
}

}  // namespace

std::string lock_user(const EnvLookup& env, const Clock& clock) {
  if (auto user = variable(env, "USER"); !user.empty()) return user;
  if (auto name = clock.user_name(); !name.empty()) return name;
  return fmt::format("uid {}", geteuid());
}

std::string ci_job_reference(const EnvLookup& env) {
  // GitHub Actions: the run (its page lists the jobs).
  if (auto repository = variable(env, "GITHUB_REPOSITORY"), run = variable(env, "GITHUB_RUN_ID");
      !repository.empty() && !run.empty()) {
    auto server = variable(env, "GITHUB_SERVER_URL");
    return fmt::format("{}/{}/actions/runs/{}", server.empty() ? "https://github.com" : server, repository,
                       run);
  }
  for (const char* url : {"CI_JOB_URL", "BUILD_URL"})  // GitLab CI, Jenkins
    if (auto value = variable(env, url); !value.empty()) return value;
  return {};
}

std::string describe_lock_holder(const std::string& plan_digest, const Clock& clock, const EnvLookup& env) {
  return describe_lock_holder_doing("plan sha256:" + plan_digest.substr(0, 16), clock, env);
}

std::string describe_lock_holder_doing(const std::string& doing, const Clock& clock, const EnvLookup& env) {
  const auto now = fmt::gmtime(std::chrono::system_clock::to_time_t(clock.wall_now()));
  auto text = fmt::format("{}@{} pid {} since {:%Y-%m-%dT%H:%M:%SZ}, {}", lock_user(env, clock),
                          clock.host_name(), clock.pid(), now, doing);
  if (auto job = ci_job_reference(env); !job.empty()) text += ", job " + job;
  return text;
}

}  // namespace flocker
