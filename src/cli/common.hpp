#pragma once
// What every command shares: manifest files, SSH settings, output style.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

#include "manifest/model.hpp"
#include "plan/model.hpp"
#include "state/gather.hpp"
#include "util/result.hpp"
#include "util/style.hpp"

namespace flocker {

namespace exit_code {
inline constexpr int kOk = 0;
inline constexpr int kError = 1;
inline constexpr int kChanges = 2;  // plan --detailed-exitcode: there are changes
}  // namespace exit_code

struct CommonOptions {
  std::vector<std::string> files;
  std::string ssh_config;
  bool no_colour = false;
  size_t parallelism = 10;
};

void add_common_options(CLI::App& command, CommonOptions& options);

// Prints every manifest error to stderr and returns nullopt if there is any.
std::optional<Manifest> load_or_report(const CommonOptions& options);

Cluster gather_cluster(const Manifest& manifest, const CommonOptions& options);

struct PlannedCluster {
  Cluster cluster;
  Plan plan;
};

// Gathers every node and plans; prints why not (an unreachable node, an
// unsafe plan) and returns nullopt when that fails.
std::optional<PlannedCluster> gather_and_plan(const Manifest& manifest, const CommonOptions& options);

void print_error(const Error& error, const Style& style);

}  // namespace flocker
