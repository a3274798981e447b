#pragma once
// The subcommands. Each registers its options on a CLI11 subcommand and
// returns the process exit code from run().
#include <CLI/CLI.hpp>

#include "cli/common.hpp"

namespace flocker {

struct StatusCommand {
  CommonOptions common;
  bool json = false;
  bool check = false;  // --check: exit 3 when a replica is not within its max_lag
  void attach(CLI::App& app);
  int run();
};

struct PlanCommand {
  CommonOptions common;
  PlanShaping shaping;
  bool json = false;
  bool detailed_exitcode = false;
  std::string out_file;
  void attach(CLI::App& app);
  int run();
};

struct ShowCommand {
  std::string plan_file;
  bool json = false;
  bool no_colour = false;
  void attach(CLI::App& app);
  int run();
};

struct ApplyCommand {
  CommonOptions common;
  PlanShaping shaping;
  bool json = false;
  bool auto_approve = false;
  unsigned lock_timeout_seconds = 0;
  void attach(CLI::App& app);
  int run();
};

struct ForceUnlockCommand {
  CommonOptions common;
  std::string node;
  void attach(CLI::App& app);
  int run();
};

// Refreshes the replicas that are due, once or every DURATION.
struct ReplicateCommand {
  CommonOptions common;
  bool all = false;
  std::string every;  // a duration; empty: one pass
  std::string metrics_file;
  bool json = false;
  void attach(CLI::App& app);
  int run();
};

// Checks manifest files only: no node is contacted.
struct ValidateCommand {
  std::vector<std::string> files;
  std::vector<std::string> allow_env;  // --allow-env
  bool json = false;
  bool no_colour = false;
  void attach(CLI::App& app);
  int run();
};

int run_cli(int argc, char** argv);

}  // namespace flocker
