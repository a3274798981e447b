#include "plan/diff.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "manifest/load.hpp"
#include "plan/container_config.hpp"

namespace flocker {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Manifest manifest_of(const std::string& text) {
  auto manifest = parse_manifest({{"flocker.yaml", text}});
  if (!manifest) throw std::runtime_error(format_diagnostic(manifest.error().front()));
  return *manifest;
}

const std::string kTwoNodes = R"(
nodes:
  node1: {pool: tank}
  node2: {pool: tank}
applications:
  web:
    image: local/busybox:1
    command: httpd -f -p 8080 -h /www
    environment: {GREETING: hello}
    volumes: {www: /www}
  cache:
    image: local/busybox:1
deployment:
  node1: [web]
  node2: [cache]
)";

NodeState empty_node(const std::string& name, bool root_exists = true) {
  return NodeState{.node = name, .reachable = true, .zfs_root = "tank/flocker", .root_exists = root_exists};
}

ContainerState container_for(const Manifest& manifest, const std::string& app,
                             std::string state = "running") {
  auto run = container_run(manifest.applications.at(app), "tank/flocker");
  return ContainerState{.name = run.name,
                        .id = "id",
                        .image = run.image,
                        .state = std::move(state),
                        .app = app,
                        .config_hash = run.labels.at(kConfigHashLabel),
                        .config = run.labels.at(kConfigLabel)};
}

DatasetState dataset_for(const std::string& app, const std::string& volume, const std::string& owner) {
  return DatasetState{.name = dataset_name("tank/flocker", app, volume),
                      .used = 1024,
                      .mountpoint = "/tank/flocker/" + app + "." + volume,
                      .mounted = true,
                      .app = app,
                      .volume = volume,
                      .owner = owner,
                      .generation = 1};
}

// The cluster exactly as kTwoNodes asks.
Observed converged(const Manifest& manifest) {
  Observed observed;
  observed.nodes["node1"] = empty_node("node1");
  observed.nodes["node1"].datasets.push_back(dataset_for("web", "www", "node1"));
  observed.nodes["node1"].containers.push_back(container_for(manifest, "web"));
  observed.nodes["node2"] = empty_node("node2");
  observed.nodes["node2"].containers.push_back(container_for(manifest, "cache"));
  return observed;
}

std::vector<std::string> summary_of(const Plan& plan) {
  std::vector<std::string> lines;
  for (const auto& step : plan.steps) {
    // Every step diff makes says why to programs too.
    EXPECT_NE(step.reason_code, ReasonCode::Unset) << "no reason code for: " << step.reason;
    lines.push_back(step.node + " " + std::string(step_symbol(step.kind)) + " " +
                    std::string(step_kind_name(step.kind)) + " " + step.target);
  }
  return lines;
}

// "node kind reason_code" of each step.
std::vector<std::string> codes_of(const Plan& plan) {
  std::vector<std::string> lines;
  for (const auto& step : plan.steps)
    lines.push_back(step.node + " " + std::string(step_kind_name(step.kind)) + " " +
                    std::string(reason_code_name(step.reason_code)));
  return lines;
}

