#include "state/docker_parse.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "remote/docker_commands.hpp"
#include "support/fake_host.hpp"

namespace flocker {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using VolumesOf = std::map<std::string, std::vector<std::string>>;

// As docker 20.10 answers docker::image_volumes (tests/fixtures/docker/record.sh).
TEST(ImageVolumes, ReadsOneLinePerImageInTheOrderAsked) {
  const std::vector<std::string> images = {"local/volume:1", "local/busybox:1", "local/volume:2"};
  EXPECT_EQ(docker::image_volumes(images),
            (Argv{"docker", "image", "inspect", "--format", "{{json .Config.Volumes}}", "local/volume:1",
                  "local/busybox:1", "local/volume:2"}));
  EXPECT_EQ(parse_image_volumes(images, testing::docker_fixture("21-image-volumes")),
            (VolumesOf{{"local/volume:1", {"/data"}},
                       {"local/busybox:1", {}},
                       {"local/volume:2", {"/logs", "/var/lib/db/"}}}));
}

TEST(ImageVolumes, AMissingImageIsLeftOutAndTheOthersAreRead) {
  // docker exits 1, prints the images it has and names the others on stderr.
  EXPECT_EQ(parse_image_volumes({"local/volume:1", "local/nosuch:1", "local/busybox:1", "local/nosuch:2"},
                                testing::docker_fixture("22-image-volumes-missing")),
            (VolumesOf{{"local/volume:1", {"/data"}}, {"local/busybox:1", {}}}));
  EXPECT_THAT(
      parse_image_volumes({"local/nosuch:1"}, testing::docker_fixture("23-image-volumes-all-missing")),
      IsEmpty());
}

TEST(ImageVolumes, WhatDoesNotLineUpOrFailsOtherwiseGivesNothing) {
  // One line for two images: which is which cannot be told.
  EXPECT_THAT(parse_image_volumes({"a:1", "b:1"}, {0, "{\"/data\":{}}\n", ""}), IsEmpty());
  EXPECT_THAT(parse_image_volumes({"a:1"}, testing::docker_fixture("14-daemon-unreachable")), IsEmpty());
  EXPECT_THAT(parse_image_volumes({"a:1"}, {0, "", ""}), IsEmpty());  // a fake host's silence
}

TEST(ImageVolumes, WhatANodeSaysIsCheckedAndBounded) {
  // Not JSON, or not an object: that image is left out, the others kept.
  EXPECT_EQ(parse_image_volumes({"a:1", "b:1", "c:1", "d:1"},
                                {0, "{\"/data\n[\"/x\"]\n\"/y\"\n{\"/ok\":{}}\n", ""}),
            (VolumesOf{{"d:1", {"/ok"}}}));
  // Relative paths, control characters and overlong paths are dropped.
  const std::string long_path = "/" + std::string(kMaxImageVolumePathLength, 'a');
  const std::string line = "{\"relative\":{},\"/esc\\u001b[31m\":{},\"/tab\\there\":{},\"" + long_path +
                           "\":{},\"/kept\":{},\"/sp ace\":{}}\n";
  EXPECT_EQ(parse_image_volumes({"a:1"}, {0, line, ""}), (VolumesOf{{"a:1", {"/kept", "/sp ace"}}}));
  // At most kMaxImageVolumePaths paths an image, and a bounded line.
  std::string many = "{";
  for (size_t i = 0; i < 2 * kMaxImageVolumePaths; ++i)
    many += fmt::format("{}\"/p{:04}\":{{}}", i ? "," : "", i);
  many += "}\n";
  EXPECT_EQ(parse_image_volumes({"a:1"}, {0, many, ""}).at("a:1").size(), kMaxImageVolumePaths);
  const std::string huge = "{\"/" + std::string(kMaxImageVolumesLine, 'a') + "\":{}}\n";
  EXPECT_THAT(parse_image_volumes({"a:1"}, {0, huge, ""}), IsEmpty());
}

TEST(DockerPs, ReadsTheFormatFlockerAsksFor) {
  // As docker 20.10 prints it for docker_ps_format(); the config label is JSON.
  auto containers = parse_docker_ps(
      "flocker--web\t4f1c2d\tlocal/busybox:1\trunning\tweb\tabc123\t{\"image\":\"local/busybox:1\"}\n"
      "flocker--db\t9e8d7c\tpostgres:16\texited\tdb\tdef456\t\n");
  ASSERT_TRUE(containers);
  ASSERT_EQ(containers->size(), 2u);
  EXPECT_EQ((*containers)[0].name, "flocker--web");
  EXPECT_EQ((*containers)[0].app, "web");
  EXPECT_EQ((*containers)[0].config_hash, "abc123");
  EXPECT_EQ((*containers)[0].config, "{\"image\":\"local/busybox:1\"}");
  EXPECT_TRUE((*containers)[0].running());
  EXPECT_FALSE((*containers)[1].running());
}

TEST(DockerPs, ReadsTheRootLabelAndTheMounts) {
  // A flocker container of root tank/prod binding two datasets, and a
  // container flocker did not make (no labels, one named volume).
  auto containers = parse_docker_ps(
      "flocker--web\t4f1c2d\tlocal/busybox:1\trunning\tweb\tabc123\t{}\ttank/prod\t"
      "/tank/prod/web.www,/tank/prod/web.logs,"
      "8513b3a4f4d4b2b0a8f7e1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2\n"
      "flocker--db\t9e8d7c\tpostgres:16\texited\t\t\t\t\tpgdata\n"
      "other\t1a2b3c\tnginx:1\trunning\t\t\t\t\t\n");
  ASSERT_TRUE(containers);
  ASSERT_EQ(containers->size(), 3u);
  EXPECT_EQ((*containers)[0].root, "tank/prod");
  EXPECT_EQ((*containers)[0].mounts, (std::vector<std::string>{"/tank/prod/web.www", "/tank/prod/web.logs"}));
  EXPECT_EQ((*containers)[1].app, "");
  // The anonymous volume of an image's VOLUME, and a named volume: docker volumes, not binds.
  EXPECT_EQ((*containers)[0].docker_volumes,
            std::vector<std::string>{"8513b3a4f4d4b2b0a8f7e1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2"});
  EXPECT_TRUE((*containers)[1].mounts.empty());
  EXPECT_EQ((*containers)[1].docker_volumes, std::vector<std::string>{"pgdata"});
  EXPECT_TRUE((*containers)[2].mounts.empty());
}

TEST(DockerPs, EmptyOutputMeansNoContainers) {
  auto containers = parse_docker_ps("");
  ASSERT_TRUE(containers);
  EXPECT_TRUE(containers->empty());
}

TEST(DockerPs, RejectsUnexpectedOutput) {
  EXPECT_FALSE(parse_docker_ps("CONTAINER ID   IMAGE\n"));
}

TEST(DockerVersion, ServerVersionOrAClearError) {
  EXPECT_EQ(parse_docker_version(0, "20.10.24+dfsg1\n", ""), "20.10.24+dfsg1");
  auto down = parse_docker_version(
      1, "",
      "Cannot connect to the Docker daemon at unix:///run/docker.sock. Is the docker daemon running?\n");
  ASSERT_FALSE(down);
  EXPECT_NE(down.error().message.find("cannot talk to the Docker engine"), std::string::npos);
  auto missing = parse_docker_version(127, "", "bash: docker: command not found\n");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("not installed"), std::string::npos);
}

}  // namespace
}  // namespace flocker
