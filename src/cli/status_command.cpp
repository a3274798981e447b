#include <fmt/format.h>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/status_view.hpp"

namespace flocker {

void StatusCommand::attach(CLI::App& app) {
  auto* command = app.add_subcommand("status", "Show what runs where, with which data");
  command->footer(
      "Example:\n  flocker status --ssh-config lab/ssh_config flocker.yaml\n\n"
      "Exit status: 0 when every node answered, 1 otherwise.");
  add_common_options(*command, common);
  command->add_flag("--json", json, "Print JSON (see docs/json.md)");
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
  return cluster.unavailable() ? exit_code::kError : exit_code::kOk;
}

}  // namespace flocker