TEST(Diff, FreshNodesGetRootDatasetsAndContainersInOrder) {
  auto manifest = manifest_of(kTwoNodes);
  Observed observed;
  observed.nodes["node1"] = empty_node("node1", false);
  observed.nodes["node2"] = empty_node("node2", false);
  auto plan = diff(manifest, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_THAT(summary_of(*plan),
              ElementsAre("node1 + create_root tank/flocker", "node1 + create_dataset tank/flocker/web.www",
                          "node1 + run_container flocker--web", "node2 + create_root tank/flocker",
                          "node2 + run_container flocker--cache"));
  const auto& dataset = plan->steps[1];
  EXPECT_EQ(dataset.properties.at("flocker:owner"), "node1");
  EXPECT_EQ(dataset.properties.at("flocker:generation"), "1");
  const auto& run = plan->steps[2].run;
  EXPECT_EQ(run.volumes.front().dataset, "tank/flocker/web.www");
  EXPECT_EQ(run.volumes.front().mountpoint, "/www");
  EXPECT_EQ(run.labels.at(kAppLabel), "web");
}

TEST(Diff, ConvergedClusterNeedsNothing) {
  auto manifest = manifest_of(kTwoNodes);
  auto plan = diff(manifest, converged(manifest));
  ASSERT_TRUE(plan);
  EXPECT_TRUE(plan->empty());
  EXPECT_TRUE(plan->notes.empty());
}

TEST(Diff, EnvironmentChangeReplacesAndNamesTheField) {
  auto before = manifest_of(kTwoNodes);
  auto observed = converged(before);
  auto text = kTwoNodes;
  text.replace(text.find("GREETING: hello"), 15, "GREETING: bonjour");
  auto plan = diff(manifest_of(text), observed);
  ASSERT_TRUE(plan);
  ASSERT_THAT(summary_of(*plan), ElementsAre("node1 -/+ replace_container flocker--web"));
  EXPECT_THAT(plan->steps[0].changes, ElementsAre("environment.GREETING: \"hello\" → \"bonjour\""));
}

TEST(Diff, ImageAndCommandChangesAreListed) {
  auto before = manifest_of(kTwoNodes);
  auto observed = converged(before);
  auto text = kTwoNodes;
  text.replace(text.find("local/busybox:1"), 15, "local/busybox:2");
  text.replace(text.find("-p 8080"), 7, "-p 8081");
  auto plan = diff(manifest_of(text), observed);
  ASSERT_TRUE(plan);
  EXPECT_THAT(plan->steps.at(0).changes, ElementsAre(HasSubstr("command: [\"httpd\",\"-f\",\"-p\",\"8080\""),
                                                     "image: \"local/busybox:1\" → \"local/busybox:2\""));
}

TEST(Diff, StopTimeoutChangeReplacesAndIsPassedToDocker) {
  auto observed = converged(manifest_of(kTwoNodes));
  auto text = kTwoNodes;
  text.replace(text.find("    volumes: {www: /www}"), 0, "    stop_timeout: 30\n");
  auto plan = diff(manifest_of(text), observed);
  ASSERT_TRUE(plan);
  ASSERT_THAT(summary_of(*plan), ElementsAre("node1 -/+ replace_container flocker--web"));
  EXPECT_THAT(plan->steps[0].changes, ElementsAre("stop_timeout: (none) → 30"));
  EXPECT_EQ(plan->steps[0].run.stop_timeout, 30);
}

TEST(Diff, RemovedApplicationLosesItsContainerButKeepsItsData) {
  auto before = manifest_of(kTwoNodes);
  auto observed = converged(before);
  auto text = kTwoNodes;
  text.replace(text.find("  web:\n"), text.find("  cache:\n") - text.find("  web:\n"), "");
  text.replace(text.find("node1: [web]"), 12, "node1: []");
  auto plan = diff(manifest_of(text), observed);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_THAT(summary_of(*plan), ElementsAre("node1 - remove_container flocker--web"));
  EXPECT_THAT(plan->steps[0].reason,
              HasSubstr("application web is no longer in the manifest; its data stays"));
  EXPECT_THAT(plan->notes, ElementsAre(HasSubstr("dataset tank/flocker/web.www (1.0 KiB) on node1 is kept")));
}

TEST(Diff, AllowDestroyDestroysTheDataOfARemovedApplicationAfterItsContainer) {
  auto before = manifest_of(kTwoNodes);
  auto observed = converged(before);
  observed.nodes["node2"].datasets.push_back(dataset_for("web", "www", "node1"));  // a standby left by a move
  auto text = kTwoNodes;
  text.replace(text.find("  web:\n"), text.find("  cache:\n") - text.find("  web:\n"), "");
  text.replace(text.find("node1: [web]"), 12, "node1: []");
  auto plan = diff(manifest_of(text), observed, PlanOptions{.allow_destroy = true});
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_THAT(summary_of(*plan), ElementsAre("node1 - remove_container flocker--web",
                                             "node1 - destroy_dataset tank/flocker/web.www",
                                             "node2 - destroy_dataset tank/flocker/web.www"));
  EXPECT_EQ(plan->steps[1].data_bytes, 1024u);
  EXPECT_TRUE(plan->notes.empty());
  EXPECT_EQ(summarize(*plan).destroy, 2);
}

TEST(Diff, AVolumeDroppedFromAnApplicationIsKeptUnlessDestroyIsAllowed) {
  auto manifest = manifest_of(kTwoNodes);
  auto observed = converged(manifest);
  observed.nodes["node1"].datasets.push_back(dataset_for("web", "logs", "node1"));
  auto kept = diff(manifest, observed);
  ASSERT_TRUE(kept) << kept.error().message;
  EXPECT_TRUE(kept->steps.empty());
  EXPECT_THAT(kept->notes, ElementsAre(HasSubstr("application web no longer has a volume \"logs\"")));
  EXPECT_THAT(kept->notes[0], HasSubstr("--allow-destroy"));
  auto destroyed = diff(manifest, observed, PlanOptions{.allow_destroy = true});
  ASSERT_TRUE(destroyed);
  EXPECT_THAT(summary_of(*destroyed), ElementsAre("node1 - destroy_dataset tank/flocker/web.logs"));
}

TEST(Diff, DatasetsFlockerDidNotMakeAreNeverDestroyed) {
  auto manifest = manifest_of(kTwoNodes);
  auto observed = converged(manifest);
  auto foreign = dataset_for("web", "www", "node1");
  foreign.name = "tank/flocker/someone-elses";
  foreign.app.clear();
  observed.nodes["node1"].datasets.push_back(foreign);
  auto plan = diff(manifest, observed, PlanOptions{.allow_destroy = true});
  ASSERT_TRUE(plan);
  EXPECT_TRUE(plan->steps.empty());
  EXPECT_TRUE(plan->notes.empty());
}

TEST(Diff, StoppedContainerIsStarted) {
  auto manifest = manifest_of(kTwoNodes);
  auto observed = converged(manifest);
  observed.nodes["node2"].containers[0].state = "exited";
  auto plan = diff(manifest, observed);
  ASSERT_TRUE(plan);
  ASSERT_THAT(summary_of(*plan), ElementsAre("node2 ~ start_container flocker--cache"));
  EXPECT_THAT(plan->steps[0].reason, HasSubstr("is exited"));
}

TEST(Diff, StatelessApplicationMovesByRemoveAndRun) {
  auto manifest = manifest_of(kTwoNodes);
  auto observed = converged(manifest);
  auto text = kTwoNodes;
  text.replace(text.find("node1: [web]"), 12, "node1: [web, cache]");
  text.replace(text.find("node2: [cache]"), 14, "node2: []");
  auto plan = diff(manifest_of(text), observed);
  ASSERT_TRUE(plan);
  EXPECT_THAT(summary_of(*plan),
              ElementsAre("node1 + run_container flocker--cache", "node2 - remove_container flocker--cache"));
  EXPECT_THAT(plan->steps[1].reason, HasSubstr("now deployed on node1"));
}

// web moves from node1 to node2 in this manifest.
std::string moved_web() {
  auto text = kTwoNodes;
  text.replace(text.find("node1: [web]"), 12, "node1: []");
  text.replace(text.find("node2: [cache]"), 14, "node2: [cache, web]");
  return text;
}

SnapshotState snap(std::string name, std::string guid, unsigned long long txg) {
  return SnapshotState{.name = std::move(name), .guid = std::move(guid), .createtxg = txg};
}

// web moves node1 → node2 and drops its volume "logs": the dataset web.logs on
// node1 is mounted by the container until the move (listed under node2)
// stops it, so it is destroyed after the move.
TEST(Diff, DataIsDestroyedAfterTheMoveThatStopsItsContainer) {
  auto observed = converged(manifest_of(kTwoNodes));
  observed.nodes["node1"].datasets.push_back(dataset_for("web", "logs", "node1"));
  auto plan = diff(manifest_of(moved_web()), observed, PlanOptions{.allow_destroy = true});
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_THAT(summary_of(*plan), ElementsAre("node2 > move_application flocker--web",
                                             "node1 - destroy_dataset tank/flocker/web.logs"));
}

TEST(Diff, ApplicationWithDataOnAnotherNodeMovesWithIt) {
  auto observed = converged(manifest_of(kTwoNodes));
  observed.nodes["node1"].datasets[0].snapshots = {snap("flocker-3", "111", 10)};
  auto plan = diff(manifest_of(moved_web()), observed);
  ASSERT_TRUE(plan) << plan.error().message;
  // One step: the move stops and removes the old container itself.
  ASSERT_THAT(summary_of(*plan), ElementsAre("node2 > move_application flocker--web"));
  const auto& step = plan->steps[0];
  EXPECT_EQ(step.source_node, "node1");
  EXPECT_EQ(step.run.volumes.at(0).dataset, "tank/flocker/web.www");
  ASSERT_EQ(step.moves.size(), 1u);
  EXPECT_EQ(step.moves[0].source, "tank/flocker/web.www");
  EXPECT_EQ(step.moves[0].target, "tank/flocker/web.www");
  EXPECT_EQ(step.moves[0].base, "");  // no copy on node2: a full send
  EXPECT_FALSE(step.moves[0].target_exists);
  EXPECT_EQ(step.moves[0].estimated_bytes, 1024u);
  EXPECT_EQ(step.moves[0].next_snapshot, 4);
  EXPECT_EQ(step.moves[0].generation, 1);
  EXPECT_FALSE(step.openzfs_streams);  // zfs-fuse (unknown here) cannot take -L -e -c

  observed.nodes["node1"].flavour = ZfsFlavour::OpenZfs;
  observed.nodes["node2"].flavour = ZfsFlavour::OpenZfs;
  EXPECT_TRUE(diff(manifest_of(moved_web()), observed)->steps.at(0).openzfs_streams);
}

TEST(Diff, MovingBackSendsOnlyTheIncrementOnTopOfTheStandby) {
  auto observed = converged(manifest_of(kTwoNodes));
  auto& live = observed.nodes["node1"].datasets[0];
  live.snapshots = {snap("flocker-2", "222", 20), snap("flocker-5", "555", 30)};
  auto standby = live;
  standby.owner = "node1";  // a standby names the live node as owner
  standby.snapshots = {snap("flocker-2", "222", 7)};
  observed.nodes["node2"].datasets.push_back(standby);
  auto plan = diff(manifest_of(moved_web()), observed);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->steps.size(), 1u);
  const auto& move = plan->steps[0].moves.at(0);
  EXPECT_EQ(move.base, "flocker-2");
  EXPECT_TRUE(move.target_exists);
  EXPECT_EQ(move.estimated_bytes, 0u);  // unknown without send -nvP
  EXPECT_EQ(move.next_snapshot, 6);
  EXPECT_TRUE(plan->notes.empty());
}

