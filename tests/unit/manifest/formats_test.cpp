// Golden: a native file, a docker-compose file and a Flocker 0.x pair that
// describe the same cluster give the same normalized model and the same plan.
#include <gtest/gtest.h>

#include "manifest/load.hpp"
#include "manifest/normalized.hpp"
#include "plan/diff.hpp"
#include "plan/render.hpp"
#include "support/fake_host.hpp"
#include "support/golden.hpp"

namespace flocker {
namespace {

using testing::compare_with_golden;
using testing::read_test_file;

std::optional<std::string> golden_environment(const std::string& name) {
  if (name == "DB_PASSWORD") return "s3cret-value";
  return std::nullopt;
}

Manifest load_set(const std::vector<std::string>& files) {
  std::vector<ManifestSource> sources;
  for (const auto& file : files) sources.push_back({file, read_test_file("golden/formats/" + file)});
  auto manifest = parse_manifest(sources, golden_environment);
  if (!manifest) throw std::runtime_error(format_diagnostic(manifest.error().front()));
  return *manifest;
}

const std::vector<std::vector<std::string>> kSets = {
    {"native.yaml"},
    {"nodes.yaml", "placement.yaml", "docker-compose.yml"},
    {"nodes.yaml", "deployment.yml", "application.yml"},
};

Observed fresh_nodes() {
  Observed observed;
  for (const std::string name : {"node1", "node2"})
    observed.nodes[name] =
        NodeState{.node = name, .reachable = true, .zfs_root = "tank/flocker", .root_exists = true};
  return observed;
}

TEST(ManifestFormats, SameNormalizedModel) {
  const auto expected = manifest_to_json(load_set(kSets.front())).dump(2) + "\n";
  auto diffs = compare_with_golden("formats/normalized.json", expected);
  EXPECT_TRUE(diffs.empty()) << diffs;
  for (const auto& set : kSets)
    EXPECT_EQ(manifest_to_json(load_set(set)).dump(2) + "\n", expected) << set.back();
}

TEST(ManifestFormats, SamePlan) {
  auto first = diff(load_set(kSets.front()), fresh_nodes());
  ASSERT_TRUE(first) << first.error().message;
  const auto expected = render_plan_text(*first, Style{});
  auto diffs = compare_with_golden("formats/plan.txt", expected);
  EXPECT_TRUE(diffs.empty()) << diffs;
  for (const auto& set : kSets) {
    auto plan = diff(load_set(set), fresh_nodes());
    ASSERT_TRUE(plan) << plan.error().message;
    EXPECT_EQ(render_plan_text(*plan, Style{}), expected) << set.back();
    EXPECT_EQ(plan_fingerprint(*plan), plan_fingerprint(*first)) << set.back();
  }
}

TEST(ManifestFormats, SecretsAreMaskedInTheModelAndThePlan) {
  const auto manifest = load_set(kSets[1]);
  EXPECT_EQ(manifest.applications.at("db").environment.at("POSTGRES_PASSWORD"), "s3cret-value");
  EXPECT_EQ(manifest_to_json(manifest).dump().find("s3cret-value"), std::string::npos);
  auto plan = diff(manifest, fresh_nodes());
  ASSERT_TRUE(plan);
  EXPECT_EQ(render_plan_text(*plan, Style{}).find("s3cret-value"), std::string::npos);
  EXPECT_EQ(plan_to_json(*plan).dump().find("s3cret-value"), std::string::npos);
  for (const auto& step : plan->steps)
    for (const auto& [label, value] : step.run.labels)
      EXPECT_EQ(value.find("s3cret-value"), std::string::npos) << label;
}

}  // namespace
}  // namespace flocker

namespace flocker {
namespace {

TEST(Examples, EveryExampleIsValid) {
  for (const auto& set : std::vector<std::vector<std::string>>{
           {"quickstart/flocker.yaml"},
           {"replicas/flocker.yaml"},
           {"compose/nodes.yaml", "compose/docker-compose.yml"},
           {"flocker0/nodes.yaml", "flocker0/deployment.yml", "flocker0/application.yml"},
           {"stateful-move/app.yaml", "stateful-move/on-node1.yaml"},
           {"stateful-move/app.yaml", "stateful-move/on-node2.yaml"}}) {
    std::vector<ManifestSource> sources;
    for (const auto& file : set) sources.push_back({file, read_test_file("../examples/" + file)});
    auto manifest = parse_manifest(sources, [](const std::string&) { return std::nullopt; });
    EXPECT_TRUE(manifest) << (manifest ? "" : format_diagnostic(manifest.error().front()));
  }
}

}  // namespace
}  // namespace flocker
