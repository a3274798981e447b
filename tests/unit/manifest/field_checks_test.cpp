#include "manifest/field_checks.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "manifest/load.hpp"
#include "manifest/names.hpp"
#include "util/text.hpp"

namespace flocker {
namespace {

TEST(FieldChecks, ImageReferencesFollowDockersGrammar) {
  for (const char* good : {"busybox", "local/busybox:1", "postgres:16", "ghcr.io/org/app:v1.2_3",
                           "localhost:5000/a/b", "[::1]:5000/app", "a__b/c-d---e.f:latest",
                           "busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    EXPECT_EQ(check_image_reference(good), std::nullopt) << good;
  for (const char* bad : {"", "-oops", "Nginx", "nginx:", "nginx:.x", "a..b", "a/-b", "a_b_/c", "r.io:x/app",
                          "app@sha256:abc", "app@sha256", "app name", "app/"})
    EXPECT_NE(check_image_reference(bad), std::nullopt) << bad;
  EXPECT_NE(check_image_reference(std::string(300, 'a')), std::nullopt);
  EXPECT_NE(check_image_reference("app:" + std::string(129, 'a')), std::nullopt);
}

TEST(FieldChecks, HostsAndUsersCannotBecomeOptions) {
  EXPECT_EQ(check_host("node1.example.com"), std::nullopt);
  EXPECT_EQ(check_host("my_alias"), std::nullopt);
  EXPECT_EQ(check_host("fe80::1"), std::nullopt);
  EXPECT_NE(check_host("-oProxyCommand=x"), std::nullopt);
  EXPECT_NE(check_host("a b"), std::nullopt);
  EXPECT_NE(check_host(""), std::nullopt);
  EXPECT_EQ(check_user("deploy"), std::nullopt);
  EXPECT_EQ(check_user("svc.flocker-1"), std::nullopt);
  EXPECT_NE(check_user("-i"), std::nullopt);
  EXPECT_NE(check_user("a;b"), std::nullopt);
  EXPECT_NE(check_user(std::string(33, 'a')), std::nullopt);
}

TEST(FieldChecks, ScalarsHaveNoControlCharactersAndABoundedLength) {
  EXPECT_EQ(check_scalar_text("line one\n\tline two"), std::nullopt);
  EXPECT_NE(check_scalar_text(std::string("a\0b", 3)), std::nullopt);
  EXPECT_NE(check_scalar_text("\x1b[31m"), std::nullopt);
  EXPECT_NE(check_scalar_text("a\rb"), std::nullopt);
  EXPECT_EQ(check_scalar_text(std::string(kMaxValueLength, 'x')), std::nullopt);
  EXPECT_NE(check_scalar_text(std::string(kMaxValueLength + 1, 'x')), std::nullopt);
}

TEST(FieldChecks, LabelKeysAndSecretNames) {
  EXPECT_EQ(check_label_key("com.example.team"), std::nullopt);
  EXPECT_NE(check_label_key("team name"), std::nullopt);
  EXPECT_NE(check_label_key("a=b"), std::nullopt);
  EXPECT_NE(check_label_key(""), std::nullopt);
  EXPECT_EQ(check_secret_name("DB_PASSWORD"), std::nullopt);
  EXPECT_NE(check_secret_name("#TOKEN"), std::nullopt);
  EXPECT_NE(check_secret_name("PASSWÖRD"), std::nullopt);
}

TEST(FieldChecks, MountpointsOverKernelInterfacesAreRefused) {
  for (const char* bad : {"/", "/proc", "/proc/x", "/sys", "/sys/fs/cgroup", "/dev", "/dev/shm"})
    EXPECT_NE(check_mountpoint(bad), std::nullopt) << bad;
  for (const char* good : {"/data", "/devices", "/system", "/var/proc"})
    EXPECT_EQ(check_mountpoint(good), std::nullopt) << good;
}

TEST(ClosestMatch, StaysCheapOnManyFarCandidates) {
  std::vector<std::string> names;
  for (int i = 0; i < 50000; ++i) names.push_back("application-number-" + std::to_string(i));
  EXPECT_EQ(closest_match("application-number-4999x", names), "application-number-4999");
  EXPECT_EQ(closest_match(std::string(5000, 'q'), names), std::nullopt);
}

TEST(ManifestLimits, AFileOverTheSizeLimitIsAnErrorNamingTheFileAndTheLimit) {
  auto manifest = parse_manifest({{"huge.yaml", std::string(kMaxManifestBytes + 1, '#')}});
  ASSERT_FALSE(manifest);
  ASSERT_EQ(manifest.error().size(), 1u);
  EXPECT_EQ(
      format_diagnostic(manifest.error()[0]),
      "huge.yaml: error: the manifest has 16777217 bytes, more than flocker reads (16.0 MiB): is it the "
      "right file?");
}

TEST(ManifestLimits, ManyErrorsAreCutToTheFirstOnesAndACount) {
  std::string text = "nodes:\n  node1: {pool: tank}\napplications:\n";
  std::string deployed;
  for (int i = 0; i < 5000; ++i) {
    text += "  app" + std::to_string(i) + ": {image: \"Bad:1\"}\n";
    deployed += (i ? ", app" : "app") + std::to_string(i);
  }
  text += "deployment:\n  node1: [" + deployed + "]\n";
  auto manifest = parse_manifest({{"many.yaml", text}});
  ASSERT_FALSE(manifest);
  ASSERT_EQ(manifest.error().size(), kMaxDiagnostics + 1);
  EXPECT_EQ(manifest.error().back().message, "… and 4900 more errors");
}

TEST(ManifestLimits, StartOrderOfALongChainIsNotQuadratic) {
  std::string text = "nodes:\n  node1: {pool: tank}\napplications:\n";
  std::string deployed;
  const int count = 20000;
  for (int i = 0; i < count; ++i) {
    text += "  a" + std::to_string(i) + ": {image: \"busybox\"";
    if (i > 0) text += ", depends_on: [a" + std::to_string(i - 1) + "]";
    text += "}\n";
    deployed += (i ? ", a" : "a") + std::to_string(i);
  }
  text += "deployment:\n  node1: [" + deployed + "]\n";
  auto manifest = parse_manifest({{"chain.yaml", text}});
  ASSERT_TRUE(manifest) << format_diagnostic(manifest.error().front());
  ASSERT_EQ(manifest->start_order.size(), static_cast<size_t>(count));
  EXPECT_EQ(manifest->start_order.front(), "a0");
  EXPECT_EQ(manifest->start_order.back(), "a" + std::to_string(count - 1));
}

}  // namespace
}  // namespace flocker
