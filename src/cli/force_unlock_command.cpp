#include <fmt/format.h>
#include <unistd.h>

#include "apply/node_lock.hpp"
#include "cli/commands.hpp"
#include "manifest/load.hpp"
#include "remote/ssh_host.hpp"
#include "util/clock.hpp"
#include "util/text.hpp"

namespace flocker {

void ForceUnlockCommand::attach(CLI::App& app) {
  auto* command = app.add_subcommand("force-unlock", "Remove a node's lock left by a flocker that died");
  command->footer(
      "Example:\n  flocker force-unlock node2 flocker.yaml\n\n"
      "Only when no flocker runs against the node: the lock keeps two applies apart.");
  command->add_option("node", node, "The node to unlock")->required();
  add_common_options(*command, common);
}

int ForceUnlockCommand::run() {
  const auto err_style = style_for(STDERR_FILENO, common.no_colour);
  auto loaded = load_or_report(common);
  if (!loaded) return exit_code::kError;
  const auto& nodes = loaded->manifest.nodes;
  auto spec = nodes.find(node);
  if (spec == nodes.end()) {
    print_error({fmt::format("no node \"{}\" in the manifest", node), ""}, err_style);
    return exit_code::kError;
  }
  auto host = SshHost::connect(spec->second, SshOptions{.config_file = common.ssh_config});
  if (!host) {
    print_error(host.error(), err_style);
    return exit_code::kError;
  }
  auto holder = force_unlock(**host, spec->second.zfs_root, system_clock());
  if (!holder) {
    print_error(holder.error(), err_style);
    return exit_code::kError;
  }
  if (holder->empty())
    fmt::print("Node {} was not locked.\n", node);
  else
    fmt::print("Removed the lock on node {}, held by {}.\n", node, printable(*holder, true));
  return exit_code::kOk;
}

}  // namespace flocker
