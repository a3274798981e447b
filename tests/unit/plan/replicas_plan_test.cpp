// Replicas in plans: which are created or refreshed, from which snapshot,
// what pruning must leave, and what a move to a replica sends.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "manifest/load.hpp"
#include "plan/container_config.hpp"
#include "plan/diff.hpp"
#include "plan/render.hpp"
#include "plan/replicas.hpp"

namespace flocker {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr long long kNow = 1'800'000'000;  // the live node's clock

Manifest manifest_of(const std::string& text) {
  auto manifest = parse_manifest({{"flocker.yaml", text}});
  if (!manifest) throw std::runtime_error(format_diagnostic(manifest.error().front()));
  return *manifest;
}

const std::string kThreeNodes = R"(
nodes:
  node1: {pool: tank}
  node2: {pool: tank}
  node3: {pool: tank}
applications:
  db:
    image: local/busybox:1
    volumes: {data: /data}
    replicas: [node2, node3]
    max_lag: 5m
deployment:
  node1: [db]
)";

SnapshotState snapshot(int number, long long age) {
  return {.name = "flocker-" + std::to_string(number),
          .guid = "guid" + std::to_string(number),
          .createtxg = static_cast<unsigned long long>(number) * 10,
          .creation = kNow - age};
}

DatasetState copy_of(const std::string& owner, std::vector<SnapshotState> snapshots) {
  return DatasetState{.name = dataset_name("tank/flocker", "db", "data"),
                      .used = 4096,
                      .mountpoint = "/tank/flocker/db.data",
                      .mounted = true,
                      .readonly = owner != "node1",
                      .app = "db",
                      .volume = "data",
                      .owner = owner,
                      .generation = 1,
                      .snapshots = std::move(snapshots)};
}

NodeState node(const std::string& name) {
  return NodeState{
      .node = name, .reachable = true, .zfs_root = "tank/flocker", .root_exists = true, .clock = kNow};
}

// db runs on node1 with @flocker-3 (400 s old) and @flocker-4 (100 s old).
Observed cluster(const Manifest& manifest) {
  Observed observed;
  for (const auto* name : {"node1", "node2", "node3"}) observed.nodes[name] = node(name);
  observed.nodes["node1"].datasets.push_back(copy_of("node1", {snapshot(3, 400), snapshot(4, 100)}));
  auto run = container_run(manifest.applications.at("db"), "tank/flocker");
  observed.nodes["node1"].containers.push_back(ContainerState{.name = run.name,
                                                              .id = "id",
                                                              .image = run.image,
                                                              .state = "running",
                                                              .app = "db",
                                                              .config_hash = run.labels.at(kConfigHashLabel),
                                                              .config = run.labels.at(kConfigLabel)});
  return observed;
}

std::vector<std::string> lines_of(const Plan& plan) {
  std::vector<std::string> lines;
  for (const auto& step : plan.steps)
    lines.push_back(std::string(step_symbol(step.kind)) + " " + describe_step(step));
  return lines;
}

