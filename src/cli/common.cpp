#include "cli/common.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <set>

#include "flocker_git_version.hpp"  // generated at build time by cmake/GitVersion.cmake
#include "manifest/load.hpp"
#include "manifest/variable_access.hpp"
#include "plan/diff.hpp"
#include "remote/ssh_host.hpp"
#include "util/sha256.hpp"
#include "util/text.hpp"

namespace flocker {

std::string flocker_version_text() {
  return fmt::format("{} ({})", FLOCKER_VERSION, FLOCKER_GIT_VERSION);
}

std::vector<std::string> CommonOptions::manifest_files() const {
  return files.empty() ? std::vector<std::string>{"flocker.yaml"} : files;
}

void add_allow_env_option(CLI::App& command, std::vector<std::string>& allow_env) {
  command
      .add_option("--allow-env", allow_env,
                  "Let the manifest's ${VAR} read this variable of flocker's environment (repeatable, "
                  "comma-separated; PREFIX* allows a prefix); any other looks unset")
      ->envname("FLOCKER_ALLOW_ENV")
      ->type_name("NAME")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void add_common_options(CLI::App& command, CommonOptions& options) {
  command.add_option("files", options.files, "Manifest files, merged in order (default: flocker.yaml)")
      ->type_name("FILE");
  command
      .add_option("--ssh-config", options.ssh_config,
                  "Read this SSH config, like `ssh -F` (default: ~/.ssh/config)")
      ->envname("FLOCKER_SSH_CONFIG")
      ->type_name("FILE");
  add_allow_env_option(command, options.allow_env);
  command.add_flag("--no-color", options.no_colour, "Never colour the output (also: NO_COLOR=1)");
  command.add_option("--parallelism", options.parallelism, "Nodes handled at once (default: 10)")
      ->check(CLI::Range(1, 256));
}

void add_plan_shaping_options(CLI::App& command, PlanShaping& shaping) {
  command
      .add_option("--target", shaping.targets,
                  "Plan only this application (repeatable); the rest is left out")
      ->type_name("APP")
      ->expected(1)  // one name per --target, so that the manifest files after it stay files
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command.add_flag("--allow-destroy", shaping.allow_destroy,
                   "Destroy the datasets of applications and volumes no longer in the manifest");
}

std::expected<LoadedManifest, Diagnostics> load_manifest_files(const std::vector<std::string>& files,
                                                               const std::vector<std::string>& allow_env) {
  auto allowed = parse_allowed_variables(allow_env);
  if (!allowed) return std::unexpected(Diagnostics{{{"command line", 0, 0}, allowed.error().message}});
  auto sources = read_manifest_sources(files);
  if (!sources) return std::unexpected(std::move(sources.error()));
  auto manifest = parse_manifest(*sources, allow_only(process_environment(), *allowed));
  if (!manifest) return std::unexpected(std::move(manifest.error()));
  manifest->allowed_variables = std::move(*allowed);
  LoadedManifest loaded{std::move(*manifest), {}};
  for (const auto& source : *sources) loaded.digests.push_back({source.file, sha256_hex(source.text)});
  return loaded;
}

void print_diagnostics(const Diagnostics& diagnostics, const Style& style) {
  for (const auto& diagnostic : diagnostics)
    fmt::print(stderr, "{}\n", printable(format_diagnostic(diagnostic)));
  const auto count = diagnostics.size();
  fmt::print(stderr, "{} {} in the manifest; nothing was changed.\n",
             style.paint(std::to_string(count), Colour::Red), count == 1 ? "error" : "errors");
}

std::optional<LoadedManifest> load_or_report(const CommonOptions& options) {
  auto loaded = load_manifest_files(options.manifest_files(), options.allow_env);
  if (loaded) return std::move(*loaded);
  print_diagnostics(loaded.error(), style_for(STDERR_FILENO, options.no_colour));
  return std::nullopt;
}

Cluster gather_cluster(const Manifest& manifest, const CommonOptions& options) {
  const char* debug = std::getenv("FLOCKER_SSH_DEBUG");
  SshOptions ssh{.config_file = options.ssh_config, .debug = debug != nullptr && std::string(debug) == "1"};
  auto connect = [&](const NodeSpec& node) -> Result<std::unique_ptr<Host>> {
    auto host = SshHost::connect(node, ssh);
    if (!host) return std::unexpected(host.error());
    return std::unique_ptr<Host>(std::move(*host));
  };
  return gather(manifest, connect, options.parallelism);
}

Result<TargetedPlan> make_plan(const Manifest& manifest, const Observed& observed,
                               const PlanShaping& shaping) {
  auto plan = diff(manifest, observed, PlanOptions{.allow_destroy = shaping.allow_destroy});
  if (!plan) return std::unexpected(plan.error());
  std::ranges::move(variable_notes(manifest, manifest.allowed_variables), std::back_inserter(plan->notes));
  if (shaping.targets.empty()) return TargetedPlan{std::move(*plan), 0};
  std::set<std::string> known;
  for (const auto& [name, app] : manifest.applications) known.insert(name);
  for (const auto& step : plan->steps)
    if (!step.app.empty()) known.insert(step.app);
  return restrict_to_targets(*plan, shaping.targets, {known.begin(), known.end()});
}

Result<PlannedCluster> gather_and_plan(const Manifest& manifest, const CommonOptions& options,
                                       const PlanShaping& shaping) {
  auto cluster = gather_cluster(manifest, options);
  if (auto unavailable = cluster.unavailable()) return std::unexpected(*unavailable);
  auto plan = make_plan(manifest, cluster.observed, shaping);
  if (!plan) return std::unexpected(plan.error());
  return PlannedCluster{std::move(cluster), std::move(plan->plan), plan->left_out};
}

std::string target_warning(const PlanShaping& shaping, size_t left_out) {
  std::string apps;
  for (const auto& target : shaping.targets) apps += (apps.empty() ? "" : ", ") + target;
  return fmt::format(
      "--target {}: this plan covers only those applications; {} other {} left out, so the nodes "
      "will not fully match the manifest until a plan without --target is applied",
      apps, left_out, left_out == 1 ? "step is" : "steps are");
}

void print_error(const Error& error, const Style& style) {
  // Errors quote what nodes printed: shown as text, never as terminal controls.
  fmt::print(stderr, "{} {}\n", style.paint("Error:", Colour::Red), printable(error.message));
  if (!error.hint.empty()) fmt::print(stderr, "  {}\n", printable(error.hint));
}

}  // namespace flocker