TEST(Diff, OnOpenZfsAnIncrementIsEstimatedFromWhatWasWrittenAfterTheBase) {
  auto observed = converged(manifest_of(kTwoNodes));
  for (auto* node : {"node1", "node2"}) observed.nodes[node].flavour = ZfsFlavour::OpenZfs;
  auto& live = observed.nodes["node1"].datasets[0];
  live.snapshots = {snap("flocker-2", "222", 20), snap("mine", "333", 25), snap("flocker-5", "555", 30)};
  live.snapshots[1].written = 1000;  // between flocker-2 and mine: not part of the base
  live.snapshots[2].written = 300;
  live.written = 40;                 // since flocker-5
  live.snapshots[0].written = 5000;  // before the base: not sent
  auto standby = live;
  standby.owner = "node1";
  standby.snapshots = {snap("flocker-2", "222", 7)};
  standby.resume_token = "1-abc-def";
  observed.nodes["node2"].datasets.push_back(standby);
  auto plan = diff(manifest_of(moved_web()), observed);
  ASSERT_TRUE(plan) << plan.error().message;
  const auto& move = plan->steps.at(0).moves.at(0);
  EXPECT_EQ(move.base, "flocker-2");
  EXPECT_EQ(move.estimated_bytes, 1340u);
  EXPECT_EQ(move.resume_token, "1-abc-def");  // the target's interrupted receive, resumed first
  EXPECT_TRUE(plan->steps.at(0).openzfs_streams);
}

