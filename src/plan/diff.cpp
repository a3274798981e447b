#include "plan/diff.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "plan/container_config.hpp"
#include "util/text.hpp"

namespace flocker {

namespace {

constexpr long long kFirstGeneration = 1;

struct NodeDiff {
  const Manifest& manifest;
  const Observed& observed;
  const NodeSpec& node;
  const NodeState& state;
  std::vector<std::string> deployed;  // sorted application names

  std::vector<Step> datasets, removals, replacements, runs, starts;
  std::vector<std::string> notes, blockers;

  bool deployed_here(const std::string& app) const {
    return std::ranges::binary_search(deployed, app);
  }

  // Where the data of a volume lives if not on this node (a move would be needed).
  const NodeState* holder_elsewhere(const std::string& app, const std::string& volume) const {
    for (const auto& [name, other] : observed.nodes) {
      if (name == node.name || !manifest.nodes.contains(name)) continue;
      if (other.find_dataset(dataset_name(manifest.nodes.at(name).zfs_root, app, volume))) return &other;
    }
    return nullptr;
  }

  void plan_datasets(const AppSpec& app) {
    for (const auto& volume : app.volumes) {
      const auto name = dataset_name(node.zfs_root, app.name, volume.name);
      if (const auto* existing = state.find_dataset(name)) {
        if (!existing->owner.empty() && existing->owner != node.name)
          blockers.push_back(fmt::format(
              "dataset {} on node {} belongs to node {} (its flocker:owner), so application {} cannot use it there",
              name, node.name, existing->owner, app.name));
        continue;
      }
      if (const auto* holder = holder_elsewhere(app.name, volume.name)) {
        blockers.push_back(fmt::format(
            "application {} is now deployed on node {}, but the data of its volume \"{}\" is on node {}. "
            "This version of flocker does not move data between nodes yet; deploy {} on {} again to keep using its data.",
            app.name, node.name, volume.name, holder->node, app.name, holder->node));
        continue;
      }
      datasets.push_back(Step{
          .kind = StepKind::CreateDataset,
          .node = node.name,
          .app = app.name,
          .target = name,
          .reason = fmt::format("volume \"{}\" of application {} has no dataset on {} yet", volume.name, app.name, node.name),
          .properties = {{"flocker:app", app.name},
                         {"flocker:volume", volume.name},
                         {"flocker:owner", node.name},
                         {"flocker:generation", std::to_string(kFirstGeneration)}},
      });
    }
  }

  void plan_container(const AppSpec& app) {
    const auto run = container_run(app, node.zfs_root);
    const auto* container = state.find_container(run.name);
    Step step{.node = node.name, .app = app.name, .target = run.name, .run = run};
    if (container == nullptr) {
      step.kind = StepKind::RunContainer;
      step.reason = fmt::format("application {} is deployed on {} and has no container there", app.name, node.name);
      runs.push_back(std::move(step));
    } else if (container->config_hash != run.labels.at(kConfigHashLabel)) {
      step.kind = StepKind::ReplaceContainer;
      step.changes = config_changes(container->config, container_config(app));
      step.reason = "its configuration changed; the data stays";
      replacements.push_back(std::move(step));
    } else if (!container->running()) {
      step.kind = StepKind::StartContainer;
      step.reason = fmt::format("the container exists with the right configuration but is {}", container->state);
      starts.push_back(std::move(step));
    }
  }

  void plan_removals() {
    for (const auto& container : state.containers) {
      if (deployed_here(container.app)) continue;
      std::string reason;
      if (!manifest.applications.contains(container.app))
        reason = fmt::format("application {} is no longer in the manifest", container.app);
      else
        reason = fmt::format("application {} is now deployed on {}", container.app, manifest.node_of(container.app));
      removals.push_back(Step{.kind = StepKind::RemoveContainer,
                              .node = node.name,
                              .app = container.app,
                              .target = container.name,
                              .reason = reason + "; its data stays"});
    }
  }

  void note_kept_data() {
    for (const auto& dataset : state.datasets) {
      if (dataset.app.empty() || deployed_here(dataset.app)) continue;
      notes.push_back(fmt::format(
          "dataset {} ({}) on {} is kept: application {} is not deployed there, and flocker never destroys data on its own",
          dataset.name, human_bytes(dataset.used), node.name, dataset.app));
    }
  }
};

}  // namespace

Result<Plan> diff(const Manifest& manifest, const Observed& observed) {
  Plan plan;
  std::vector<std::string> blockers;
  for (const auto& [name, node] : manifest.nodes) {
    const NodeState& state = observed.nodes.at(name);
    NodeDiff node_diff{manifest, observed, node, state, {}, {}, {}, {}, {}, {}, {}, {}};
    if (auto it = manifest.deployment.find(name); it != manifest.deployment.end())
      node_diff.deployed = it->second;
    std::ranges::sort(node_diff.deployed);

    if (!state.root_exists)
      plan.steps.push_back(Step{.kind = StepKind::CreateRoot,
                                .node = name,
                                .target = node.zfs_root,
                                .reason = fmt::format("flocker's root dataset does not exist on {} yet", name)});
    for (const auto& app : node_diff.deployed) {
      node_diff.plan_datasets(manifest.applications.at(app));
      node_diff.plan_container(manifest.applications.at(app));
    }
    node_diff.plan_removals();
    node_diff.note_kept_data();

    // Removals first: they free names; datasets before the containers that mount them.
    for (auto* group : {&node_diff.datasets, &node_diff.removals, &node_diff.replacements,
                        &node_diff.runs, &node_diff.starts})
      std::ranges::move(*group, std::back_inserter(plan.steps));
    std::ranges::move(node_diff.notes, std::back_inserter(plan.notes));
    std::ranges::move(node_diff.blockers, std::back_inserter(blockers));
  }
  if (!blockers.empty()) {
    std::string message = "flocker cannot make a safe plan:";
    for (const auto& blocker : blockers) message += "\n  - " + blocker;
    return fail(message, "nothing was changed; fix the manifest or the nodes and plan again");
  }
  return plan;
}

}  // namespace flocker
