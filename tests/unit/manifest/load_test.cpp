#include "manifest/load.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace flocker {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

const char* kValid = R"(version: 1
nodes:
  node1:
    host: node1
    pool: tank
  node2:
    host: 10.0.0.2
    port: 2222
    user: deploy
    root: data/apps
    sudo: true
applications:
  web:
    image: local/busybox:1
    command: httpd -f -p 8080 -h /www
    environment:
      GREETING: hello
      COUNT: 3
    volumes:
      www: /www
      logs:
        mountpoint: /var/log/web
  db:
    image: postgres:16
    command: ["postgres", "-c", "fsync=on"]
    stop_timeout: 60
deployment:
  node1: [web]
  node2: [db]
)";

std::vector<std::string> errors_of(std::vector<ManifestSource> sources) {
  auto manifest = parse_manifest(sources);
  if (manifest) return {};
  std::vector<std::string> lines;
  for (const auto& diagnostic : manifest.error()) lines.push_back(format_diagnostic(diagnostic));
  return lines;
}

std::vector<std::string> errors_of(const std::string& text) {
  return errors_of({{"flocker.yaml", text}});
}

std::string with_apps(const std::string& applications, const std::string& deployment = "  node1: [web]\n") {
  return "nodes:\n  node1:\n    pool: tank\napplications:\n" + applications + "deployment:\n" + deployment;
}

TEST(Manifest, ReadsEveryField) {
  auto manifest = parse_manifest({{"flocker.yaml", kValid}});
  ASSERT_TRUE(manifest) << manifest.error().front().message;
  const auto& node1 = manifest->nodes.at("node1");
  EXPECT_EQ(node1.host, "node1");
  EXPECT_EQ(node1.zfs_root, "tank/flocker");
  EXPECT_FALSE(node1.port);
  const auto& node2 = manifest->nodes.at("node2");
  EXPECT_EQ(node2.host, "10.0.0.2");
  EXPECT_EQ(node2.port, 2222);
  EXPECT_EQ(node2.user, "deploy");
  EXPECT_EQ(node2.zfs_root, "data/apps");
  EXPECT_TRUE(node2.sudo);
  const auto& web = manifest->applications.at("web");
  EXPECT_EQ(web.image, "local/busybox:1");
  EXPECT_THAT(web.command, ElementsAre("httpd", "-f", "-p", "8080", "-h", "/www"));
  EXPECT_EQ(web.environment.at("COUNT"), "3");
  ASSERT_EQ(web.volumes.size(), 2u);
  EXPECT_EQ(web.volumes[0].name, "www");
  EXPECT_EQ(web.volumes[1].mountpoint, "/var/log/web");
  EXPECT_THAT(manifest->applications.at("db").command, ElementsAre("postgres", "-c", "fsync=on"));
  EXPECT_EQ(manifest->applications.at("db").stop_timeout, 60);
  EXPECT_FALSE(web.stop_timeout);
  EXPECT_EQ(manifest->node_of("db"), "node2");
}

TEST(Manifest, TransferSettingsAndAddresses) {
  auto manifest = parse_manifest({{"m.yaml",
                                   "nodes:\n  node1: {pool: tank, transfer_address: 10.1.0.1}\n"
                                   "  node2: {pool: tank, transfer_address: 'backup.lan:2222'}\n"
                                   "applications:\n  web: {image: x}\ndeployment:\n  node1: [web]\n"
                                   "transfer: {mode: relay, compression: lz4, buffer: off}\n"}});
  ASSERT_TRUE(manifest) << manifest.error().front().message;
  EXPECT_EQ(manifest->nodes.at("node1").transfer_address.host, "10.1.0.1");
  EXPECT_FALSE(manifest->nodes.at("node1").transfer_address.port);
  EXPECT_EQ(manifest->nodes.at("node2").transfer_address.host, "backup.lan");
  EXPECT_EQ(manifest->nodes.at("node2").transfer_address.port, 2222);
  EXPECT_EQ(
      manifest->transfer,
      (TransferSettings{.mode = Transport::Relay, .compression = CompressionChoice::Lz4, .buffer = false}));
  auto plain = parse_manifest({{"m.yaml", with_apps("  web:\n    image: x\n") + "transfer: relay\n"}});
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->transfer, TransferSettings{.mode = Transport::Relay});
}

TEST(ManifestErrors, TransferAddressNeedsAHostAndAPort) {
  for (const auto* bad : {"10.0.0.1:0", "10.0.0.1:ssh", ":22", "10.0.0.1:99999", "user@10.0.0.1",
                          "-oProxyCommand=x", "a;b", "$(x)"})
    EXPECT_THAT(errors_of(fmt::format("nodes:\n  node1: {{pool: tank, transfer_address: '{}'}}\n", bad)),
                ElementsAre(HasSubstr("\"transfer_address\" of node \"node1\" must be HOST")))
        << bad;
}

