#include "plan/diff.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <optional>

#include "plan/container_config.hpp"
#include "plan/copies.hpp"
#include "plan/foreign_containers.hpp"
#include "plan/image_volumes.hpp"
#include "plan/quota.hpp"
#include "plan/replicas.hpp"
#include "plan/same_host.hpp"
#include "plan/step_graph.hpp"
#include "plan/stream_stages.hpp"
#include "util/size.hpp"

namespace flocker {

namespace {

constexpr long long kFirstGeneration = 1;

// Both ends of a move run OpenZFS: its send flags (-L -e -c) apply.
bool both_openzfs(const NodeState& source, const NodeState& target) {
  return source.flavour == ZfsFlavour::OpenZfs && target.flavour == ZfsFlavour::OpenZfs;
}

// What must happen to an application's data before its container can run
// where the manifest puts it: nothing, new datasets, or a move from another node.
struct DataPlan {
  std::vector<Step> claims;  // interrupted hand-offs to complete first
  std::vector<const VolumeSpec*> to_create;
  std::string move_from;  // empty: no move
  std::vector<VolumeMove> moves;
  StreamStages stream;
};

Result<DataPlan> plan_data(const Manifest& manifest, const Observed& observed, const AppSpec& app,
                           const std::string& node) {
  DataPlan data;
  const auto& target_root = manifest.nodes.at(node).zfs_root;
  std::vector<std::string> problems;
  for (const auto& volume : app.volumes) {
    const auto copies = find_copies(manifest, observed, app.name, volume.name);
    auto live = live_copy(copies, app.name, volume.name);
    if (!live) {
      problems.push_back(live.error().message);
      continue;
    }
    if (!*live) {
      data.to_create.push_back(&volume);
      continue;
    }
    const VolumeCopy& source = **live;
    if (auto fits = check_quota_fits(app.name, volume, source.node, *source.dataset, source.node != node);
        !fits) {
      problems.push_back(fits.error().message);
      continue;
    }
    long long generation = source.dataset->generation;
    if (source.claim_pending) {
      generation = source.claim_generation;
      data.claims.push_back(Step{
          .kind = StepKind::CompleteHandOff,
          .node = source.node,
          .app = app.name,
          .target = source.dataset->name,
          .reason = fmt::format("a move of {} was interrupted after the other copy named {} as the owner "
                                "(generation {}); this copy holds the same newest snapshot",
                                app.name, source.node, generation),
          .reason_code = ReasonCode::HandOffInterrupted,
          .properties = {{"flocker:app", app.name},
                         {"flocker:volume", volume.name},
                         {"flocker:generation", std::to_string(generation)},
                         {"flocker:owner", source.node},
                         {"readonly", "off"}},
      });
    }
    if (source.node == node) continue;
    if (!data.move_from.empty() && data.move_from != source.node) {
      problems.push_back(
          fmt::format("the volumes of application {} live on different nodes ({} and {}); "
                      "flocker moves an application from one node",
                      app.name, data.move_from, source.node));
      continue;
    }
    data.move_from = source.node;
    VolumeMove move{.volume = volume.name,
                    .source = source.dataset->name,
                    .target = dataset_name(target_root, app.name, volume.name),
                    .generation = generation};
    const auto target = std::ranges::find(copies, node, &VolumeCopy::node);
    const DatasetState* standby = target == copies.end() ? nullptr : target->dataset;
    if (standby != nullptr) {
      auto base = common_base(*source.dataset, source.node, *standby, node);
      if (!base) {
        problems.push_back(fmt::format("application {} cannot move to {}: volume \"{}\": {}\n      {}",
                                       app.name, node, volume.name, base.error().message, base.error().hint));
        continue;
      }
      move.target_exists = true;
      if (*base) move.base = (*base)->name;
    }
    // A full send carries about what the dataset uses. An increment is what
    // was written after the base: OpenZFS counts it (`written` of each later
    // snapshot and of the dataset); zfs-fuse does not, so it stays unknown.
    if (move.base.empty()) {
      move.estimated_bytes = source.dataset->used;
    } else if (observed.nodes.at(source.node).flavour == ZfsFlavour::OpenZfs) {
      move.estimated_bytes = written_since(*source.dataset, move.base).value_or(0);
    }
    // Other copies (replicas, standbys) build on their newest snapshot in
    // common with either end: the move's pruning leaves those.
    move.keep = snapshots_others_need(manifest, observed, app.name, volume.name, *source.dataset,
                                      {source.node, node});
    if (standby != nullptr)
      std::ranges::copy(
          snapshots_others_need(manifest, observed, app.name, volume.name, *standby, {source.node, node}),
          std::back_inserter(move.keep));
    if (standby != nullptr) move.resume_token = standby->resume_token;
    move.next_snapshot = next_snapshot_number(*source.dataset, standby);
    data.moves.push_back(std::move(move));
  }
  if (!data.move_from.empty()) {
    const auto& source = observed.nodes.at(data.move_from);
    const auto& target = observed.nodes.at(node);
    auto stream = choose_stream_stages(manifest.transfer, {.source_node = data.move_from,
                                                           .source = source.tools,
                                                           .target_node = node,
                                                           .target = target.tools,
                                                           .compressed_send = both_openzfs(source, target)});
    if (stream)
      data.stream = *stream;
    else
      problems.push_back(fmt::format("application {} cannot move to {}: {}\n      {}", app.name, node,
                                     stream.error().message, stream.error().hint));
  }
  if (!problems.empty()) {
    std::string message = problems.front();
    for (size_t i = 1; i < problems.size(); ++i) message += "\n  - " + problems[i];
    return fail(message);
  }
  return data;
}

struct NodeDiff {
  const Manifest& manifest;
  const Observed& observed;
  const NodeSpec& node;
  const NodeState& state;
  const std::map<std::string, DataPlan>& data;
  const PlanOptions& options;
  std::vector<std::string> deployed;  // sorted application names

