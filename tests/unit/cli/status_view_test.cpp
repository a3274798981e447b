#include "cli/status_view.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "cli/common.hpp"
#include "manifest/load.hpp"

namespace flocker {
namespace {

// db runs on node1 and keeps standbys on node2 to node5, at most 5 minutes behind.
const char* kManifest = R"(
nodes:
  node1: {pool: tank}
  node2: {pool: tank}
  node3: {pool: tank}
  node4: {pool: tank}
  node5: {pool: tank}
applications:
  db:
    image: local/busybox:1
    volumes: {data: /var/lib/db}
    replicas: [node2, node3, node4, node5]
    max_lag: 5m
  web:
    image: local/busybox:1
deployment:
  node1: [db, web]
)";

constexpr long long kNow = 1'700'000'000;  // node1's clock
constexpr unsigned long long kKiB = 1024;

Manifest manifest(const std::string& text = kManifest) {
  auto parsed = parse_manifest({{"flocker.yaml", text}});
  EXPECT_TRUE(parsed.has_value());
  return *parsed;
}

NodeState node(const std::string& name, ZfsFlavour flavour = ZfsFlavour::ZfsFuse) {
  return NodeState{.node = name,
                   .reachable = true,
                   .flavour = flavour,
                   .zfs_version = flavour == ZfsFlavour::OpenZfs ? "2.3.2" : "0.7",
                   .docker_version = "20.10.24",
                   .zfs_root = "tank/flocker",
                   .root_exists = true};
}

SnapshotState flocker_3() {
  return {.name = "flocker-3", .guid = "3", .createtxg = 30, .written = 4 * kKiB, .creation = kNow - 400};
}
SnapshotState flocker_4() {
  return {.name = "flocker-4", .guid = "4", .createtxg = 40, .written = 1024 * kKiB, .creation = kNow - 100};
}

DatasetState db_data(const std::string& owner, std::vector<SnapshotState> snapshots) {
  return {.name = "tank/flocker/db.data",
          .used = 10 * 1024 * kKiB,
          .mountpoint = "/tank/flocker/db.data",
          .mounted = true,
          .readonly = owner != "node1",
          .app = "db",
          .volume = "data",
          .owner = owner,
          .generation = 2,
          .snapshots = std::move(snapshots)};
}

// The live copy on node1 (OpenZFS) took flocker-3 at T-400 and flocker-4 at
// T-100 and wrote 512 KiB since. node2 holds flocker-4 (lag 100 s: ok),
// node3 only flocker-3 (lag 400 s: behind), node4 nothing (missing), node5
// a snapshot of its own after flocker-3 (diverged).
Observed cluster() {
  Observed observed;
  observed.nodes["node1"] = node("node1", ZfsFlavour::OpenZfs);
  observed.nodes["node1"].clock = kNow;
  observed.nodes["node1"].datasets.push_back(db_data("node1", {flocker_3(), flocker_4()}));
  observed.nodes["node1"].datasets.back().written = 512 * kKiB;
  observed.nodes["node2"] = node("node2");
  observed.nodes["node2"].datasets.push_back(db_data("node1", {flocker_3(), flocker_4()}));
  observed.nodes["node3"] = node("node3");
  observed.nodes["node3"].datasets.push_back(db_data("node1", {flocker_3()}));
  observed.nodes["node4"] = node("node4");
  observed.nodes["node5"] = node("node5");
  observed.nodes["node5"].datasets.push_back(db_data(
      "node1", {flocker_3(), {.name = "mine", .guid = "55", .createtxg = 45, .creation = kNow - 50}}));
  return observed;
}

// The lines of a section of the status text, from its title to the blank line after it.
std::vector<std::string> section(const std::string& text, const std::string& title) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  bool on = false;
  for (std::string line; std::getline(in, line);) {
    if (line == title) {
      on = true;
      continue;
    }
    if (on && line.empty()) break;
    if (on) lines.push_back(line);
  }
  return lines;
}

// A table row as "cell|cell|...": columns are two or more spaces apart.
std::string cells(const std::string& line) {
  std::string result;
  for (size_t i = 0; i < line.size();) {
    if (line[i] == ' ' && i + 1 < line.size() && line[i + 1] == ' ') {
      while (i < line.size() && line[i] == ' ') ++i;
      result += '|';
    } else {
      result += line[i++];
    }
  }
  return result;
}