TEST(Diff, DivergedStandbyIsRefusedListingBothSides) {
  auto observed = converged(manifest_of(kTwoNodes));
  auto& live = observed.nodes["node1"].datasets[0];
  live.snapshots = {snap("flocker-2", "222", 20)};
  auto standby = live;
  standby.owner = "node1";
  standby.snapshots = {snap("flocker-2", "222", 7), snap("mine", "999", 9)};
  observed.nodes["node2"].datasets.push_back(standby);
  auto plan = diff(manifest_of(moved_web()), observed);
  ASSERT_FALSE(plan);
  EXPECT_THAT(plan.error().message,
              HasSubstr("the copy on node2 has diverged: it holds snapshots taken after @flocker-2"));
  EXPECT_THAT(plan.error().message, HasSubstr("snapshots on node1 (tank/flocker/web.www): flocker-2"));
  EXPECT_THAT(plan.error().message, HasSubstr("snapshots on node2 (tank/flocker/web.www): flocker-2, mine"));
}

TEST(Diff, UnrelatedCopyOnTheTargetIsRefused) {
  auto observed = converged(manifest_of(kTwoNodes));
  observed.nodes["node1"].datasets[0].snapshots = {snap("flocker-2", "222", 20)};
  auto other = observed.nodes["node1"].datasets[0];
  other.owner = "node1";
  other.snapshots = {snap("flocker-1", "777", 3)};
  observed.nodes["node2"].datasets.push_back(other);
  auto plan = diff(manifest_of(moved_web()), observed);
  ASSERT_FALSE(plan);
  EXPECT_THAT(plan.error().message, HasSubstr("shares no snapshot with the live copy on node1"));
}

