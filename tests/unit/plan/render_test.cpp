#include "plan/render.hpp"

#include <gtest/gtest.h>

#include "cli/status_view.hpp"
#include "manifest/load.hpp"
#include "plan/container_config.hpp"
#include "plan/diff.hpp"
#include "plan/plan_from_json.hpp"
#include "support/golden.hpp"

namespace flocker {
namespace {

using testing::compare_with_golden;

const char* kManifest = R"(
nodes:
  node1: {pool: tank}
  node2: {pool: tank, transfer_address: "10.1.0.2:2222"}
applications:
  web:
    image: local/busybox:1
    command: httpd -f -p 8080 -h /www
    environment: {GREETING: bonjour}
    volumes: {www: /www}
  api:
    image: local/busybox:2
  db:
    image: local/busybox:1
    volumes: {data: /var/lib/db}
deployment:
  node1: [web]
  node2: [api, db]
)";

Manifest manifest() {
  return *parse_manifest({{"flocker.yaml", kManifest}});
}

// node1: web runs with an older environment; node2: fresh root, plus a container
// of an application the manifest dropped, whose dataset stays.
Observed mixed_cluster() {
  auto old_web = manifest().applications.at("web");
  old_web.environment["GREETING"] = "hello";
  auto old_run = container_run(old_web, "tank/flocker");
  Observed observed;
  observed.nodes["node1"] = NodeState{.node = "node1",
                                      .reachable = true,
                                      .flavour = ZfsFlavour::ZfsFuse,
                                      .zfs_version = "0.7",
                                      .docker_version = "20.10.24",
                                      .zfs_root = "tank/flocker",
                                      .root_exists = true};
  observed.nodes["node1"].datasets.push_back({.name = "tank/flocker/web.www",
                                              .used = 25 * 1024 * 1024,
                                              .mountpoint = "/tank/flocker/web.www",
                                              .mounted = true,
                                              .app = "web",
                                              .volume = "www",
                                              .owner = "node1",
                                              .generation = 1});
  observed.nodes["node1"].datasets.push_back({.name = "tank/flocker/old.data",
                                              .used = 3 * 1024,
                                              .mountpoint = "/tank/flocker/old.data",
                                              .mounted = true,
                                              .app = "old",
                                              .volume = "data",
                                              .owner = "node1",
                                              .generation = 1});
  observed.nodes["node1"].containers.push_back({.name = old_run.name,
                                                .id = "1",
                                                .image = old_run.image,
                                                .state = "running",
                                                .app = "web",
                                                .config_hash = old_run.labels.at(kConfigHashLabel),
                                                .config = old_run.labels.at(kConfigLabel)});
  observed.nodes["node1"].containers.push_back(
      {.name = "flocker--old", .id = "2", .image = "local/busybox:1", .state = "exited", .app = "old"});
  // db runs on node1 with its data; the manifest now puts it on node2.
  observed.nodes["node1"].datasets.push_back({.name = "tank/flocker/db.data",
                                              .used = 200ull * 1024 * 1024,
                                              .mountpoint = "/tank/flocker/db.data",
                                              .mounted = true,
                                              .app = "db",
                                              .volume = "data",
                                              .owner = "node1",
                                              .generation = 3,
                                              .snapshots = {{"flocker-6", "1234", 40}}});
  observed.nodes["node1"].containers.push_back(
      {.name = "flocker--db", .id = "3", .image = "local/busybox:1", .state = "running", .app = "db"});
  observed.nodes["node2"] = NodeState{.node = "node2",
                                      .reachable = true,
                                      .flavour = ZfsFlavour::OpenZfs,
                                      .zfs_version = "2.3.2",
                                      .docker_version = "20.10.24",
                                      .zfs_root = "tank/flocker",
                                      .root_exists = false};
  // Both have zstd (so the move compresses); only node2 has mbuffer (so it does not buffer).
  observed.nodes["node1"].tools = {.zstd = true, .dd_progress = true};
  observed.nodes["node2"].tools = {.zstd = true, .lz4 = true, .mbuffer = true, .dd_progress = true};
  return observed;
}

TEST(RenderPlan, MixedPlanText) {
  auto plan = diff(manifest(), mixed_cluster());
  ASSERT_TRUE(plan) << plan.error().message;
  auto diffs = compare_with_golden("plan_mixed.txt", render_plan_text(*plan, Style{}));
  EXPECT_TRUE(diffs.empty()) << diffs;
}

TEST(RenderPlan, WhatANodeSaidReachesTheTerminalAsTextNotAsControls) {
  // An image name and an error a hostile node reported: a screen clear, a
  // title change and a line that pretends to end the plan.
  Plan plan;
  plan.steps.push_back(
      {.kind = StepKind::ReplaceContainer,
       .node = "node1",
       .app = "web",
       .target = "flocker--web",
       .reason = "its image changed\x1b[2J",
       .changes = {"image: local/busybox:1\x1b]0;owned\x07 → local/busybox:2", "x\nPlan: 0 to add"},
       .run = {.image = "local/busybox:2\xc2\x9b"
                        "31m"}});
  plan.notes.push_back("kept \x1b[8mhidden");
  const auto text = render_plan_text(plan, Style{});
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_EQ(text.find("\x9b"), std::string::npos) << text;
  EXPECT_NE(text.find("because its image changed\\x1b[2J\n"), std::string::npos) << text;
  EXPECT_NE(text.find("local/busybox:1\\x1b]0;owned\\x07 → local/busybox:2"), std::string::npos) << text;
  EXPECT_NE(text.find("x\\x0aPlan: 0 to add"), std::string::npos) << text;  // a change stays one line
  EXPECT_NE(text.find("(local/busybox:2\\u009b31m)"), std::string::npos) << text;
}

TEST(RenderStatus, ANodesErrorAndNamesAreShownAsText) {
  Observed observed = mixed_cluster();
  observed.nodes["node2"].reachable = false;
  observed.nodes["node2"].error = "ssh: \x1b]52;c;Y3VybA==\x07 refused";
  observed.nodes["node1"].containers[1].image = "evil\x1b[31m";
  const auto text = render_status_text(manifest(), observed, Style{});
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_NE(text.find("ssh: \\x1b]52;c;Y3VybA==\\x07 refused"), std::string::npos) << text;
}

TEST(RenderPlan, MixedPlanJson) {
  auto plan = diff(manifest(), mixed_cluster());
  ASSERT_TRUE(plan);
  auto diffs = compare_with_golden("plan_mixed.json", plan_to_json(*plan).dump(2) + "\n");
  EXPECT_TRUE(diffs.empty()) << diffs;
}

TEST(RenderPlan, MixedPlanStepGraph) {
  // node1: remove old, replace web; node2: create root, run api; the move of
  // db uses both nodes, so it waits for the last step of each.
  auto plan = diff(manifest(), mixed_cluster());
  ASSERT_TRUE(plan);
  std::vector<std::vector<size_t>> after;
  for (const auto& step : plan->steps) after.push_back(step.after);
  EXPECT_EQ(after, (std::vector<std::vector<size_t>>{{}, {0}, {}, {2}, {1, 3}}));
}

TEST(RenderPlan, ASavedPlanRendersAsThePlanDid) {
  auto options = PlanOptions{.allow_destroy = true};
  auto plan = diff(manifest(), mixed_cluster(), options);
  ASSERT_TRUE(plan);
  auto json = nlohmann::json::parse(plan_to_json(*plan).dump());
  auto read = plan_from_json(json);
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(render_plan_text(*read, Style{}), render_plan_text(*plan, Style{}));
  EXPECT_NE(render_plan_text(*read, Style{})
                .find("destroy dataset tank/flocker/old.data and its snapshots (3.0 KiB of data)"),
            std::string::npos);
  EXPECT_EQ(plan_to_json(*read), plan_to_json(*plan));
}

TEST(RenderPlan, HowAMoveTravelsSurvivesItsJson) {
  Plan plan;
  Step move{.kind = StepKind::MoveApplication,
            .node = "node2",
            .app = "db",
            .target = "flocker--db",
            .reason = "r",
            .source_node = "node1",
            .openzfs_streams = true,
            .stream = {.buffer = true, .count = true},
            .transfer_address = {.host = "10.1.0.2"}};
  move.run.image = "local/busybox:1";
  plan.steps.push_back(move);
  plan.steps.push_back(move);
  plan.steps[1].direct = false;
  plan.steps[1].openzfs_streams = false;
  plan.steps[1].transfer_address = {};
  plan.steps[1].stream = {.compression = StreamCompression::Lz4};
  const auto text = render_plan_text(plan, Style{});
  EXPECT_NE(text.find("transfer: direct to 10.1.0.2, compressed as stored (send -c), buffered by mbuffer\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("transfer: relay, lz4-compressed\n"), std::string::npos) << text;
  auto read = plan_from_json(nlohmann::json::parse(plan_to_json(plan).dump()));
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(render_plan_text(*read, Style{}), text);
}

TEST(RenderPlan, EmptyPlanSaysSo) {
  EXPECT_EQ(render_plan_text(Plan{}, Style{}), "No changes. The nodes match the manifest.\n");
}

TEST(RenderPlan, ColoursOnlyWhenAsked) {
  auto plan = diff(manifest(), mixed_cluster());
  EXPECT_EQ(render_plan_text(*plan, Style{}).find('\033'), std::string::npos);
  EXPECT_NE(render_plan_text(*plan, Style{.colour = true}).find("\033[32m"), std::string::npos);
}

TEST(RenderStatus, Text) {
  auto observed = mixed_cluster();
  observed.nodes["node3"] =
      NodeState{.node = "node3",
                .error = "cannot connect to node node3 (127.0.0.1:2203): Connection refused",
                .zfs_root = "tank/flocker"};
  // Containers flocker leaves alone: another root's, and one made by hand under a flocker name.
  observed.nodes["node1"].foreign_containers.push_back(ContainerState{.name = "flocker--cache",
                                                                      .image = "local/busybox:1",
                                                                      .state = "running",
                                                                      .app = "cache",
                                                                      .root = "tank/staging"});
  observed.nodes["node2"].foreign_containers.push_back(
      ContainerState{.name = "flocker--api", .image = "nginx:1", .state = "exited"});
  auto with_node3 = std::string(kManifest);
  with_node3.replace(with_node3.find("applications:"), 0, "  node3: {pool: tank}\n");
  // web keeps standbys on node2 (1m40s behind: ok) and node3 (unreachable).
  with_node3.replace(with_node3.find("  api:"), 0, "    replicas: [node2, node3]\n    max_lag: 5m\n");
  constexpr long long kNow = 1'700'000'000;
  auto& live = observed.nodes["node1"].datasets[0];
  observed.nodes["node1"].clock = kNow;
  live.snapshots = {{.name = "flocker-3", .guid = "53", .createtxg = 30, .creation = kNow - 400},
                    {.name = "flocker-4", .guid = "54", .createtxg = 40, .creation = kNow - 100}};
  observed.nodes["node2"].root_exists = true;
  observed.nodes["node2"].datasets.push_back({.name = "tank/flocker/web.www",
                                              .used = 24 * 1024 * 1024,
                                              .mountpoint = "/tank/flocker/web.www",
                                              .readonly = true,
                                              .app = "web",
                                              .volume = "www",
                                              .owner = "node1",
                                              .generation = 1,
                                              .snapshots = live.snapshots});
  auto m = *parse_manifest({{"flocker.yaml", with_node3}});
  auto diffs = compare_with_golden("status.txt", render_status_text(m, observed, Style{}));
  EXPECT_TRUE(diffs.empty()) << diffs;
  auto json = status_to_json(m, observed);
  EXPECT_EQ(json["nodes"][2]["status"], "unreachable");
  EXPECT_EQ(json["datasets"][0]["used_bytes"], 25 * 1024 * 1024);
  EXPECT_EQ(json["other_containers"][0]["root"], "tank/staging");
  EXPECT_TRUE(json["other_containers"][1]["app"].is_null());
  EXPECT_EQ(json["replicas"][0]["lag_seconds"], 100);
  EXPECT_EQ(json["replicas"][1]["problem"], "node3 cannot be reached");
  // Checked against docs/schema/status.schema.json by the json_schemas test.
  auto json_diffs = compare_with_golden("status.json", json.dump(2) + "\n");
  EXPECT_TRUE(json_diffs.empty()) << json_diffs;
}

}  // namespace
}  // namespace flocker