TEST(StatusReplicas, TheTableShowsEachReplicasSnapshotLagAndState) {
  const auto lines = section(render_status_text(manifest(), cluster(), Style{}), "Replicas");
  ASSERT_GE(lines.size(), 5u);
  EXPECT_EQ(cells(lines[0]), "APPLICATION|VOLUME|NODE|SNAPSHOT|LAG|MAX_LAG|UNREPLICATED|STATE");
  EXPECT_EQ(cells(lines[1]), "db|data|node2|flocker-4|1m40s|5m|512.0 KiB|ok");
  EXPECT_EQ(cells(lines[2]), "db|data|node3|flocker-3|6m40s|5m|1.5 MiB|behind");
  EXPECT_EQ(cells(lines[3]), "db|data|node4|-|-|5m|-|missing");
  EXPECT_EQ(cells(lines[4]), "db|data|node5|-|-|5m|-|cannot refresh");
}

TEST(StatusReplicas, AReplicaThatCannotBeRefreshedIsExplainedUnderTheTable) {
  const auto text = render_status_text(manifest(), cluster(), Style{});
  const auto lines = section(text, "Replicas");
  ASSERT_EQ(lines.size(), 9u) << text;  // header, 4 rows, the problem with both snapshot lists, the hint
  EXPECT_EQ(
      lines[5],
      "  ! replica of db on node5 (volume \"data\"): the copy on node5 has diverged: it holds snapshots "
      "taken after @flocker-3 that node1 does not have.");
  EXPECT_NE(lines[6].find("snapshots on node1"), std::string::npos) << lines[6];
  EXPECT_NE(lines[7].find("snapshots on node5"), std::string::npos) << lines[7];
  EXPECT_NE(lines[8].find("zfs destroy -r tank/flocker/db.data"), std::string::npos) << lines[8];
}

TEST(StatusReplicas, NoSectionWithoutReplicas) {
  auto without = std::string(kManifest);
  without.erase(without.find("    replicas:"), without.find("  web:") - without.find("    replicas:"));
  const auto m = manifest(without);
  const auto text = render_status_text(m, cluster(), Style{});
  EXPECT_EQ(text.find("Replicas"), std::string::npos) << text;
  const auto json = status_to_json(m, cluster());
  ASSERT_TRUE(json.contains("replicas"));
  EXPECT_EQ(json["replicas"], nlohmann::json::array());
}

TEST(StatusReplicas, OnZfsFuseWhatIsUnreplicatedIsUnknown) {
  auto observed = cluster();
  observed.nodes["node1"].flavour = ZfsFlavour::ZfsFuse;
  const auto lines = section(render_status_text(manifest(), observed, Style{}), "Replicas");
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(cells(lines[1]), "db|data|node2|flocker-4|1m40s|5m|-|ok");
  EXPECT_TRUE(status_to_json(manifest(), observed)["replicas"][0]["unreplicated_bytes"].is_null());
}

TEST(StatusReplicas, WithoutTheLiveNodesClockTheLagIsUnknownAndTheReplicaBehind) {
  auto observed = cluster();
  observed.nodes["node1"].clock = 0;
  const auto lines = section(render_status_text(manifest(), observed, Style{}), "Replicas");
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(cells(lines[1]), "db|data|node2|flocker-4|unknown|5m|512.0 KiB|behind");
  const auto json = status_to_json(manifest(), observed)["replicas"][0];
  EXPECT_EQ(json["state"], "behind");
  EXPECT_TRUE(json["lag_seconds"].is_null());
  EXPECT_EQ(json["snapshot_time"], kNow - 100);
}

TEST(StatusReplicas, Json) {
  const auto replicas = status_to_json(manifest(), cluster())["replicas"];
  ASSERT_EQ(replicas.size(), 4u);
  EXPECT_EQ(replicas[0], (nlohmann::json{{"app", "db"},
                                         {"volume", "data"},
                                         {"node", "node2"},
                                         {"live_node", "node1"},
                                         {"snapshot", "flocker-4"},
                                         {"snapshot_time", kNow - 100},
                                         {"lag_seconds", 100},
                                         {"max_lag_seconds", 300},
                                         {"unreplicated_bytes", 512 * kKiB},
                                         {"state", "ok"},
                                         {"problem", nullptr}}));
  EXPECT_EQ(replicas[1]["node"], "node3");
  EXPECT_EQ(replicas[1]["state"], "behind");
  EXPECT_EQ(replicas[1]["snapshot"], "flocker-3");
  EXPECT_EQ(replicas[1]["lag_seconds"], 400);
  EXPECT_EQ(replicas[1]["unreplicated_bytes"], 1536 * kKiB);
  EXPECT_EQ(replicas[2], (nlohmann::json{{"app", "db"},
                                         {"volume", "data"},
                                         {"node", "node4"},
                                         {"live_node", "node1"},
                                         {"snapshot", nullptr},
                                         {"snapshot_time", nullptr},
                                         {"lag_seconds", nullptr},
                                         {"max_lag_seconds", 300},
                                         {"unreplicated_bytes", nullptr},
                                         {"state", "missing"},
                                         {"problem", nullptr}}));
  EXPECT_EQ(replicas[3]["node"], "node5");
  EXPECT_EQ(replicas[3]["state"], "problem");
  EXPECT_TRUE(replicas[3]["lag_seconds"].is_null());
  EXPECT_NE(replicas[3]["problem"].get<std::string>().find("the copy on node5 has diverged"),
            std::string::npos);
}

