#include "cli/common.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "manifest/load.hpp"
#include "plan/diff.hpp"
#include "remote/ssh_host.hpp"

namespace flocker {

void add_common_options(CLI::App& command, CommonOptions& options) {
  command.add_option("files", options.files, "Manifest files, merged in order (default: flocker.yaml)")
      ->type_name("FILE");
  command.add_option("--ssh-config", options.ssh_config, "Read this SSH config, like `ssh -F` (default: ~/.ssh/config)")
      ->envname("FLOCKER_SSH_CONFIG")
      ->type_name("FILE");
  command.add_flag("--no-color", options.no_colour, "Never colour the output (also: NO_COLOR=1)");
  command.add_option("--parallelism", options.parallelism, "Nodes handled at once (default: 10)")
      ->check(CLI::Range(1, 256));
}

std::optional<Manifest> load_or_report(const CommonOptions& options) {
  auto files = options.files.empty() ? std::vector<std::string>{"flocker.yaml"} : options.files;
  auto manifest = load_manifest(files);
  if (manifest) return std::move(*manifest);
  const auto style = style_for(STDERR_FILENO, options.no_colour);
  for (const auto& diagnostic : manifest.error()) fmt::print(stderr, "{}\n", format_diagnostic(diagnostic));
  const auto count = manifest.error().size();
  fmt::print(stderr, "{} {} in the manifest; nothing was changed.\n",
             style.paint(std::to_string(count), Colour::Red), count == 1 ? "error" : "errors");
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

std::optional<PlannedCluster> gather_and_plan(const Manifest& manifest, const CommonOptions& options) {
  const auto style = style_for(STDERR_FILENO, options.no_colour);
  auto cluster = gather_cluster(manifest, options);
  if (auto unavailable = cluster.unavailable()) {
    print_error(*unavailable, style);
    return std::nullopt;
  }
  auto plan = diff(manifest, cluster.observed);
  if (!plan) {
    print_error(plan.error(), style);
    return std::nullopt;
  }
  return PlannedCluster{std::move(cluster), std::move(*plan)};
}

void print_error(const Error& error, const Style& style) {
  fmt::print(stderr, "{} {}\n", style.paint("Error:", Colour::Red), error.message);
  if (!error.hint.empty()) fmt::print(stderr, "  {}\n", error.hint);
}

}  // namespace flocker
