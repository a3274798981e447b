#include <fmt/format.h>
#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/plan_file.hpp"
#include "plan/plan_from_json.hpp"
#include "plan/render.hpp"
#include "util/text.hpp"

namespace flocker {

void ShowCommand::attach(CLI::App& app) {
  auto* command =
      app.add_subcommand("show", "Show a plan saved by `flocker plan -out FILE`, without touching any node");
  command->footer(
      "Example:\n  flocker show release.plan\n\nExit status: 0, or 1 when the file is not a readable saved "
      "plan.");
  command->add_option("plan", plan_file, "The saved plan")->required()->type_name("FILE");
  command->add_flag("--json", json, "Print the plan as JSON (see docs/json.md)");
  command->add_flag("--no-color", no_colour, "Never colour the output (also: NO_COLOR=1)");
}

int ShowCommand::run() {
  const auto err_style = style_for(STDERR_FILENO, no_colour);
  auto saved = read_plan_file(plan_file);
  if (!saved) {
    print_error(saved.error(), err_style);
    return exit_code::kError;
  }
  if (json) {
    auto document = saved->plan;
    auto full = saved_plan_to_json(*saved);
    full.erase("plan");
    full.erase("nodes");
    document["saved_plan"] = full;
    fmt::print("{}\n", document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    return exit_code::kOk;
  }
  auto plan = plan_from_json(saved->plan);
  if (!plan) {
    print_error({fmt::format("{}: {}", plan_file, plan.error().message),
                 "make the plan again: flocker plan -out FILE"},
                err_style);
    return exit_code::kError;
  }
  std::string manifests;
  for (const auto& file : saved->manifests) manifests += (manifests.empty() ? "" : ", ") + file.path;
  fmt::print("Saved plan {}: made {} by flocker {} from {}.\n", plan_file, saved->created_at,
             saved->flocker_version, manifests);
  if (!saved->targets.empty()) {
    std::string targets;
    for (const auto& target : saved->targets) targets += (targets.empty() ? "" : ", ") + target;
    fmt::print("Only for --target {}; the rest of the manifest was left out.\n", targets);
  }
  if (saved->allow_destroy) fmt::print("Made with --allow-destroy.\n");
  if (!saved->allow_env.empty())
    fmt::print("The manifest could read {} (--allow-env).\n",
               printable(fmt::format("{}", fmt::join(saved->allow_env, ", ")), true));
  fmt::print("\n{}", render_plan_text(*plan, style_for(STDOUT_FILENO, no_colour)));
  return exit_code::kOk;
}

}  // namespace flocker