TEST(Manifest, HostDefaultsToTheNodeName) {
  auto manifest = parse_manifest({{"m.yaml", with_apps("  web:\n    image: x\n")}});
  ASSERT_TRUE(manifest);
  EXPECT_EQ(manifest->nodes.at("node1").host, "node1");
}

TEST(Manifest, MergesSeveralFiles) {
  auto manifest = parse_manifest(
      {{"nodes.yaml", "nodes:\n  node1:\n    pool: tank\n"},
       {"apps.yaml", "version: 1\napplications:\n  web:\n    image: x\ndeployment:\n  node1: [web]\n"}});
  ASSERT_TRUE(manifest);
  EXPECT_EQ(manifest->node_of("web"), "node1");
}

TEST(ManifestErrors, EmptyFile) {
  EXPECT_THAT(errors_of("  \n"), ElementsAre(HasSubstr("flocker.yaml:1:1: error: the file is empty")));
}

TEST(ManifestErrors, NotYaml) {
  EXPECT_THAT(errors_of("nodes:\n  node1: [unclosed\n"),
              ElementsAre(HasSubstr("flocker.yaml:3:1: error: not valid YAML")));
}

TEST(ManifestErrors, NotAMapping) {
  EXPECT_THAT(errors_of("- just\n- a list\n"),
              ElementsAre("flocker.yaml:1:1: error: a manifest is a mapping with `nodes`, `applications` and "
                          "`deployment`, found a list"));
}

TEST(ManifestErrors, UnknownTopLevelKey) {
  EXPECT_THAT(errors_of("nodes:\n  node1:\n    pool: tank\napplication: {}\n"),
              ElementsAre("flocker.yaml:4:1: error: unknown key \"application\" in the manifest (did you "
                          "mean \"applications\"?)"));
}

TEST(ManifestErrors, UnknownApplicationKeyWithSuggestion) {
  EXPECT_THAT(
      errors_of(with_apps("  web:\n    imgae: x\n")),
      ElementsAre(
          "flocker.yaml:6:5: error: unknown key \"imgae\" in application \"web\" (did you mean \"image\"?)",
          "flocker.yaml:5:3: error: application \"web\" needs an image"));
}

TEST(ManifestErrors, UnknownNodeKey) {
  EXPECT_THAT(errors_of("nodes:\n  node1:\n    pool: tank\n    flavour: x\n"),
              ElementsAre("flocker.yaml:4:5: error: unknown key \"flavour\" in node \"node1\" (known keys: "
                          "host, port, user, address, transfer_address, pool, root, sudo)"));
}

TEST(ManifestErrors, WrongTypes) {
  EXPECT_THAT(errors_of("nodes:\n  node1:\n    pool: tank\n    port: ssh\n    sudo: maybe\n"),
              ElementsAre("flocker.yaml:4:11: error: \"port\" of node \"node1\" must be a whole number from "
                          "1 to 65535, found \"ssh\"",
                          "flocker.yaml:5:11: error: \"sudo\" of node \"node1\" must be true or false"));
  EXPECT_THAT(
      errors_of(with_apps("  web:\n    image: [a, b]\n    environment: [A=1]\n")),
      ElementsAre("flocker.yaml:6:12: error: \"image\" of application \"web\" must be a string, found a list",
                  "flocker.yaml:7:18: error: \"environment\" of application \"web\" must be a mapping, found "
                  "a list"));
}

TEST(ManifestErrors, PortOutOfRange) {
  EXPECT_THAT(
      errors_of("nodes:\n  node1:\n    pool: tank\n    port: 70000\n"),
      ElementsAre(HasSubstr(
          "flocker.yaml:4:11: error: \"port\" of node \"node1\" must be a whole number from 1 to 65535")));
}

TEST(ManifestErrors, DuplicateKey) {
  EXPECT_THAT(errors_of(with_apps("  web:\n    image: x\n    image: y\n")),
              ElementsAre("flocker.yaml:7:5: error: duplicate key \"image\" in application \"web\""));
}

TEST(ManifestErrors, ApplicationDeployedTwice) {
  auto text =
      "nodes:\n  node1:\n    pool: tank\n  node2:\n    pool: tank\napplications:\n  web:\n    image: x\n"
      "deployment:\n  node1: [web]\n  node2: [web]\n";
  EXPECT_THAT(errors_of(text),
              ElementsAre("flocker.yaml:11:11: error: application \"web\" is deployed twice: on \"node2\" "
                          "here and on \"node1\" at flocker.yaml:10:11; an application runs on one node"));
}

TEST(ManifestErrors, ApplicationNotDeployed) {
  EXPECT_THAT(
      errors_of(with_apps("  web:\n    image: x\n  api:\n    image: y\n")),
      ElementsAre("flocker.yaml:7:3: error: application \"api\" is not deployed on any node: list it under "
                  "`deployment` (for compose and Flocker 0.x application files, in a file given with it)"));
}