  std::vector<Step> datasets, quotas, removals, destroys;
  std::vector<Step> launches;      // moves, replacements, runs, starts: each (re)starts a container
  std::vector<Step> moved_quotas;  // of the copies a move makes here
  std::vector<std::string> notes;

  bool deployed_here(const std::string& app) const { return std::ranges::binary_search(deployed, app); }

  void plan_datasets(const AppSpec& app) {
    for (const auto* volume : data.at(app.name).to_create) {
      datasets.push_back(Step{
          .kind = StepKind::CreateDataset,
          .node = node.name,
          .app = app.name,
          .target = dataset_name(node.zfs_root, app.name, volume->name),
          .reason = fmt::format("volume \"{}\" of application {} has no dataset yet", volume->name, app.name),
          .reason_code = ReasonCode::NoDataset,
          .properties = {{"flocker:app", app.name},
                         {"flocker:volume", volume->name},
                         {"flocker:owner", node.name},
                         {"flocker:generation", std::to_string(kFirstGeneration)}},
      });
      if (volume->maximum_size) datasets.back().properties[kQuotaProperty] = quota_value(*volume);
    }
  }

  // Quotas change in place: on the live copy here, or on the target after a move.
  void plan_quotas(const AppSpec& app) {
    const auto& app_data = data.at(app.name);
    for (const auto& volume : app.volumes) {
      if (std::ranges::find(app_data.to_create, &volume) != app_data.to_create.end()) continue;
      const auto name = dataset_name(node.zfs_root, app.name, volume.name);
      const auto* dataset = state.find_dataset(name);
      if (app_data.move_from.empty()) {
        if (dataset == nullptr) continue;
        if (auto step = plan_quota(node.name, app.name, volume, name, dataset))
          quotas.push_back(std::move(*step));
      } else if (auto step = plan_quota(node.name, app.name, volume, name, dataset)) {
        moved_quotas.push_back(std::move(*step));
      }
    }
  }

  // The image's VOLUME paths no volume covers, as this node's docker (else,
  // for a move, the source's) reports them; nothing for an image not pulled yet.
  void note_image_volumes(const AppSpec& app, const std::string& moved_from) {
    std::vector<const NodeState*> asked = {&state};
    if (!moved_from.empty()) asked.push_back(&observed.nodes.at(moved_from));
    for (const auto* where : asked)
      if (auto declared = where->image_volumes.find(app.image); declared != where->image_volumes.end()) {
        std::ranges::move(image_volume_notes(app, node.name, moved_from, declared->second),
                          std::back_inserter(notes));
        return;
      }
  }