TEST(Diff, TwoLiveCopiesAreRefused) {
  auto observed = converged(manifest_of(kTwoNodes));
  observed.nodes["node2"].datasets.push_back(dataset_for("web", "www", "node2"));
  auto plan = diff(manifest_of(kTwoNodes), observed);
  ASSERT_FALSE(plan);
  EXPECT_THAT(plan.error().message,
              HasSubstr("2 copies of volume \"www\" of application web each claim to be the live one"));
}

TEST(Diff, NoLiveCopyIsRefused) {
  auto observed = converged(manifest_of(kTwoNodes));
  observed.nodes["node1"].datasets[0].owner = "node2";
  auto plan = diff(manifest_of(kTwoNodes), observed);
  ASSERT_FALSE(plan);
  EXPECT_THAT(plan.error().message,
              HasSubstr("no copy of volume \"www\" of application web is marked as owned"));
}

// A move stopped after node1 let go of web's data and before node2 claimed it.
Observed interrupted_hand_off(const Manifest& manifest) {
  auto observed = converged(manifest);
  auto& released = observed.nodes["node1"].datasets[0];
  released.owner = "node2";
  released.generation = 2;
  released.snapshots = {snap("flocker-5", "555", 30)};
  observed.nodes["node1"].containers[0].state = "exited";
  auto received = released;
  received.owner = "";
  received.generation = 0;
  received.snapshots = {snap("flocker-5", "555", 12)};
  observed.nodes["node2"].datasets.push_back(received);
  return observed;
}

TEST(Diff, InterruptedHandOffIsCompletedThenTheApplicationStarts) {
  auto manifest = manifest_of(moved_web());
  auto plan = diff(manifest, interrupted_hand_off(manifest_of(kTwoNodes)));
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_THAT(summary_of(*plan),
              ElementsAre("node2 ~ complete_hand_off tank/flocker/web.www",
                          "node1 - remove_container flocker--web", "node2 + run_container flocker--web"));
  const auto& claim = plan->steps[0];
  EXPECT_EQ(claim.properties.at("flocker:owner"), "node2");
  EXPECT_EQ(claim.properties.at("flocker:generation"), "2");
  EXPECT_THAT(claim.reason, HasSubstr("was interrupted"));
}

TEST(Diff, InterruptedHandOffIsCompletedBeforeMovingBack) {
  auto plan = diff(manifest_of(kTwoNodes), interrupted_hand_off(manifest_of(kTwoNodes)));
  ASSERT_TRUE(plan) << plan.error().message;
  // The claim comes first: the move also uses node2, so the executor waits for it.
  EXPECT_THAT(summary_of(*plan), ElementsAre("node2 ~ complete_hand_off tank/flocker/web.www",
                                             "node1 > move_application flocker--web"));
  const auto& move = plan->steps[1];
  EXPECT_EQ(move.source_node, "node2");
  EXPECT_EQ(move.moves.at(0).base, "flocker-5");
  EXPECT_EQ(move.moves.at(0).generation, 2);
}

// api links to db. Their names sort the other way round, so only the links
// put db first.
const std::string kLinkedApps = R"(
nodes:
  node1: {pool: tank}
  node2: {pool: tank}
applications:
  api:
    image: local/busybox:1
    volumes: {state: /state}
    links: [{alias: db, local_port: 5432, remote_port: 15432, application: db}]
  db:
    image: local/busybox:1
    ports: [{internal: 5432, external: 15432}]
deployment:
  node1: [api, db]
  node2: []
)";

