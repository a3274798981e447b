#pragma once
// The text a lock records about its holder (flocker:lock), for a person who
// finds the node locked: who, where, since when, for which plan, and in CI
// which job, so that a lock left by a cancelled pipeline leads to its run.
#include <string>

#include "util/clock.hpp"
#include "util/env_lookup.hpp"

namespace flocker {

// "alice@laptop pid 4242 since 2026-11-27T19:00:00Z, plan sha256:…[, job URL]":
// host, pid and time from clock, the user and the job from env.
std::string describe_lock_holder(const std::string& plan_digest, const Clock& clock, const EnvLookup& env);
// The same with what the holder does instead of a plan: "alice@laptop pid 42
// since …, flocker replicate".
std::string describe_lock_holder_doing(const std::string& doing, const Clock& clock, const EnvLookup& env);

// $USER, or where it is unset (CI containers often lack it) the name of the
// effective user (clock.user_name()), or "uid N".
std::string lock_user(const EnvLookup& env, const Clock& clock);

// The CI job flocker runs in, from what GitHub Actions, GitLab CI and Jenkins
// set, as a link to it; empty elsewhere. Pure.
std::string ci_job_reference(const EnvLookup& env);

}  // namespace flocker
