#include "apply/steps.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>

#include "apply/busy_retry.hpp"
#include "apply/mount_check.hpp"
#include "remote/docker_commands.hpp"
#include "remote/docker_errors.hpp"
#include "remote/zfs_commands.hpp"
#include "remote/zfs_errors.hpp"
#include "util/text.hpp"

namespace flocker {

// Runs argv; a non-zero exit becomes an Error naming the command.
Result<CommandResult> run_checked(Host& host, const Argv& argv, std::string_view input) {
  auto result = host.run(argv, input);
  if (!result) return std::unexpected(result.error());
  if (!result->ok()) return std::unexpected(command_error(host, argv, *result));
  return result;
}

namespace {

// Where each dataset is mounted on the node, mounting any that is not.
Result<std::vector<docker::Bind>> resolve_binds(Host& host, const std::vector<VolumeBinding>& volumes) {
  if (volumes.empty())
    return std::vector<docker::Bind>{};  // `zfs get` without names would list every dataset
  std::vector<std::string> datasets;
  for (const auto& volume : volumes) datasets.push_back(volume.dataset);
  // Each dataset's root too: the mountpoint it must inherit from.
  for (const auto& volume : volumes)
    if (auto root = parent_dataset(volume.dataset);
        !root.empty() && std::find(datasets.begin(), datasets.end(), root) == datasets.end())
      datasets.push_back(root);
  auto state = run_checked(host, zfs::get_mount_state(datasets));
  if (!state) return std::unexpected(state.error());
  std::map<std::string, std::map<std::string, std::string>, std::less<>> properties;
  for (auto line : split_lines(state->out)) {
    auto fields = split(line, '\t');
    if (fields.size() == 3)
      properties[std::string(fields[0])][std::string(fields[1])] = std::string(fields[2]);
  }
  std::vector<docker::Bind> binds;
  for (const auto& volume : volumes) {
    auto& props = properties[volume.dataset];
    const auto& mountpoint = props["mountpoint"];
    if (mountpoint.empty() || mountpoint.front() != '/')
      return fail(fmt::format("{}: dataset {} has mountpoint \"{}\", so it cannot be given to a container",
                              host.node(), volume.dataset, mountpoint),
                  fmt::format("let it inherit a path: zfs inherit mountpoint {}", volume.dataset));
    if (auto checked = check_mountpoint(host.node(), volume.dataset, mountpoint,
                                        properties[parent_dataset(volume.dataset)]["mountpoint"]);
        !checked)
      return std::unexpected(checked.error());
    if (mountpoint.find_first_of(":,") != std::string::npos)
      return fail(
          fmt::format("{}: the mountpoint {} of {} contains ':' or ',', which Docker's --volume cannot take",
                      host.node(), mountpoint, volume.dataset));
    if (props["mounted"] != "yes")
      if (auto mounted = run_checked(host, zfs::mount(volume.dataset)); !mounted)
        return std::unexpected(mounted.error());
    binds.push_back({mountpoint, volume.mountpoint});
  }
  return binds;
}

// `docker run` may leave a created but never started container behind; a
// clean slate lets the next apply simply try again. Only the container this
// run made is removed: one that carries all of run's labels, by its id, so
// that a container another flocker or a person made under the name is never
// touched, even one that took the name a moment ago.
void remove_failed_run(Host& host, const ContainerRun& run) {
  auto identity = host.run(docker::identify(run.name));
  if (!identity || !identity->ok()) return;
  const auto text = trim(identity->out);
  const auto space = text.find(' ');
  if (space == std::string_view::npos) return;
  const auto id = text.substr(0, space);
  if (id.empty() || id.find_first_not_of("0123456789abcdef") != std::string_view::npos) return;
  const auto labels = nlohmann::json::parse(text.substr(space + 1), nullptr, false);
  if (!labels.is_object()) return;
  for (const auto& [key, value] : run.labels)
    if (!labels.contains(key) || labels[key] != value) return;
  (void)host.run(docker::force_remove(std::string(id)));
}

}  // namespace

Status run_container(Host& host, const ContainerRun& run) {
  auto binds = resolve_binds(host, run.volumes);
  if (!binds) return std::unexpected(binds.error());
  docker::RunSpec spec{run.name,    run.image,        run.command,    run.environment,        *binds,
                       run.labels,  run.stop_timeout, run.entrypoint, run.secret_environment, run.publish,
                       run.restart, run.memory,       run.cpu_shares};
  const auto argv = docker::run(spec);
  auto started = host.run(argv, docker::env_file_input(spec));
  if (!started) return std::unexpected(started.error());
  if (started->ok()) return {};
  // A name in use is another container's: this run made nothing.
  if (classify_docker_failure(*started) != DockerFailure::NameInUse) remove_failed_run(host, run);
  return std::unexpected(command_error(host, argv, *started));
}

Status claim_copy(Host& host, const std::string& dataset, const std::string& app, const std::string& volume,
                  long long generation) {
  for (const auto& [property, value] : std::initializer_list<std::pair<std::string, std::string>>{
           {"flocker:app", app},
           {"flocker:volume", volume},
           {"flocker:generation", std::to_string(generation)},
           {"flocker:owner", host.node()},
           {"readonly", "off"}})
    if (auto set = run_checked(host, zfs::set(dataset, property, value)); !set)
      return std::unexpected(set.error());
  return {};
}

Status remove_container(Host& host, const std::string& name) {
  // A graceful stop first, so the application can flush its data.
  auto stopped = host.run(docker::stop(name));
  if (!stopped) return std::unexpected(stopped.error());
  if (!stopped->ok() && classify_docker_failure(*stopped) != DockerFailure::NoSuchContainer)
    return std::unexpected(command_error(host, docker::stop(name), *stopped));
  auto removed = host.run(docker::remove(name));
  if (!removed) return std::unexpected(removed.error());
  if (!removed->ok() && classify_docker_failure(*removed) != DockerFailure::NoSuchContainer)
    return std::unexpected(command_error(host, docker::remove(name), *removed));
  return {};
}

namespace {

// A destroy that follows a container's removal retries while zfs-fuse still
// calls the dataset busy; a held snapshot fails at once.
Status destroy_dataset(Host& host, const std::string& dataset, Clock& clock) {
  const auto argv = zfs::destroy_with_snapshots(dataset);
  auto destroyed = run_while_busy(host, argv, clock);
  if (!destroyed) return std::unexpected(destroyed.error());
  if (destroyed->ok()) return {};
  auto error = command_error(host, argv, *destroyed);
  if (const auto failure = classify_zfs_failure(*destroyed);
      failure == ZfsFailure::Busy || failure == ZfsFailure::Held)
    error.hint = fmt::format(
        "something on {} still uses {} (a process, a mount, a shell in it, or a "
        "hold on a snapshot: `zfs holds -r {}` lists them); stop it and run "
        "`flocker apply --allow-destroy` again",
        host.node(), dataset, dataset);
  return std::unexpected(error);
}

}  // namespace

Status execute_step(Host& host, const Step& step, Clock& clock) {
  switch (step.kind) {
    case StepKind::CreateRoot: {
      // Taking flocker's lock may have created it already.
      auto created = host.run(zfs::create_with_parents(step.target));
      if (!created) return std::unexpected(created.error());
      if (!created->ok() && classify_zfs_failure(*created) != ZfsFailure::AlreadyExists)
        return std::unexpected(command_error(host, zfs::create_with_parents(step.target), *created));
      return {};
    }
    case StepKind::CreateDataset: {
      auto created = run_checked(host, zfs::create(step.target, step.properties));
      if (!created) return std::unexpected(created.error());
      return {};
    }
    case StepKind::RunContainer:
      return run_container(host, step.run);
    case StepKind::StartContainer: {
      auto started = run_checked(host, docker::start(step.target));
      if (!started) return std::unexpected(started.error());
      return {};
    }
    case StepKind::ReplaceContainer: {
      if (auto removed = remove_container(host, step.target); !removed) return removed;
      if (auto started = run_container(host, step.run); !started) {
        auto error = started.error();
        error.message = fmt::format("the old container {} was removed, but the new one did not start: {}",
                                    step.target, error.message);
        error.hint = "the application's data is intact; fix the cause and run `flocker apply` again";
        return std::unexpected(error);
      }
      return {};
    }
    case StepKind::RemoveContainer:
      return remove_container(host, step.target);
    case StepKind::UpdateQuota: {
      for (const auto& [property, value] : step.properties)
        if (auto set = run_checked(host, zfs::set(step.target, property, value)); !set)
          return std::unexpected(set.error());
      return {};
    }
    case StepKind::CompleteHandOff:
      return claim_copy(host, step.target, step.app, step.properties.at("flocker:volume"),
                        std::stoll(step.properties.at("flocker:generation")));
    case StepKind::DestroyDataset:
      return destroy_dataset(host, step.target, clock);
    case StepKind::MoveApplication:
    case StepKind::CreateReplica:
    case StepKind::RefreshReplica:
      break;  // need two hosts: execute_move, execute_replication
  }
  return fail("unknown step kind");
}

}  // namespace flocker
