#pragma once
// What every command shares: manifest files, SSH settings, output style, and
// the options that decide what a plan contains.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "manifest/diagnostic.hpp"
#include "manifest/model.hpp"
#include "plan/model.hpp"
#include "plan/saved_plan.hpp"
#include "plan/target.hpp"
#include "state/gather.hpp"
#include "util/result.hpp"
#include "util/style.hpp"

namespace flocker {

namespace exit_code {
inline constexpr int kOk = 0;
inline constexpr int kError = 1;
inline constexpr int kChanges = 2;         // plan --detailed-exitcode: there are changes
inline constexpr int kReplicasBehind = 3;  // status --check: a replica is behind, missing or has a problem
}  // namespace exit_code

std::string flocker_version_text();  // "0.1.0 (abc1234)"

struct CommonOptions {
  std::vector<std::string> files;
  std::string ssh_config;
  bool no_colour = false;
  size_t parallelism = 10;
  std::vector<std::string> allow_env;  // --allow-env: variables a manifest may read

  std::vector<std::string> manifest_files() const;  // files, or flocker.yaml
};

void add_common_options(CLI::App& command, CommonOptions& options);
// --allow-env (and FLOCKER_ALLOW_ENV): the variables a manifest may read.
void add_allow_env_option(CLI::App& command, std::vector<std::string>& allow_env);

// What decides the plan's contents besides the manifest and the nodes.
struct PlanShaping {
  std::vector<std::string> targets;  // --target: only these applications
  bool allow_destroy = false;        // --allow-destroy
};

void add_plan_shaping_options(CLI::App& command, PlanShaping& shaping);

struct LoadedManifest {
  Manifest manifest;
  std::vector<SavedManifestFile> digests;  // of the bytes that were parsed
};

// Reads the manifest with only the variables allow_env names (manifest/variable_access.hpp).
std::expected<LoadedManifest, Diagnostics> load_manifest_files(const std::vector<std::string>& files,
                                                               const std::vector<std::string>& allow_env);
void print_diagnostics(const Diagnostics& diagnostics, const Style& style);

// Prints every manifest error to stderr and returns nullopt if there is any.
std::optional<LoadedManifest> load_or_report(const CommonOptions& options);

Cluster gather_cluster(const Manifest& manifest, const CommonOptions& options);

struct PlannedCluster {
  Cluster cluster;
  Plan plan;
  size_t left_out = 0;  // steps --target dropped
};

// The plan for what was observed, cut down to --target.
Result<TargetedPlan> make_plan(const Manifest& manifest, const Observed& observed,
                               const PlanShaping& shaping);

// Gathers every node and plans; fails when a node cannot be read or the plan
// would be unsafe.
Result<PlannedCluster> gather_and_plan(const Manifest& manifest, const CommonOptions& options,
                                       const PlanShaping& shaping);

// "Warning: --target …": the rest of the plan was left out.
std::string target_warning(const PlanShaping& shaping, size_t left_out);

void print_error(const Error& error, const Style& style);

}  // namespace flocker
