// Replicas, max_lag and transfer.bandwidth: as the native and compose readers
// read them, the errors a user sees (with file:line:column), and the
// normalized model.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "manifest/load.hpp"
#include "manifest/normalized.hpp"

namespace flocker {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Lines 1-7; an application's fields from line 8.
const std::string kNodes = "nodes:\n  node1: {pool: tank}\n  node2: {pool: tank}\n  node3: {pool: tank}\n";

std::string native(const std::string& db_fields, const std::string& rest = "") {
  return kNodes + "applications:\n  db:\n    image: postgres:16\n" + db_fields +
         "deployment:\n  node1: [db]\n" + rest;
}

std::vector<std::string> errors_of(const std::vector<ManifestSource>& sources) {
  auto manifest = parse_manifest(sources, [](const std::string&) { return std::optional<std::string>(); });
  if (manifest) return {};
  std::vector<std::string> lines;
  for (const auto& diagnostic : manifest.error()) lines.push_back(format_diagnostic(diagnostic));
  return lines;
}

std::vector<std::string> errors_of(const std::string& text) {
  return errors_of({{"flocker.yaml", text}});
}

Manifest parse(const std::vector<ManifestSource>& sources) {
  auto manifest = parse_manifest(sources, [](const std::string&) { return std::optional<std::string>(); });
  if (!manifest) throw std::runtime_error(format_diagnostic(manifest.error().front()));
  return *manifest;
}

std::vector<std::string> replica_nodes(const AppSpec& app) {
  std::vector<std::string> nodes;
  for (const auto& replica : app.replicas) nodes.push_back(replica.node);
  return nodes;
}

TEST(Replicas, NativeReadsThemInManifestOrderWithMaxLag) {
  auto manifest = parse({{"flocker.yaml", native("    replicas: [node3, node2]\n    max_lag: 5m\n")}});
  const auto& db = manifest.applications.at("db");
  EXPECT_THAT(replica_nodes(db), ElementsAre("node3", "node2"));
  EXPECT_EQ(db.replicas[0].where.line, 8);
  EXPECT_EQ(db.replicas[0].where.column, 16);
  EXPECT_EQ(db.replicas[1].where.column, 23);
  EXPECT_EQ(db.max_lag_seconds, 300);
  EXPECT_EQ(format_location(db.max_lag_where), "flocker.yaml:9:14");
}

TEST(Replicas, MaxLagDefaultsToFifteenMinutes) {
  auto manifest = parse({{"flocker.yaml", native("    replicas: [node2]\n")}});
  const auto& db = manifest.applications.at("db");
  EXPECT_THAT(replica_nodes(db), ElementsAre("node2"));
  EXPECT_EQ(db.max_lag_seconds, 15 * 60);
  EXPECT_EQ(db.max_lag_where.line, 0);
  const auto none = parse({{"flocker.yaml", native("")}});
  EXPECT_TRUE(none.applications.at("db").replicas.empty());
  EXPECT_EQ(none.applications.at("db").max_lag_seconds, kDefaultMaxLagSeconds);
}

TEST(Replicas, MaxLagForms) {
  for (const auto& [text, seconds] : std::vector<std::pair<std::string, long long>>{{"30s", 30},
                                                                                    {"2h", 7200},
                                                                                    {"1d", 86400},
                                                                                    {"1h30m", 5400},
                                                                                    {"90", 90},
                                                                                    {"1s", 1},
                                                                                    {"30d", 2592000}}) {
    auto manifest = parse({{"flocker.yaml", native("    replicas: [node2]\n    max_lag: " + text + "\n")}});
    EXPECT_EQ(manifest.applications.at("db").max_lag_seconds, seconds) << text;
  }
}

TEST(Replicas, TheDeployedNodeMayBeAReplica) {
  // Where the application runs now is the plan's to judge: it is how an application moves to its standby.
  auto manifest = parse({{"flocker.yaml", native("    replicas: [node1, node2]\n")}});
  EXPECT_THAT(replica_nodes(manifest.applications.at("db")), ElementsAre("node1", "node2"));
}

TEST(Replicas, ComposeReadsThemFromXFlocker) {
  auto manifest = parse({{"nodes.yaml", kNodes + "deployment:\n  node1: [db, web]\n"},
                         {"docker-compose.yml",
                          "services:\n  db:\n    image: postgres:16\n"
                          "    x-flocker: {replicas: [node2, node3], max_lag: 30s, secrets: [PASSWORD]}\n"
                          "    environment: {PASSWORD: pw}\n"
                          "  web:\n    image: nginx\n    x-flocker:\n      replicas: [node3]\n"}});
  const auto& db = manifest.applications.at("db");
  EXPECT_THAT(replica_nodes(db), ElementsAre("node2", "node3"));
  EXPECT_EQ(format_location(db.replicas[0].where), "docker-compose.yml:4:28");
  EXPECT_EQ(db.max_lag_seconds, 30);
  EXPECT_THAT(db.secret_environment, ElementsAre("PASSWORD"));
  const auto& web = manifest.applications.at("web");
  EXPECT_THAT(replica_nodes(web), ElementsAre("node3"));
  EXPECT_EQ(web.max_lag_seconds, kDefaultMaxLagSeconds);
}

TEST(ReplicasErrors, AnUnknownNodeIsAnErrorAtTheEntryWithAGuess) {
  EXPECT_THAT(errors_of(native("    replicas: [node2, nod3]\n")),
              ElementsAre("flocker.yaml:8:23: error: unknown node \"nod3\" in the replicas of application "
                          "\"db\" (did you mean \"node3\"?)"));
  EXPECT_THAT(errors_of(native("    replicas: [backup]\n")),
              ElementsAre("flocker.yaml:8:16: error: unknown node \"backup\" in the replicas of application "
                          "\"db\" (defined: node1, node2, node3)"));
}

TEST(ReplicasErrors, ANodeListedTwice) {
  EXPECT_THAT(errors_of(native("    replicas:\n      - node2\n      - node3\n      - node2\n")),
              ElementsAre("flocker.yaml:11:9: error: node \"node2\" is listed twice in the replicas of "
                          "application \"db\" (first at flocker.yaml:9:9): a node keeps one standby of an "
                          "application"));
}

TEST(ReplicasErrors, NotAListOfNames) {
  EXPECT_THAT(
      errors_of(native("    replicas: node2\n")),
      ElementsAre("flocker.yaml:8:15: error: \"replicas\" of application \"db\" must be a list of node "
                  "names such as [node2, node3], found a scalar"));
  EXPECT_THAT(
      errors_of(native("    replicas: [{node: node2}]\n")),
      ElementsAre("flocker.yaml:8:16: error: each entry of \"replicas\" of application \"db\" must be "
                  "a string, found a mapping"));
}

TEST(ReplicasErrors, MaxLagThatIsNotADurationSaysWhatIs) {
  for (const std::string bad : {"5x", "-1m", "m", "1.5h", "30m1h"})
    EXPECT_THAT(errors_of(native("    replicas: [node2]\n    max_lag: " + bad + "\n")),
                ElementsAre("flocker.yaml:9:14: error: \"max_lag\" of application \"db\" must be a duration "
                            "such as 30s, 5m, 2h or 1d (a whole number with s, m, h or d; combined as 1h30m; "
                            "a bare number is seconds), not \"" +
                            bad + "\""))
        << bad;
  EXPECT_THAT(errors_of(native("    max_lag: [5m]\n")),
              ElementsAre(HasSubstr("flocker.yaml:8:14: error: \"max_lag\" of application \"db\" must be a "
                                    "duration such as 30s, 5m, 2h or 1d")));
}

TEST(ReplicasErrors, MaxLagOutOfRange) {
  for (const std::string bad : {"0s", "0", "31d", "720h1s"})
    EXPECT_THAT(errors_of(native("    replicas: [node2]\n    max_lag: " + bad + "\n")),
                ElementsAre("flocker.yaml:9:14: error: \"max_lag\" of application \"db\" must be from 1s to "
                            "30d, not \"" +
                            bad + "\""))
        << bad;
}

TEST(ReplicasErrors, ComposeErrorsPointIntoXFlocker) {
  EXPECT_THAT(
      errors_of({{"nodes.yaml", kNodes + "deployment:\n  node1: [db]\n"},
                 {"docker-compose.yml",
                  "services:\n  db:\n    image: postgres:16\n"
                  "    x-flocker: {replicas: [nod2], max_lag: 31d, replica: [node3]}\n"}}),
      ElementsAre(
          "docker-compose.yml:4:44: error: x-flocker.max_lag of service \"db\" must be from 1s to 30d, not "
          "\"31d\"",
          "docker-compose.yml:4:49: error: unknown key \"replica\" in x-flocker of service \"db\" (did you "
          "mean \"replicas\"?)",
          "docker-compose.yml:4:28: error: unknown node \"nod2\" in the replicas of application \"db\" (did "
          "you mean \"node2\"?)"));
  EXPECT_THAT(errors_of({{"nodes.yaml", kNodes + "deployment:\n  node1: [db]\n"},
                         {"docker-compose.yml",
                          "services:\n  db:\n    image: postgres:16\n    x-flocker: {replicas: [nod2]}\n"}}),
              ElementsAre("docker-compose.yml:4:28: error: unknown node \"nod2\" in the replicas of "
                          "application \"db\" (did you mean \"node2\"?)"));
}

TEST(ReplicasErrors, Flocker0ApplicationsHaveNone) {
  const auto errors = errors_of({{"application.yml",
                                  "version: 1\napplications:\n  db:\n    image: postgres:16\n"
                                  "    volume: {mountpoint: /data}\n    replicas: [node2]\n"}});
  ASSERT_FALSE(errors.empty());
  EXPECT_THAT(errors.front(), HasSubstr("application.yml:6:5: error: unknown key \"replicas\""));
}

TEST(Bandwidth, ASizeInBytesPerSecondOrNoLimit) {
  auto limited = parse({{"flocker.yaml", native("", "transfer: {mode: relay, bandwidth: 50M}\n")}});
  EXPECT_EQ(limited.transfer.bandwidth, 50ull << 20);
  EXPECT_EQ(limited.transfer.mode, Transport::Relay);
  EXPECT_EQ(parse({{"flocker.yaml", native("", "transfer: {bandwidth: 1G}\n")}}).transfer.bandwidth,
            1ull << 30);
  EXPECT_EQ(parse({{"flocker.yaml", native("", "transfer: {bandwidth: 1024}\n")}}).transfer.bandwidth, 1024u);
  EXPECT_EQ(parse({{"flocker.yaml", native("", "transfer: {bandwidth: 0}\n")}}).transfer.bandwidth, 0u);
  EXPECT_EQ(parse({{"flocker.yaml", native("", "transfer: direct\n")}}).transfer.bandwidth, 0u);
  EXPECT_EQ(parse({{"flocker.yaml", native("")}}).transfer.bandwidth, 0u);
}

TEST(BandwidthErrors, NotASizeOrBelowTheLeast) {
  // transfer is on line 10; its value at column 23.
  EXPECT_THAT(errors_of(native("", "transfer: {bandwidth: fast}\n")),
              ElementsAre("flocker.yaml:10:23: error: transfer.bandwidth must be a size in bytes per second "
                          "such as 50M or 1G (K, M, G, T: powers of 1024), or 0 for no limit, not \"fast\""));
  EXPECT_THAT(
      errors_of(native("", "transfer: {bandwidth: 512}\n")),
      ElementsAre("flocker.yaml:10:23: error: transfer.bandwidth \"512\" is 512 bytes per second: the "
                  "least is 1K (1024 bytes per second), or 0 for no limit"));
  EXPECT_THAT(
      errors_of(native("", "transfer: {bandwidth: 1023b}\n")),
      ElementsAre(HasSubstr("flocker.yaml:10:23: error: transfer.bandwidth \"1023b\" is 1023 bytes per "
                            "second: the least is 1K")));
  EXPECT_THAT(errors_of(native("", "transfer: {bandwidth: -5M}\n")),
              ElementsAre(HasSubstr("flocker.yaml:10:23: error: transfer.bandwidth must be a size")));
  EXPECT_THAT(errors_of(native("", "transfer: {bandwith: 5M}\n")),
              ElementsAre("flocker.yaml:10:12: error: unknown key \"bandwith\" in transfer (did you mean "
                          "\"bandwidth\"?)"));
}

TEST(Normalized, ReplicasMaxLagAndBandwidthOnlyWhenSet) {
  const auto with =
      manifest_to_json(parse({{"flocker.yaml", native("    replicas: [node3, node2]\n    max_lag: 1h\n",
                                                      "transfer: {bandwidth: 50M}\n")}}));
  EXPECT_EQ(with["applications"]["db"]["replicas"], nlohmann::json::array({"node3", "node2"}));
  EXPECT_EQ(with["applications"]["db"]["max_lag_seconds"], 3600);
  EXPECT_EQ(with["transfer"]["bandwidth"], "50M");
  const auto without = manifest_to_json(parse({{"flocker.yaml", native("    max_lag: 1h\n")}}));
  EXPECT_FALSE(without["applications"]["db"].contains("replicas"));
  EXPECT_FALSE(without["applications"]["db"].contains("max_lag_seconds"));
  EXPECT_FALSE(without["transfer"].contains("bandwidth"));
}

}  // namespace
}  // namespace flocker