TEST(ReplicaPlan, AMissingReplicaIsSentWholeFromTheLiveNode) {
  const auto manifest = manifest_of(kThreeNodes);
  auto observed = cluster(manifest);
  observed.nodes["node2"].datasets.push_back(copy_of("node1", {snapshot(4, 100)}));
  auto plan = diff(manifest, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_THAT(lines_of(*plan), ElementsAre("+ replicate db node1 → node3"));
  const auto& step = plan->steps.front();
  EXPECT_EQ(step.reason_code, ReasonCode::ReplicaMissing);
  ASSERT_EQ(step.moves.size(), 1u);
  EXPECT_EQ(step.moves[0].base, "");  // a full send
  EXPECT_EQ(step.moves[0].estimated_bytes, 4096u);
  EXPECT_EQ(step.moves[0].next_snapshot, 5);
  // node2 still builds on @flocker-4: the live copy keeps it.
  EXPECT_THAT(step.moves[0].keep, ElementsAre("flocker-4"));
  EXPECT_THAT(step.moves[0].prune_source, ElementsAre("flocker-3"));
  EXPECT_THAT(render_plan_text(*plan, Style{}), HasSubstr("1 replica to replicate"));
}

TEST(ReplicaPlan, AReplicaWithinMaxLagIsNoChangeAndOneBehindIsRefreshed) {
  const auto manifest = manifest_of(kThreeNodes);
  auto observed = cluster(manifest);
  observed.nodes["node2"].datasets.push_back(copy_of("node1", {snapshot(4, 100)}));  // 1m40s: within 5m
  observed.nodes["node3"].datasets.push_back(copy_of("node1", {snapshot(3, 400)}));  // 6m40s: behind
  auto plan = diff(manifest, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_THAT(lines_of(*plan), ElementsAre("~ refresh replica of db on node3: 6m40s behind, max_lag 5m"));
  const auto& step = plan->steps.front();
  EXPECT_EQ(step.reason_code, ReasonCode::ReplicaBehind);
  EXPECT_EQ(step.source_node, "node1");
  EXPECT_EQ(step.moves[0].base, "flocker-3");
  EXPECT_THAT(step.moves[0].prune_target, ElementsAre("flocker-3"));
  // node2's base stays on the live copy; node3's own base goes once it has @flocker-5.
  EXPECT_THAT(step.moves[0].keep, ElementsAre("flocker-4"));
  EXPECT_THAT(step.moves[0].prune_source, ElementsAre("flocker-3"));
  // Both replicas within their bound: nothing to do.
  observed.nodes["node3"].datasets[0] = copy_of("node1", {snapshot(4, 100)});
  auto quiet = diff(manifest, observed);
  ASSERT_TRUE(quiet);
  EXPECT_TRUE(quiet->empty()) << render_plan_text(*quiet, Style{});
}

TEST(ReplicaPlan, ReplicateRefreshesAtHalfTheMaxLagOrAllWhenAsked) {
  const auto manifest = manifest_of(kThreeNodes);
  auto observed = cluster(manifest);
  observed.nodes["node1"].datasets[0].snapshots = {snapshot(3, 200), snapshot(4, 100)};
  observed.nodes["node2"].datasets.push_back(copy_of("node1", {snapshot(4, 100)}));  // under 2m30s
  observed.nodes["node3"].datasets.push_back(copy_of("node1", {snapshot(3, 200)}));  // past 2m30s
  auto due = plan_replication(manifest, observed, {.due_fraction = 0.5});
  ASSERT_THAT(due.steps, ::testing::SizeIs(1));
  EXPECT_EQ(due.steps[0].node, "node3");
  EXPECT_THAT(due.steps[0].reason, HasSubstr("refreshed at half of it"));
  auto all = plan_replication(manifest, observed, {.due_fraction = 0.5, .all = true});
  ASSERT_THAT(all.steps, ::testing::SizeIs(2));
  EXPECT_EQ(all.steps[0].reason_code, ReasonCode::ReplicaRequested);
  // Both refreshes of one plan take the same new snapshot.
  EXPECT_EQ(all.steps[0].moves[0].next_snapshot, all.steps[1].moves[0].next_snapshot);
}

TEST(ReplicaPlan, ADivergedReplicaIsLeftAloneWithBothSidesSnapshots) {
  const auto manifest = manifest_of(kThreeNodes);
  auto observed = cluster(manifest);
  observed.nodes["node2"].datasets.push_back(copy_of("node1", {snapshot(4, 100)}));
  auto hand_made = snapshot(9, 50);
  hand_made.name = "mine";
  observed.nodes["node3"].datasets.push_back(copy_of("node1", {snapshot(3, 400), hand_made}));
  auto plan = diff(manifest, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_TRUE(plan->empty());
  ASSERT_THAT(plan->notes,
              ::testing::Contains(HasSubstr("replica of db on node3 (volume \"data\") is not refreshed")));
  const auto note =
      *std::ranges::find_if(plan->notes, [](const std::string& n) { return n.find("node3") != n.npos; });
  EXPECT_THAT(note, HasSubstr("diverged"));
  EXPECT_THAT(note, HasSubstr("flocker-3, mine"));       // the replica's snapshots, listed
  EXPECT_THAT(note, HasSubstr("flocker-3, flocker-4"));  // and the live copy's
}

TEST(ReplicaPlan, AMoveToAReplicaSendsOnlyTheIncrementAndTheNodeItLeavesStaysAReplica) {
  auto manifest = manifest_of(R"(
nodes:
  node1: {pool: tank}
  node2: {pool: tank}
  node3: {pool: tank}
applications:
  db:
    image: local/busybox:1
    volumes: {data: /data}
    replicas: [node1, node3]
    max_lag: 5m
deployment:
  node2: [db]
)");
  auto observed = cluster(manifest);
  observed.nodes["node2"].datasets.push_back(copy_of("node1", {snapshot(4, 100)}));
  observed.nodes["node3"].datasets.push_back(copy_of("node1", {snapshot(4, 100)}));
  auto plan = diff(manifest, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  // node1, the node it leaves, holds the move's last snapshot: no step; node3 is within max_lag.
  ASSERT_THAT(lines_of(*plan), ElementsAre("> move db node1 → node2 (local/busybox:1)"));
  const auto& move = plan->steps[0].moves[0];
  EXPECT_EQ(move.base, "flocker-4");  // the increment since the last refresh
  // node3 builds on @flocker-4 too: the move's pruning leaves it on both sides.
  EXPECT_THAT(move.keep, ::testing::Contains("flocker-4"));
}

TEST(ReplicaPlan, AReplicaOnItsOwnNodeIsAnErrorUnlessItMovesThere) {
  const std::string text = R"(
nodes:
  node1: {pool: tank}
  node2: {pool: tank}
  node3: {pool: tank}
applications:
  db:
    image: local/busybox:1
    volumes: {data: /data}
    replicas: [node3, DEPLOYED]
deployment:
  DEPLOYED: [db]
)";
  auto replace_all = [](std::string s, const std::string& node) {
    for (auto at = s.find("DEPLOYED"); at != std::string::npos; at = s.find("DEPLOYED"))
      s.replace(at, 8, node);
    return s;
  };
  const auto staying = manifest_of(replace_all(text, "node1"));
  auto refused = diff(staying, cluster(staying));
  ASSERT_FALSE(refused);
  EXPECT_THAT(
      refused.error().message,
      HasSubstr(
          "flocker.yaml:10:23: replica node1 is the node db is deployed on; a replica must be another node"));
  // While it moves to node2 (its data is on node1), node2 in its replicas is the fast path.
  const auto moving = manifest_of(replace_all(text, "node2"));
  auto observed = cluster(moving);
  observed.nodes["node2"].datasets.push_back(copy_of("node1", {snapshot(4, 100)}));
  auto plan = diff(moving, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_THAT(lines_of(*plan), ::testing::Contains("> move db node1 → node2 (local/busybox:1)"));
}

TEST(ReplicaPlan, AReplicaBehindIsRefreshedFromTheNewLiveNodeAfterAMove) {
  auto manifest = manifest_of(R"(
nodes:
  node1: {pool: tank}
  node2: {pool: tank}
  node3: {pool: tank}
applications:
  db:
    image: local/busybox:1
    volumes: {data: /data}
    replicas: [node3]
    max_lag: 5m
deployment:
  node2: [db]
)");
  auto observed = cluster(manifest);
  observed.nodes["node2"].datasets.push_back(copy_of("node1", {snapshot(3, 400)}));
  observed.nodes["node3"].datasets.push_back(copy_of("node1", {snapshot(3, 400)}));
  auto plan = diff(manifest, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_THAT(lines_of(*plan), ElementsAre("> move db node1 → node2 (local/busybox:1)",
                                           "~ refresh replica of db on node3: 6m40s behind, max_lag 5m"));
  const auto& refresh = plan->steps[1];
  EXPECT_EQ(refresh.source_node, "node2");
  EXPECT_EQ(refresh.moves[0].base, "flocker-3");
  // The move takes flocker-5 and flocker-6; the refresh the next number.
  EXPECT_EQ(plan->steps[0].moves[0].next_snapshot, 5);
  EXPECT_EQ(refresh.moves[0].next_snapshot, 7);
  // The move leaves @flocker-3 for node3, and the refresh waits for the move.
  EXPECT_THAT(plan->steps[0].moves[0].keep, ::testing::Contains("flocker-3"));
  EXPECT_THAT(refresh.after, ElementsAre(0u));
  // node1 (left by the move) is not a replica any more: kept, with a note, without --allow-destroy.
  auto destroying = diff(manifest, observed, {.allow_destroy = true});
  ASSERT_TRUE(destroying);
  EXPECT_THAT(lines_of(*destroying), ::testing::Not(::testing::Contains(HasSubstr("destroy"))))
      << "a move's source is not destroyed in the plan that moves away from it";
}

TEST(ReplicaPlan, AStandbyOnANodeNoLongerInReplicasGoesOnlyWithAllowDestroy) {
  const auto manifest = manifest_of(R"(
nodes:
  node1: {pool: tank}
  node2: {pool: tank}
  node3: {pool: tank}
applications:
  db:
    image: local/busybox:1
    volumes: {data: /data}
    replicas: [node2]
deployment:
  node1: [db]
)");
  auto observed = cluster(manifest);
  observed.nodes["node2"].datasets.push_back(copy_of("node1", {snapshot(4, 100)}));
  observed.nodes["node3"].datasets.push_back(copy_of("node1", {snapshot(4, 100)}));
  auto kept = diff(manifest, observed);
  ASSERT_TRUE(kept);
  EXPECT_TRUE(kept->empty());
  EXPECT_THAT(kept->notes, ::testing::Contains(HasSubstr("node3 is not among its replicas")));
  auto destroyed = diff(manifest, observed, {.allow_destroy = true});
  ASSERT_TRUE(destroyed);
  ASSERT_THAT(lines_of(*destroyed), ElementsAre(HasSubstr("destroy dataset tank/flocker/db.data")));
  EXPECT_EQ(destroyed->steps[0].node, "node3");
  EXPECT_EQ(destroyed->steps[0].reason_code, ReasonCode::NotAReplica);
}

TEST(ReplicaPlan, AnUnreachableReplicaIsSkippedAndNothingIsPruned) {
  const auto manifest = manifest_of(kThreeNodes);
  auto observed = cluster(manifest);
  observed.nodes["node1"].datasets[0].snapshots = {snapshot(2, 900), snapshot(3, 400), snapshot(4, 100)};
  observed.nodes["node2"].datasets.push_back(copy_of("node1", {snapshot(2, 900)}));
  observed.nodes["node3"] = NodeState{.node = "node3", .reachable = false, .error = "connection refused"};
  auto steps = plan_replication(manifest, observed, {.due_fraction = 0.5});
  ASSERT_THAT(steps.steps, ::testing::SizeIs(1));
  EXPECT_EQ(steps.steps[0].node, "node2");
  // node3 may build on any of them.
  EXPECT_THAT(steps.steps[0].moves[0].prune_source, IsEmpty());
  EXPECT_THAT(steps.notes, ElementsAre(HasSubstr("node3 cannot be reached (connection refused)")));
}

TEST(ReplicaPlan, ReplicationLeavesAnApplicationStillToMoveToApply) {
  auto manifest = manifest_of(R"(
nodes:
  node1: {pool: tank}
  node2: {pool: tank}
  node3: {pool: tank}
applications:
  db:
    image: local/busybox:1
    volumes: {data: /data}
    replicas: [node3]
deployment:
  node2: [db]
)");
  auto observed = cluster(manifest);
  auto steps = plan_replication(manifest, observed, {.due_fraction = 0.5});
  EXPECT_THAT(steps.steps, IsEmpty());
  EXPECT_THAT(steps.notes, ElementsAre(HasSubstr("its data is on node1, and it is deployed on node2")));
}

TEST(ReplicaPlan, ACopyWithAResumeTokenKeepsEverySnapshotAfterItsBase) {
  const auto manifest = manifest_of(kThreeNodes);
  auto observed = cluster(manifest);
  observed.nodes["node1"].datasets[0].snapshots = {snapshot(2, 900), snapshot(3, 400), snapshot(4, 100)};
  observed.nodes["node2"].datasets.push_back(copy_of("node1", {snapshot(2, 900)}));
  observed.nodes["node3"].datasets.push_back(copy_of("node1", {snapshot(2, 900)}));
  observed.nodes["node3"].datasets[0].resume_token = "1-abc";  // a refresh to @3 or @4, cut
  auto steps = plan_replication(manifest, observed, {.due_fraction = 0.5});
  ASSERT_THAT(steps.steps, ::testing::SizeIs(2));
  // node2's refresh leaves @2, @3 and @4: node3 resumes from one of them.
  EXPECT_THAT(steps.steps[0].moves[0].keep, ElementsAre("flocker-2", "flocker-3", "flocker-4"));
  EXPECT_THAT(steps.steps[0].moves[0].prune_source, IsEmpty());
  EXPECT_EQ(steps.steps[1].moves[0].resume_token, "1-abc");
}

TEST(ReplicaPlan, AFirstCopyCutMidStreamIsResumed) {
  const auto manifest = manifest_of(kThreeNodes);
  auto observed = cluster(manifest);
  observed.nodes["node2"].datasets.push_back(copy_of("node1", {snapshot(4, 100)}));
  observed.nodes["node3"].datasets.push_back(copy_of("", {}));
  observed.nodes["node3"].datasets[0].resume_token = "1-full";
  auto plan = diff(manifest, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_THAT(lines_of(*plan), ElementsAre(HasSubstr("refresh replica of db on node3")));
  EXPECT_EQ(plan->steps[0].moves[0].resume_token, "1-full");
  EXPECT_EQ(plan->steps[0].moves[0].base, "");
}

TEST(ReplicaPlan, AReplicaIsNeverRefreshedFromACopyThatIsNotLiveWhereItRuns) {
  const auto manifest = manifest_of(kThreeNodes);
  auto observed = cluster(manifest);
  // The data moved to node2 since the pass was planned (an apply ran between).
  observed.nodes["node1"].datasets[0].owner = "node2";
  observed.nodes["node1"].datasets[0].generation = 2;
  observed.nodes["node2"].datasets.push_back(copy_of("node2", {snapshot(3, 400), snapshot(4, 100)}));
  observed.nodes["node2"].datasets[0].generation = 2;
  auto steps = plan_replicas(manifest, observed, manifest.applications.at("db"), "node1", {}, {.all = true});
  EXPECT_THAT(steps.steps, IsEmpty());
  EXPECT_THAT(steps.notes, ElementsAre(HasSubstr("its data is on node2, and it is deployed on node1")));
}

TEST(ReplicaPlan, ASnapshotTakenInTheFutureMakesTheLagUnknownAndTheReplicaDue) {
  const auto manifest = manifest_of(kThreeNodes);
  auto observed = cluster(manifest);
  // The live node's clock was stepped back a day: its snapshots look new for a day.
  observed.nodes["node1"].clock = kNow - 86400;
  observed.nodes["node2"].datasets.push_back(copy_of("node1", {snapshot(4, 100)}));
  observed.nodes["node3"].datasets.push_back(copy_of("node1", {snapshot(4, 100)}));
  auto plan = diff(manifest, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_THAT(plan->steps, ::testing::SizeIs(2));
  EXPECT_THAT(plan->steps[0].reason, HasSubstr("is unknown"));
  EXPECT_FALSE(replica_volumes(manifest, observed)[0].lag_seconds);
}

TEST(ReplicaPlan, SnapshotNumbersFlockerNeverWroteAreIgnored) {
  const auto manifest = manifest_of(kThreeNodes);
  auto observed = cluster(manifest);
  auto huge = snapshot(5, 50);
  huge.name = "flocker-2147483647";
  observed.nodes["node2"].datasets.push_back(copy_of("node1", {snapshot(4, 100), huge}));
  auto plan = diff(manifest, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_FALSE(plan->steps.empty());
  EXPECT_EQ(plan->steps.back().moves[0].next_snapshot, 5);
}

TEST(ReplicaVolumes, LagIsTheLiveClockMinusTheNewestCommonSnapshot) {
  const auto manifest = manifest_of(kThreeNodes);
  auto observed = cluster(manifest);
  observed.nodes["node1"].flavour = ZfsFlavour::OpenZfs;
  observed.nodes["node1"].datasets[0].written = 1000;
  observed.nodes["node1"].datasets[0].snapshots[1].written = 500;
  observed.nodes["node2"].datasets.push_back(copy_of("node1", {snapshot(3, 400)}));
  const auto rows = replica_volumes(manifest, observed);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].node, "node2");
  EXPECT_EQ(rows[0].snapshot, "flocker-3");
  EXPECT_EQ(rows[0].lag_seconds, 400);
  EXPECT_EQ(rows[0].unreplicated_bytes, 1500u);  // @flocker-4's 500 and the 1000 written since
  EXPECT_FALSE(rows[0].within_bound());
  EXPECT_EQ(rows[1].node, "node3");
  EXPECT_FALSE(rows[1].exists);
}

}  // namespace
}  // namespace flocker
