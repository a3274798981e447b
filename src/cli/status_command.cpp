#include <fmt/format.h>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/status_view.hpp"

namespace flocker {

void StatusCommand::attach(CLI::App& app) {
  auto* command = app.add_subcommand("status", "Show what runs where, with which data");
  command->footer(
      "Examples:\n"
      "  flocker status --ssh-config lab/ssh_config flocker.yaml\n"
      "  flocker status --check flocker.yaml     # for monitoring: are the replicas within max_lag?\n\n"
      "Exit status: 0 when every node answered, 1 otherwise. With --check: 0 when every\n"
      "node answered and every replica is within its max_lag; 3 when a replica is behind,\n"
      "missing or cannot be refreshed (each named on stderr); 1 when a node could not\n"
      "be read.");
  add_common_options(*command, common);
  command->add_flag("--json", json, "Print JSON (see docs/json.md)");
  command->add_flag("--check", check,
                    "Exit 3 when a replica is behind its max_lag, missing or cannot be refreshed");
}

int StatusCommand::run() {
  auto loaded = load_or_report(common);
  if (!loaded) return exit_code::kError;
  const auto& manifest = loaded->manifest;
  auto cluster = gather_cluster(manifest, common);
  if (json)
    fmt::print("{}\n", status_to_json(manifest, cluster.observed)
                           .dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  else
    fmt::print("{}",
               render_status_text(manifest, cluster.observed, style_for(STDOUT_FILENO, common.no_colour)));
  if (!check) return cluster.unavailable() ? exit_code::kError : exit_code::kOk;
  auto verdict = check_status(manifest, cluster.observed);
  for (const auto& message : verdict.messages) fmt::print(stderr, "{}\n", message);
  return verdict.exit_code;
}

}  // namespace flocker
