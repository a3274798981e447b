#include "state/observe.hpp"

#include <fmt/format.h>

#include <set>

#include "remote/docker_commands.hpp"
#include "remote/zfs_commands.hpp"
#include "state/container_scope.hpp"
#include "state/docker_parse.hpp"
#include "state/lock_name.hpp"
#include "state/node_tools.hpp"
#include "state/zfs_parse.hpp"
#include "util/text.hpp"

namespace flocker {

namespace {

Status observe_zfs(Host& host, NodeState& state) {
  auto version = host.run(zfs::version());
  if (!version) return std::unexpected(version.error());
  auto parsed = parse_zfs_version(version->exit_code, version->out, version->err);
  if (!parsed) return std::unexpected(parsed.error());
  state.flavour = parsed->flavour;
  state.zfs_version = parsed->version;

  // OpenZFS prints one exact table with `list -Hp`, including what zfs-fuse
  // lacks (written, resume tokens); zfs-fuse has no `list -p`, so `get -Hp`.
  const bool openzfs = state.flavour == ZfsFlavour::OpenZfs;
  const auto command = openzfs ? zfs::list_observed(state.zfs_root) : zfs::get_observed(state.zfs_root);
  auto listing = host.run(command);
  if (!listing) return std::unexpected(listing.error());
  if (!listing->ok()) {
    if (!is_missing_dataset_error(listing->err))
      return std::unexpected(command_error(host, command, *listing));
    // Only on a node flocker has never used: tell a missing root (flocker
    // creates it) from a missing pool (a configuration error).
    const auto pool = zfs::pool_of(state.zfs_root);
    auto pool_listing = host.run(zfs::list_name(pool));
    if (!pool_listing) return std::unexpected(pool_listing.error());
    if (!pool_listing->ok())
      return fail(
          fmt::format("node {} has no ZFS pool \"{}\": {}", state.node, pool, trim(pool_listing->err)),
          "create the pool on the node, or fix `pool`/`root` of the node in the manifest");
    state.root_exists = false;
    return {};
  }
  auto datasets =
      openzfs ? parse_zfs_list(listing->out, state.zfs_root) : parse_zfs_get(listing->out, state.zfs_root);
  if (!datasets) return std::unexpected(datasets.error());
  state.root_exists = true;
  // The lock is flocker's own bookkeeping, not data: kept apart.
  const auto lock = lock_dataset_name(state.zfs_root);
  for (auto it = datasets->begin(); it != datasets->end(); ++it)
    if (it->name == lock) {
      state.lock_holder = it->lock.empty() ? "(unknown holder)" : it->lock;
      datasets->erase(it);
      break;
    }
  state.datasets = std::move(*datasets);
  return {};
}

Status observe_docker(Host& host, NodeState& state) {
  auto version = host.run(docker::server_version());
  if (!version) return std::unexpected(version.error());
  auto parsed = parse_docker_version(version->exit_code, version->out, version->err);
  if (!parsed) return std::unexpected(parsed.error());
  state.docker_version = *parsed;

  auto listing = host.run(docker::list_flocker_containers());
  if (!listing) return std::unexpected(listing.error());
  if (!listing->ok())
    return std::unexpected(command_error(host, docker::list_flocker_containers(), *listing));
  auto containers = parse_docker_ps(listing->out);
  if (!containers) return std::unexpected(containers.error());
  scope_containers(state, std::move(*containers));
  return {};
}

// Optional: a node whose probe fails simply moves streams without the tools.
void observe_tools(Host& host, NodeState& state) {
  auto probed = host.run(node_tools_probe());
  if (probed && probed->ok()) {
    state.tools = parse_node_tools(probed->out);
    state.clock = parse_node_clock(probed->out);
  }
}

// Optional too, for the plan's warnings only: an image the node lacks (it
// will be pulled) or a docker that cannot say leaves the image out.
void observe_image_volumes(Host& host, NodeState& state, const std::vector<std::string>& images) {
  if (images.empty()) return;
  auto inspected = host.run(docker::image_volumes(images));
  if (inspected) state.image_volumes = parse_image_volumes(images, *inspected);
}

}  // namespace

std::vector<std::string> images_to_inspect(const Manifest& manifest, const NodeState& state) {
  std::set<std::string> images;
  auto add = [&](const std::string& app) {
    if (auto it = manifest.applications.find(app); it != manifest.applications.end())
      images.insert(it->second.image);
  };
  if (auto it = manifest.deployment.find(state.node); it != manifest.deployment.end())
    for (const auto& app : it->second) add(app);
  for (const auto& container : state.containers) add(container.app);
  return {images.begin(), images.end()};
}

NodeState observe_node(Host& host, const NodeSpec& node) {
  static const Manifest kNoApplications;
  return observe_node(host, node, kNoApplications);
}

NodeState observe_node(Host& host, const NodeSpec& node, const Manifest& manifest) {
  NodeState state{.node = node.name, .reachable = true, .zfs_root = node.zfs_root};
  if (auto endpoint = host.ssh_endpoint()) state.host_key = endpoint->host_key;
  auto zfs = observe_zfs(host, state);
  auto docker = zfs ? observe_docker(host, state) : Status{};
  if (zfs && docker) {
    observe_tools(host, state);
    observe_image_volumes(host, state, images_to_inspect(manifest, state));
  }
  if (!zfs)
    state.error = describe(zfs.error());
  else if (!docker)
    state.error = describe(docker.error());
  return state;
}

}  // namespace flocker