TEST(StatusCheck, EachReplicaOutsideItsBoundIsNamedAndTheExitCodeIsThree) {
  const auto check = check_status(manifest(), cluster());
  EXPECT_EQ(check.exit_code, exit_code::kReplicasBehind);
  EXPECT_EQ(check.exit_code, 3);
  ASSERT_EQ(check.messages.size(), 3u);
  EXPECT_EQ(check.messages[0], "replica of db on node3 (volume \"data\") is behind: lag 6m40s, max_lag 5m");
  EXPECT_EQ(check.messages[1],
            "replica of db on node4 (volume \"data\") is missing: no copy yet, max_lag 5m");
  EXPECT_EQ(
      check.messages[2],
      "replica of db on node5 (volume \"data\") cannot be refreshed: the copy on node5 has diverged: it "
      "holds snapshots taken after @flocker-3 that node1 does not have.");
}

TEST(StatusCheck, EveryReplicaWithinItsBoundExitsZero) {
  auto text = std::string(kManifest);
  text.replace(text.find("[node2, node3, node4, node5]"), 28, "[node2]");
  const auto check = check_status(manifest(text), cluster());
  EXPECT_EQ(check.exit_code, exit_code::kOk);
  EXPECT_TRUE(check.messages.empty());
}

TEST(StatusCheck, AnUnknownLagIsBehind) {
  auto observed = cluster();
  observed.nodes["node1"].clock = 0;
  auto text = std::string(kManifest);
  text.replace(text.find("[node2, node3, node4, node5]"), 28, "[node2]");
  const auto check = check_status(manifest(text), observed);
  EXPECT_EQ(check.exit_code, exit_code::kReplicasBehind);
  EXPECT_EQ(check.messages,
            std::vector<std::string>{
                "replica of db on node2 (volume \"data\") is behind: lag unknown, max_lag 5m"});
}

TEST(StatusCheck, ANodeThatCannotBeReachedExitsOneAndItsReplicasCannotBeChecked) {
  auto observed = cluster();
  observed.nodes["node4"] =
      NodeState{.node = "node4", .error = "connection refused", .zfs_root = "tank/flocker"};
  const auto check = check_status(manifest(), observed);
  EXPECT_EQ(check.exit_code, exit_code::kError);
  ASSERT_EQ(check.messages.size(), 3u);
  EXPECT_EQ(check.messages[1],
            "replica of db on node4 (volume \"data\") cannot be checked: node4 cannot be reached");
  const auto lines = section(render_status_text(manifest(), observed, Style{}), "Replicas");
  ASSERT_GE(lines.size(), 4u);
  EXPECT_EQ(cells(lines[3]), "db|data|node4|-|-|5m|-|unknown");
  EXPECT_EQ(status_to_json(manifest(), observed)["replicas"][2]["problem"], "node4 cannot be reached");
}

TEST(StatusCheck, WhenTheLiveNodeCannotBeReadNoReplicaCanBeChecked) {
  auto observed = cluster();
  observed.nodes["node1"] =
      NodeState{.node = "node1", .error = "connection refused", .zfs_root = "tank/flocker"};
  const auto check = check_status(manifest(), observed);
  EXPECT_EQ(check.exit_code, exit_code::kError);
  ASSERT_EQ(check.messages.size(), 4u);
  for (const auto& message : check.messages)
    EXPECT_NE(message.find("cannot be checked: the live copy cannot be seen: node1 cannot be reached"),
              std::string::npos)
        << message;
}

TEST(StatusReplicas, WhatANodeSaidIsShownAsText) {
  auto observed = cluster();
  auto& diverged = observed.nodes["node5"].datasets.back().snapshots.back();
  diverged.name = "evil\x1b[2J";
  observed.nodes["node2"].datasets.back().snapshots.push_back(
      {.name = "x\x1b]0;t\x07", .guid = "77", .createtxg = 50, .creation = kNow});
  const auto text = render_status_text(manifest(), observed, Style{});
  EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
  EXPECT_NE(text.find("evil\\x1b[2J"), std::string::npos) << text;
  for (const auto& message : check_status(manifest(), observed).messages)
    EXPECT_EQ(message.find_first_of("\x1b\n"), std::string::npos) << message;
}

}  // namespace
}  // namespace flocker
