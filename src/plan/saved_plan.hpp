#pragma once
// A plan saved by `plan -out FILE` for a later `show FILE` or `apply FILE`:
// the plan as JSON, and digests of what it was made from (each manifest file
// and each node's state), so that applying it can refuse when they changed.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "plan/model.hpp"
#include "state/model.hpp"
#include "util/result.hpp"

namespace flocker {

struct SavedManifestFile {
  std::string path;  // as given to `plan`, relative to where it ran
  std::string sha256;
};

struct SavedNodeState {
  std::string sha256;
  std::vector<std::string> lines;  // state_lines(): to say what changed
};

struct SavedPlan {
  std::string flocker_version;
  std::string created_at;  // UTC, ISO 8601
  std::vector<SavedManifestFile> manifests;
  std::vector<std::string> targets;  // --target
  bool allow_destroy = false;
  std::vector<std::string> allow_env;  // --allow-env: what the manifest could read
  std::map<std::string, SavedNodeState> nodes;
  std::string plan_sha256;  // of plan_fingerprint(): what the plan would change
  nlohmann::json plan;      // plan_to_json(): what `show` renders
};

struct SaveContext {
  std::vector<SavedManifestFile> manifests;
  std::vector<std::string> targets;
  bool allow_destroy = false;
  std::vector<std::string> allow_env;
  std::string flocker_version;
  std::string created_at;
};

// What a plan would change, as a digest (plan_fingerprint without root
// creation, which taking a lock may already have done).
std::string plan_digest(const Plan& plan);

SavedPlan make_saved_plan(const Plan& plan, const Observed& observed, SaveContext context);

nlohmann::json saved_plan_to_json(const SavedPlan& saved);
// file: named in errors.
Result<SavedPlan> saved_plan_from_json(const nlohmann::json& json, const std::string& file);

// True when text is a saved plan rather than a manifest (apply takes either).
bool looks_like_saved_plan(std::string_view text);

struct CurrentState {
  std::map<std::string, std::string> manifest_sha256;  // path -> digest; missing: the file is gone
  const Observed* observed = nullptr;
  std::string plan_sha256;  // of the plan made now; empty: not made yet
  std::string flocker_version;
};

// Why the saved plan no longer holds, one reason per line (a changed file, a
// node's changed state with its lines, a different plan); empty when it holds.
std::vector<std::string> stale_reasons(const SavedPlan& saved, const CurrentState& now);

}  // namespace flocker