// A new link target and a replaced application that now links to it, on one
// node: the target runs first, whatever the kinds of the two steps.
TEST(Diff, NewTargetPlusReplacedLinkerOnOneNode) {
  const auto manifest = manifest_of(kLinkedApps);
  auto before = manifest.applications.at("api");
  before.links.clear();  // api ran before it linked to db
  const auto old_run = container_run(before, "tank/flocker");
  Observed observed;
  observed.nodes["node1"] = empty_node("node1");
  observed.nodes["node1"].datasets.push_back(dataset_for("api", "state", "node1"));
  observed.nodes["node1"].containers.push_back(
      ContainerState{.name = old_run.name,
                     .id = "1",
                     .image = old_run.image,
                     .state = "running",
                     .app = "api",
                     .config_hash = old_run.labels.at(kConfigHashLabel),
                     .config = old_run.labels.at(kConfigLabel)});
  observed.nodes["node2"] = empty_node("node2");
  auto plan = diff(manifest, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_THAT(summary_of(*plan),
              ElementsAre("node1 + run_container flocker--db", "node1 -/+ replace_container flocker--api"));
  EXPECT_THAT(plan->steps[1].starts_after, ElementsAre("db"));
}

// A move and a run on one node: the moving application links to the new one,
// so the run comes first; a removal comes before both, and the moved copy's
// quota right after its move.
TEST(Diff, MoveAndRunOnOneNodeFollowLinksAfterRemovals) {
  auto text = kLinkedApps;
  text.replace(text.find("{state: /state}"), 15, "{state: {mountpoint: /state, maximum_size: 1G}}");
  const auto manifest = manifest_of(text);
  Observed observed;
  observed.nodes["node1"] = empty_node("node1");
  observed.nodes["node1"].containers.push_back(ContainerState{
      .name = "flocker--old", .id = "9", .image = "local/busybox:1", .state = "running", .app = "old"});
  observed.nodes["node2"] = empty_node("node2");
  observed.nodes["node2"].datasets.push_back(dataset_for("api", "state", "node2"));
  observed.nodes["node2"].containers.push_back(container_for(manifest, "api"));
  auto plan = diff(manifest, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_THAT(
      summary_of(*plan),
      ElementsAre("node1 - remove_container flocker--old", "node1 + run_container flocker--db",
                  "node1 > move_application flocker--api", "node1 ~ update_quota tank/flocker/api.state"));
}

TEST(Diff, EachCauseHasItsOwnReasonCode) {
  const auto two_nodes = manifest_of(kTwoNodes);
  Observed fresh;
  fresh.nodes["node1"] = empty_node("node1", false);
  fresh.nodes["node2"] = empty_node("node2");
  auto plan = diff(two_nodes, fresh);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_THAT(codes_of(*plan),
              ElementsAre("node1 create_root root_missing", "node1 create_dataset no_dataset",
                          "node1 run_container no_container", "node2 run_container no_container"));

  auto drifted = converged(two_nodes);
  drifted.nodes["node1"].containers[0].config_hash = "old";
  drifted.nodes["node2"].containers[0].state = "exited";
  drifted.nodes["node1"].datasets.push_back(dataset_for("web", "logs", "node1"));
  drifted.nodes["node2"].containers.push_back(container_for(two_nodes, "web"));
  drifted.nodes["node2"].containers.back().name = "flocker--gone";
  drifted.nodes["node2"].containers.back().app = "gone";
  plan = diff(two_nodes, drifted, PlanOptions{.allow_destroy = true});
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_THAT(codes_of(*plan),
              ElementsAre("node1 replace_container config_drift", "node2 remove_container not_in_manifest",
                          "node2 start_container stopped", "node1 destroy_dataset volume_removed"));

  auto text = kTwoNodes;
  text.replace(text.find("node1: [web]"), 12, "node1: [web, cache]");
  text.replace(text.find("node2: [cache]"), 14, "node2: []");
  plan = diff(manifest_of(text), converged(two_nodes));
  ASSERT_TRUE(plan);
  EXPECT_THAT(codes_of(*plan),
              ElementsAre("node1 run_container no_container", "node2 remove_container deployed_elsewhere"));

  plan = diff(manifest_of(moved_web()), converged(two_nodes));
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_THAT(codes_of(*plan), ElementsAre("node2 move_application moved"));

  plan = diff(manifest_of(moved_web()), interrupted_hand_off(two_nodes));
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_THAT(codes_of(*plan),
              ElementsAre("node2 complete_hand_off handoff_interrupted",
                          "node1 remove_container deployed_elsewhere", "node2 run_container no_container"));
}

TEST(Diff, ReasonCodesHaveStableNames) {
  for (auto code : {ReasonCode::RootMissing, ReasonCode::HandOffInterrupted, ReasonCode::NoDataset,
                    ReasonCode::QuotaChanged, ReasonCode::Moved, ReasonCode::NoContainer,
                    ReasonCode::ConfigDrift, ReasonCode::Stopped, ReasonCode::NotInManifest,
                    ReasonCode::DeployedElsewhere, ReasonCode::VolumeRemoved}) {
    ASSERT_FALSE(reason_code_name(code).empty());
    EXPECT_EQ(reason_code_named(reason_code_name(code)), code);
  }
  EXPECT_EQ(reason_code_named("unheard_of"), std::nullopt);
}

// The image's VOLUME paths: a warning for each one no volume covers, when a
// container is (re)created; never a failure.
TEST(Diff, ImageVolumesNoVolumeCoversAreNotedWhenAContainerIsRun) {
  auto manifest = manifest_of(kTwoNodes);
  Observed observed;
  observed.nodes["node1"] = empty_node("node1", false);
  observed.nodes["node2"] = empty_node("node2", false);
  observed.nodes["node1"].image_volumes["local/busybox:1"] = {"/var/lib/db", "/www"};  // /www: web's volume
  observed.nodes["node2"].image_volumes["local/busybox:1"] = {"/data"};
  auto plan = diff(manifest, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_EQ(plan->steps.size(), 5u);
  EXPECT_THAT(
      plan->notes,
      ElementsAre("web: the image local/busybox:1 declares VOLUME /var/lib/db, which no flocker volume "
                  "covers: what the container writes there stays on node1 and does not move with web; "
                  "add a volume with mountpoint /var/lib/db",
                  HasSubstr("cache: the image local/busybox:1 declares VOLUME /data, which no flocker "
                            "volume covers: what the container writes there stays on node2")));

  // An image the node does not have yet (it will be pulled): nothing to say.
  observed.nodes["node1"].image_volumes.clear();
  observed.nodes["node2"].image_volumes.clear();
  plan = diff(manifest, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_TRUE(plan->notes.empty());
}

TEST(Diff, ImageVolumesAreNotedOnReplaceAndMoveButNotWhenNothingIsRecreated) {
  const auto before = manifest_of(kTwoNodes);
  auto observed = converged(before);
  observed.nodes["node1"].image_volumes["local/busybox:1"] = {"/data"};
  auto unchanged = diff(before, observed);
  ASSERT_TRUE(unchanged);
  EXPECT_TRUE(unchanged->empty());
  EXPECT_TRUE(unchanged->notes.empty());

  auto text = kTwoNodes;
  text.replace(text.find("GREETING: hello"), 15, "GREETING: bonjour");
  auto replaced = diff(manifest_of(text), observed);
  ASSERT_TRUE(replaced);
  ASSERT_THAT(summary_of(*replaced), ElementsAre("node1 -/+ replace_container flocker--web"));
  EXPECT_THAT(replaced->notes,
              ElementsAre(HasSubstr("web: the image local/busybox:1 declares VOLUME /data")));

  // node2 lacks the image; node1, which the data leaves, says what it declares.
  auto moved = diff(manifest_of(moved_web()), observed);
  ASSERT_TRUE(moved) << moved.error().message;
  ASSERT_THAT(summary_of(*moved), ElementsAre("node2 > move_application flocker--web"));
  EXPECT_THAT(
      moved->notes,
      ElementsAre("web: the image local/busybox:1 declares VOLUME /data, which no flocker volume covers: "
                  "what the container wrote there stays on node1 and does not move with web to node2; "
                  "add a volume with mountpoint /data"));
  // The plan's fingerprint (what apply re-checks) leaves notes out.
  observed.nodes["node1"].image_volumes.clear();
  EXPECT_EQ(plan_fingerprint(*moved), plan_fingerprint(*diff(manifest_of(moved_web()), observed)));
}

TEST(Diff, IsDeterministic) {
  auto manifest = manifest_of(kTwoNodes);
  Observed observed;
  observed.nodes["node1"] = empty_node("node1", false);
  observed.nodes["node2"] = empty_node("node2", false);
  EXPECT_EQ(summary_of(*diff(manifest, observed)), summary_of(*diff(manifest, observed)));
}

}  // namespace
}  // namespace flocker
