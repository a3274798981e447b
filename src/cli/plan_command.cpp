#include <fmt/format.h>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/plan_file.hpp"
#include "plan/render.hpp"

namespace flocker {

void PlanCommand::attach(CLI::App& app) {
  auto* command = app.add_subcommand("plan", "Show the actions that would bring the nodes to the manifest");
  command->footer(
      "Examples:\n"
      "  flocker plan --ssh-config lab/ssh_config flocker.yaml\n"
      "  flocker plan -out release.plan flocker.yaml     # then: flocker apply release.plan\n\n"
      "Exit status: 0 on success (1 on error); with --detailed-exitcode, 0 when there\n"
      "is nothing to do, 1 on error, 2 when there are changes.");
  add_common_options(*command, common);
  add_plan_shaping_options(*command, shaping);
  command->add_flag("--json", json, "Print the plan as JSON (see docs/json.md)");
  command->add_flag("--detailed-exitcode", detailed_exitcode,
                    "Exit 2 when there are changes, 0 when there are none");
  command
      ->add_option("-o,--out", out_file,
                   "Also save the plan to FILE, for `flocker show` and `flocker apply FILE`")
      ->type_name("FILE");
}

int PlanCommand::run() {
  const auto err_style = style_for(STDERR_FILENO, common.no_colour);
  auto loaded = load_or_report(common);
  if (!loaded) return exit_code::kError;
  auto planned = gather_and_plan(loaded->manifest, common, shaping);
  if (!planned) {
    print_error(planned.error(), err_style);
    return exit_code::kError;
  }
  const Plan& plan = planned->plan;
  if (!shaping.targets.empty())
    fmt::print(stderr, "{} {}\n", err_style.paint("Warning:", Colour::Yellow),
               target_warning(shaping, planned->left_out));
  if (json)
    fmt::print("{}\n", plan_to_json(plan).dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  else
    fmt::print("{}", render_plan_text(plan, style_for(STDOUT_FILENO, common.no_colour)));
  if (!out_file.empty()) {
    auto saved = make_saved_plan(
        plan, planned->cluster.observed,
        {.manifests = loaded->digests,
         .targets = shaping.targets,
         .allow_destroy = shaping.allow_destroy,
         .allow_env = {loaded->manifest.allowed_variables.begin(), loaded->manifest.allowed_variables.end()},
         .flocker_version = flocker_version_text(),
         .created_at = utc_timestamp()});
    if (auto written = write_plan_file(out_file, saved); !written) {
      print_error(written.error(), err_style);
      return exit_code::kError;
    }
    // On stderr, so that --json output stays one document.
    fmt::print(stderr, "\nSaved this plan to {}. Apply exactly this plan with:\n  flocker apply {}\n",
               out_file, out_file);
  }
  if (detailed_exitcode && !plan.empty()) return exit_code::kChanges;
  return exit_code::kOk;
}

}  // namespace flocker
