#include <fmt/format.h>
#include <unistd.h>

#include "cli/commands.hpp"
#include "plan/render.hpp"

namespace flocker {

void PlanCommand::attach(CLI::App& app) {
  auto* command = app.add_subcommand("plan", "Show the actions that would bring the nodes to the manifest");
  command->footer("Example:\n  flocker plan --ssh-config lab/ssh_config flocker.yaml\n\n"
                  "Exit status: 0 on success (1 on error); with --detailed-exitcode, 0 when there\n"
                  "is nothing to do, 1 on error, 2 when there are changes.");
  add_common_options(*command, common);
  command->add_flag("--json", json, "Print the plan as JSON (see docs/json.md)");
  command->add_flag("--detailed-exitcode", detailed_exitcode, "Exit 2 when there are changes, 0 when there are none");
}

int PlanCommand::run() {
  auto manifest = load_or_report(common);
  if (!manifest) return exit_code::kError;
  auto planned = gather_and_plan(*manifest, common);
  if (!planned) return exit_code::kError;
  const Plan* plan = &planned->plan;
  if (json)
    fmt::print("{}\n", plan_to_json(*plan).dump(2));
  else
    fmt::print("{}", render_plan_text(*plan, style_for(STDOUT_FILENO, common.no_colour)));
  if (detailed_exitcode && !plan->empty()) return exit_code::kChanges;
  return exit_code::kOk;
}

}  // namespace flocker
