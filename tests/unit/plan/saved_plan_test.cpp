#include "plan/saved_plan.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plan/render.hpp"
#include "support/golden.hpp"
#include "util/sha256.hpp"

namespace flocker {
namespace {

const std::string kAppsDigest = sha256_hex("applications: {}");
const std::string kNodesDigest = sha256_hex("nodes: {}");

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

Observed one_node() {
  Observed observed;
  observed.nodes["node1"] =
      NodeState{.node = "node1", .reachable = true, .zfs_root = "tank/flocker", .root_exists = true};
  observed.nodes["node1"].containers.push_back({.name = "flocker--web",
                                                .id = "1",
                                                .image = "local/busybox:1",
                                                .state = "running",
                                                .app = "web",
                                                .config_hash = "h"});
  return observed;
}

Plan one_step() {
  Plan plan;
  plan.steps.push_back({.kind = StepKind::RemoveContainer,
                        .node = "node1",
                        .app = "web",
                        .target = "flocker--web",
                        .reason = "application web is no longer in the manifest; its data stays",
                        .reason_code = ReasonCode::NotInManifest});
  return plan;
}

SavedPlan saved() {
  return make_saved_plan(one_step(), one_node(),
                         {.manifests = {{"apps.yaml", kAppsDigest}, {"nodes.yaml", kNodesDigest}},
                          .targets = {"web"},
                          .allow_destroy = true,
                          .flocker_version = "0.1.0 (test)",
                          .created_at = "2026-11-27T21:00:00Z"});
}

CurrentState unchanged(const Observed& observed) {
  return {{{"apps.yaml", kAppsDigest}, {"nodes.yaml", kNodesDigest}},
          &observed,
          plan_digest(one_step()),
          "0.1.0 (test)"};
}

TEST(SavedPlan, SurvivesItsJson) {
  auto original = saved();
  auto text = saved_plan_to_json(original).dump(2);
  ASSERT_TRUE(looks_like_saved_plan(text));
  auto read = saved_plan_from_json(nlohmann::json::parse(text), "release.plan");
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->flocker_version, "0.1.0 (test)");
  EXPECT_EQ(read->created_at, "2026-11-27T21:00:00Z");
  ASSERT_EQ(read->manifests.size(), 2u);
  EXPECT_EQ(read->manifests[1].path, "nodes.yaml");
  EXPECT_THAT(read->targets, ElementsAre("web"));
  EXPECT_TRUE(read->allow_destroy);
  EXPECT_EQ(read->nodes.at("node1").sha256, original.nodes.at("node1").sha256);
  EXPECT_EQ(read->plan_sha256, original.plan_sha256);
  EXPECT_EQ(read->plan, plan_to_json(one_step()));
}

// The file format is documented by docs/schema/saved-plan.schema.json, which
// the json_schemas test checks this golden file against.
TEST(SavedPlan, FileFormat) {
  auto diffs = testing::compare_with_golden("saved_plan.json", saved_plan_to_json(saved()).dump(2) + "\n");
  EXPECT_TRUE(diffs.empty()) << diffs;
}

TEST(SavedPlan, ManifestsAreNotMistakenForSavedPlans) {
  EXPECT_FALSE(looks_like_saved_plan("nodes:\n  node1: {pool: tank}\n"));
  EXPECT_FALSE(looks_like_saved_plan(R"({"nodes": {"node1": {"pool": "tank"}}})"));
  EXPECT_FALSE(looks_like_saved_plan(""));
}

TEST(SavedPlan, OtherFilesAndVersionsAreRefusedClearly) {
  auto not_a_plan = saved_plan_from_json(nlohmann::json{{"nodes", 1}}, "x.json");
  ASSERT_FALSE(not_a_plan);
  EXPECT_EQ(not_a_plan.error().message, "x.json is not a plan saved by `flocker plan -out`");
  auto json = saved_plan_to_json(saved());
  json["format_version"] = 7;
  auto newer = saved_plan_from_json(json, "p");
  ASSERT_FALSE(newer);
  EXPECT_THAT(newer.error().message, HasSubstr("format version 7"));
  json = saved_plan_to_json(saved());
  json.erase("nodes");
  auto damaged = saved_plan_from_json(json, "p");
  ASSERT_FALSE(damaged);
  EXPECT_THAT(damaged.error().message, HasSubstr("p is a damaged saved plan"));
}

TEST(SavedPlan, HoldsWhenNothingChanged) {
  auto observed = one_node();
  observed.nodes["node1"].datasets.clear();
  EXPECT_THAT(stale_reasons(saved(), unchanged(observed)), IsEmpty());
}

TEST(SavedPlan, AChangedOrMissingManifestMakesItStale) {
  auto observed = one_node();
  auto now = unchanged(observed);
  now.manifest_sha256["apps.yaml"] = sha256_hex("applications: {web: {}}");
  now.manifest_sha256.erase("nodes.yaml");
  EXPECT_THAT(stale_reasons(saved(), now), ElementsAre("manifest apps.yaml changed since the plan was made",
                                                       "manifest nodes.yaml can no longer be read"));
}

TEST(SavedPlan, AChangedNodeMakesItStaleAndSaysWhatChanged) {
  auto observed = one_node();
  observed.nodes["node1"].containers[0].state = "exited";
  auto reasons = stale_reasons(saved(), unchanged(observed));
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_THAT(reasons[0], HasSubstr("node node1 changed since the plan was made:"));
  EXPECT_THAT(
      reasons[0],
      HasSubstr("- container flocker--web app=web image=local/busybox:1 state=running config=h id=1"));
  EXPECT_THAT(reasons[0],
              HasSubstr("+ container flocker--web app=web image=local/busybox:1 state=exited config=h id=1"));
}

TEST(SavedPlan, AContainerRecreatedByHandWithTheSameLabelsMakesItStale) {
  auto observed = one_node();
  observed.nodes["node1"].containers[0].id = "2";
  auto reasons = stale_reasons(saved(), unchanged(observed));
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_THAT(
      reasons[0],
      HasSubstr("- container flocker--web app=web image=local/busybox:1 state=running config=h id=1"));
  EXPECT_THAT(
      reasons[0],
      HasSubstr("+ container flocker--web app=web image=local/busybox:1 state=running config=h id=2"));
}

TEST(SavedPlan, ADifferentPlanMakesItStale) {
  auto observed = one_node();
  auto now = unchanged(observed);
  now.plan_sha256 = "other";
  now.flocker_version = "0.2.0";
  EXPECT_THAT(
      stale_reasons(saved(), now),
      ElementsAre("the plan made now differs from the saved one, though the manifest files and the nodes are "
                  "as they were: values the manifest takes from the environment (${VAR}) differ from when "
                  "the plan was made, or flocker 0.2.0 plans differently from flocker 0.1.0 (test), which "
                  "made it"));
}

TEST(SavedPlan, WithTheSameFlockerADifferentPlanBlamesTheManifestsValues) {
  // Same files and nodes, same flocker: a ${VAR} changed (perhaps a secret,
  // whose value is never shown).
  auto observed = one_node();
  auto now = unchanged(observed);
  now.plan_sha256 = "other";
  auto reasons = stale_reasons(saved(), now);
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_THAT(reasons[0], HasSubstr("values the manifest takes from the environment (${VAR}) differ"));
  EXPECT_THAT(reasons[0], ::testing::Not(HasSubstr("flocker 0.1.0")));
}

}  // namespace
}  // namespace flocker