  void plan_container(const AppSpec& app) {
    const auto run = container_run(app, node.zfs_root);
    std::vector<std::string> starts_after = app.depends_on;
    for (const auto& link : app.links) starts_after.push_back(link.application);
    const auto& app_data = data.at(app.name);
    if (!app_data.move_from.empty()) {
      launches.push_back(
          Step{.kind = StepKind::MoveApplication,
               .node = node.name,
               .app = app.name,
               .target = run.name,
               .reason = fmt::format("application {} is now deployed on {}, and its data is on {}", app.name,
                                     node.name, app_data.move_from),
               .reason_code = ReasonCode::Moved,
               .run = run,
               .source_node = app_data.move_from,
               .direct = manifest.transfer.mode == Transport::Direct,
               .openzfs_streams = both_openzfs(observed.nodes.at(app_data.move_from), state),
               .stream = app_data.stream,
               .transfer_address =
                   manifest.transfer.mode == Transport::Direct ? node.transfer_address : TransferAddress{},
               .moves = app_data.moves,
               .starts_after = starts_after});
      note_image_volumes(app, app_data.move_from);
      return;
    }
    const auto* container = state.find_container(run.name);
    Step step{
        .node = node.name, .app = app.name, .target = run.name, .run = run, .starts_after = starts_after};
    if (container == nullptr) {
      step.kind = StepKind::RunContainer;
      step.reason_code = ReasonCode::NoContainer;
      step.reason =
          fmt::format("application {} is deployed on {} and has no container there", app.name, node.name);
      launches.push_back(std::move(step));
      note_image_volumes(app, {});
    } else if (container->config_hash != run.labels.at(kConfigHashLabel)) {
      step.kind = StepKind::ReplaceContainer;
      step.reason_code = ReasonCode::ConfigDrift;
      step.changes = config_changes(container->config, container_config(app));
      step.reason = "its configuration changed; the data stays";
      launches.push_back(std::move(step));
      note_image_volumes(app, {});
    } else if (!container->running()) {
      step.kind = StepKind::StartContainer;
      step.reason_code = ReasonCode::Stopped;
      step.reason =
          fmt::format("the container exists with the right configuration but is {}", container->state);
      launches.push_back(std::move(step));
    }
  }

  void plan_removals() {
    for (const auto& container : state.containers) {
      if (deployed_here(container.app)) continue;
      // A moving application's container is stopped and removed by its move.
      if (auto it = data.find(container.app); it != data.end() && it->second.move_from == node.name) continue;
      std::string reason;
      if (!manifest.applications.contains(container.app))
        reason = fmt::format("application {} is no longer in the manifest", container.app);
      else
        reason = fmt::format("application {} is now deployed on {}", container.app,
                             manifest.node_of(container.app));
      const auto code = manifest.applications.contains(container.app) ? ReasonCode::DeployedElsewhere
                                                                      : ReasonCode::NotInManifest;
      removals.push_back(Step{.kind = StepKind::RemoveContainer,
                              .node = node.name,
                              .app = container.app,
                              .target = container.name,
                              .reason = reason + "; its data stays",
                              .reason_code = code});
    }
  }

  void note_lock() {
    if (state.lock_holder.empty()) return;
    notes.push_back(
        fmt::format("node {} is locked by {}: an apply now waits for it (--lock-timeout) or fails", node.name,
                    state.lock_holder));
  }

  // Why a dataset's data is no longer wanted, or nullopt while the manifest still uses it.
  std::optional<std::string> unwanted(const DatasetState& dataset) const {
    auto app = manifest.applications.find(dataset.app);
    if (app == manifest.applications.end())
      return fmt::format("application {} is no longer in the manifest", dataset.app);
    if (std::ranges::find(app->second.volumes, dataset.volume, &VolumeSpec::name) ==
        app->second.volumes.end())
      return fmt::format("application {} no longer has a volume \"{}\"", dataset.app, dataset.volume);
    // A standby of an application that names its replicas, on a node it no
    // longer names; never the live copy, nor one a move of this plan uses.
    const auto& spec = app->second;
    if (spec.replicas.empty() || dataset.owner == node.name || deployed_here(spec.name) ||
        std::ranges::find(spec.replicas, node.name, &ReplicaSpec::node) != spec.replicas.end() ||
        data.at(spec.name).move_from == node.name)
      return std::nullopt;
    return fmt::format("it is a standby of {}, and {} is not among its replicas", spec.name, node.name);
  }

  ReasonCode destroy_reason(const DatasetState& dataset) const {
    auto app = manifest.applications.find(dataset.app);
    if (app == manifest.applications.end()) return ReasonCode::NotInManifest;
    if (std::ranges::find(app->second.volumes, dataset.volume, &VolumeSpec::name) ==
        app->second.volumes.end())
      return ReasonCode::VolumeRemoved;
    return ReasonCode::NotAReplica;
  }

