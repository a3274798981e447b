#include "state/docker_parse.hpp"

#include <gtest/gtest.h>

namespace flocker {
namespace {

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
      "/tank/prod/web.www,/tank/prod/web.logs\n"
      "flocker--db\t9e8d7c\tpostgres:16\texited\t\t\t\t\tpgdata\n"
      "other\t1a2b3c\tnginx:1\trunning\t\t\t\t\t\n");
  ASSERT_TRUE(containers);
  ASSERT_EQ(containers->size(), 3u);
  EXPECT_EQ((*containers)[0].root, "tank/prod");
  EXPECT_EQ((*containers)[0].mounts, (std::vector<std::string>{"/tank/prod/web.www", "/tank/prod/web.logs"}));
  EXPECT_EQ((*containers)[1].app, "");
  EXPECT_EQ((*containers)[1].mounts, std::vector<std::string>{"pgdata"});
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