TEST(ManifestErrors, UnknownNodeInDeployment) {
  EXPECT_THAT(errors_of(with_apps("  web:\n    image: x\n", "  node1: [web]\n  nod2: []\n")),
              ElementsAre("flocker.yaml:9:3: error: unknown node \"nod2\" (did you mean \"node1\"?)"));
}

TEST(ManifestErrors, UnknownApplicationInDeployment) {
  EXPECT_THAT(errors_of(with_apps("  web:\n    image: x\n", "  node1: [web, wbe]\n")),
              ElementsAre("flocker.yaml:8:16: error: unknown application \"wbe\" (did you mean \"web\"?)"));
}

TEST(ManifestErrors, InvalidApplicationName) {
  EXPECT_THAT(errors_of(with_apps("  Web.App:\n    image: x\n", "  node1: [Web.App]\n")),
              ElementsAre(HasSubstr("flocker.yaml:5:3: error: invalid application name \"Web.App\": "
                                    "application names use lower-case letters")));
}

TEST(ManifestErrors, InvalidVolumeName) {
  EXPECT_THAT(errors_of(with_apps("  web:\n    image: x\n    volumes:\n      my.data: /data\n")),
              ElementsAre(HasSubstr(
                  "flocker.yaml:8:7: error: invalid volume name \"my.data\" in application \"web\"")));
}

TEST(ManifestErrors, InvalidNodeAndPoolNames) {
  EXPECT_THAT(
      errors_of("nodes:\n  -node:\n    pool: 1tank\n"),
      ElementsAre(HasSubstr("flocker.yaml:2:3: error: invalid node name \"-node\""),
                  "flocker.yaml:3:11: error: invalid pool name \"1tank\": a pool name starts with a letter"));
}

TEST(ManifestErrors, InvalidRootDataset) {
  EXPECT_THAT(errors_of("nodes:\n  node1:\n    root: tank//x\n"),
              ElementsAre(HasSubstr("flocker.yaml:3:11: error: invalid root dataset \"tank//x\"")));
}

TEST(ManifestErrors, NodeWithoutPool) {
  EXPECT_THAT(errors_of("nodes:\n  node1:\n    host: a\n"),
              ElementsAre("flocker.yaml:2:3: error: node \"node1\" needs a pool (`pool: tank`) or a root "
                          "dataset (`root: tank/flocker`)"));
}

TEST(ManifestErrors, TwoVolumesOnOneMountpoint) {
  EXPECT_THAT(errors_of(with_apps("  web:\n    image: x\n    volumes:\n      a: /data\n      b: /data\n")),
              ElementsAre("flocker.yaml:9:7: error: volumes \"a\" and \"b\" of application \"web\" are both "
                          "mounted on /data"));
}

TEST(ManifestErrors, RelativeMountpoint) {
  EXPECT_THAT(errors_of(with_apps("  web:\n    image: x\n    volumes:\n      a: data\n")),
              ElementsAre("flocker.yaml:8:10: error: invalid mountpoint of volume \"a\" in application "
                          "\"web\" \"data\": a mountpoint is an absolute path such as /data"));
}

TEST(ManifestErrors, UnsupportedVersion) {
  EXPECT_THAT(
      errors_of("version: 2\nnodes:\n  node1:\n    pool: tank\n"),
      ElementsAre(
          "flocker.yaml:1:10: error: manifest version 2 is not supported: this flocker reads version 1"));
}

TEST(ManifestErrors, NoNodes) {
  EXPECT_THAT(errors_of("applications: {}\n"),
              ElementsAre("flocker.yaml:1:1: error: no nodes are defined: add a `nodes` section"));
}

TEST(ManifestErrors, DuplicateNodeAcrossFiles) {
  EXPECT_THAT(errors_of({{"a.yaml", "nodes:\n  node1:\n    pool: tank\n"},
                         {"b.yaml", "nodes:\n  node1:\n    pool: tank\n"}}),
              ElementsAre("b.yaml:2:3: error: node \"node1\" is already defined at a.yaml:2:3"));
}

TEST(ManifestErrors, AllErrorsAreReportedAtOnce) {
  auto errors = errors_of(with_apps("  web:\n    imgae: x\n  API:\n    image: y\n", "  node9: [web]\n"));
  EXPECT_EQ(errors.size(), 5u) << ::testing::PrintToString(errors);
}

TEST(ManifestErrors, UnreadableFile) {
  auto manifest = load_manifest({"/nonexistent/flocker.yaml"});
  ASSERT_FALSE(manifest);
  EXPECT_EQ(format_diagnostic(manifest.error().front()),
            "/nonexistent/flocker.yaml: error: cannot read the manifest: No such file or directory");
}

}  // namespace
}  // namespace flocker