  void plan_unwanted_data() {
    for (const auto& dataset : state.datasets) {
      if (dataset.app.empty()) continue;  // not flocker's: never touched
      auto why = unwanted(dataset);
      if (!why) continue;
      if (options.allow_destroy) {
        destroys.push_back(Step{.kind = StepKind::DestroyDataset,
                                .node = node.name,
                                .app = dataset.app,
                                .target = dataset.name,
                                .reason = *why + ", and --allow-destroy was given",
                                .reason_code = destroy_reason(dataset),
                                .data_bytes = dataset.used});
        continue;
      }
      notes.push_back(
          fmt::format("dataset {} ({}) on {} is kept: {}, and flocker destroys data only when asked; "
                      "`flocker apply --allow-destroy` would destroy it",
                      dataset.name, human_bytes(dataset.used), node.name, *why));
    }
  }
};

}  // namespace

Result<Plan> diff(const Manifest& manifest, const Observed& observed, const PlanOptions& options) {
  std::vector<std::string> blockers = same_host_blockers(observed);
  std::ranges::move(foreign_container_blockers(manifest, observed), std::back_inserter(blockers));
  std::map<std::string, DataPlan> data;
  for (const auto& [name, app] : manifest.applications) {
    auto app_data = plan_data(manifest, observed, app, manifest.node_of(name));
    if (!app_data) {
      blockers.push_back(app_data.error().message);
      continue;
    }
    // A replica on the node the application runs on would be its live copy:
    // allowed only while it moves there (the fast path to a replica).
    const auto& node = manifest.node_of(name);
    if (auto own = std::ranges::find(app.replicas, node, &ReplicaSpec::node);
        own != app.replicas.end() && app_data->move_from.empty())
      blockers.push_back(fmt::format(
          "{}: replica {} is the node {} is deployed on; a replica must be another node (after a move to a "
          "replica, list the node it left instead, to keep a standby there)",
          format_location(own->where), node, name));
    data.emplace(name, std::move(*app_data));
  }
  if (!blockers.empty()) {
    std::string message = "flocker cannot make a safe plan:";
    for (const auto& blocker : blockers) message += "\n  - " + blocker;
    return fail(message, "nothing was changed; fix the manifest or the nodes and plan again");
  }

  Plan plan;
  plan.notes = adoption_notes(observed);
  std::vector<Step> destroys;
  // Interrupted hand-offs are completed before anything else: later steps
  // (a move back, say) rely on knowing which copy is live.
  for (const auto& [app, app_data] : data) std::ranges::copy(app_data.claims, std::back_inserter(plan.steps));
  for (const auto& [name, node] : manifest.nodes) {
    const NodeState& state = observed.nodes.at(name);
    NodeDiff node_diff{manifest, observed, node, state, data, options, {}, {}, {}, {}, {}, {}, {}, {}};
    if (auto it = manifest.deployment.find(name); it != manifest.deployment.end())
      node_diff.deployed = it->second;
    std::ranges::sort(node_diff.deployed);

    if (!state.root_exists)
      plan.steps.push_back(
          Step{.kind = StepKind::CreateRoot,
               .node = name,
               .target = node.zfs_root,
               .reason = fmt::format("flocker's root dataset does not exist on {} yet", name),
               .reason_code = ReasonCode::RootMissing});
    for (const auto& app : node_diff.deployed) {
      node_diff.plan_datasets(manifest.applications.at(app));
      node_diff.plan_quotas(manifest.applications.at(app));
      node_diff.plan_container(manifest.applications.at(app));
    }
    node_diff.plan_removals();
    node_diff.plan_unwanted_data();
    node_diff.note_lock();

    // Datasets before the containers that mount them; removals before the
    // containers that may reuse their names or ports. Then every step that
    // (re)starts a container, whatever its kind, in the manifest's start order:
    // an application after those it links to or depends on. A moved copy's
    // quota right after the move that makes the copy.
    std::ranges::stable_sort(node_diff.launches, {},
                             [&](const Step& step) { return manifest.start_rank(step.app); });
    for (auto* group : {&node_diff.datasets, &node_diff.quotas, &node_diff.removals})
      std::ranges::move(*group, std::back_inserter(plan.steps));
    for (auto& launch : node_diff.launches) {
      const bool moved = launch.kind == StepKind::MoveApplication;
      const std::string app = launch.app;
      plan.steps.push_back(std::move(launch));
      if (!moved) continue;
      for (auto& quota : node_diff.moved_quotas)
        if (quota.app == app) plan.steps.push_back(std::move(quota));
    }
    std::ranges::move(node_diff.destroys, std::back_inserter(destroys));
    std::ranges::move(node_diff.notes, std::back_inserter(plan.notes));
  }
  // Replicas are refreshed once their application's data is where it runs
  // (after its move or creation), in the manifest's start order.
  for (const auto& name : manifest.start_order) {
    const auto& app_data = data.at(name);
    LiveDataChange change{.moved_from = app_data.move_from, .moves = app_data.moves, .created_volumes = {}};
    for (const auto* volume : app_data.to_create) change.created_volumes.push_back(volume->name);
    auto replicas = plan_replicas(manifest, observed, manifest.applications.at(name), manifest.node_of(name),
                                  change, options.replicas);
    std::ranges::move(replicas.steps, std::back_inserter(plan.steps));
    std::ranges::move(replicas.notes, std::back_inserter(plan.notes));
  }
  // Data is destroyed after every other step, so after whatever stops the
  // containers that mount it: a move listed under another node, too.
  std::ranges::move(destroys, std::back_inserter(plan.steps));
  order_steps(plan);
  return plan;
}

}  // namespace flocker
