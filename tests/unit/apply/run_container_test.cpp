// A `docker run` that fails cleans up only what it made itself.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "apply/steps.hpp"
#include "plan/container_config.hpp"
#include "remote/docker_commands.hpp"
#include "support/fake_host.hpp"

namespace flocker {
namespace {

using testing::docker_fixture;
using testing::FakeHost;

ContainerRun web_run() {
  return container_run(AppSpec{.name = "web", .image = "local/busybox:1"}, "tank/flocker");
}

bool removed_anything(const FakeHost& host) {
  return std::ranges::any_of(host.commands,
                             [](const Argv& argv) { return argv.size() > 1 && argv[1] == "rm"; });
}

std::string identity(const std::string& id, const std::map<std::string, std::string>& labels) {
  return id + " " + nlohmann::json(labels).dump() + "\n";
}

TEST(RunContainer, AFailedRunRemovesTheContainerItMadeByItsId) {
  FakeHost node("node1");
  const auto run = web_run();
  node.on({"docker", "run"}, docker_fixture("12-run-command-missing"));
  auto labels = run.labels;
  labels["org.opencontainers.image.title"] = "from the image";  // images add labels of their own
  node.on(docker::identify(run.name), {0, identity("5731fb169d45", labels), ""});
  EXPECT_FALSE(run_container(node, run));
  EXPECT_EQ(node.commands.back(), docker::force_remove("5731fb169d45"));
}

TEST(RunContainer, ReadsWhatDockerAnswers) {
  // Recorded on docker 20.10: a container labelled flocker.app=web, flocker.root=tank/flocker.
  FakeHost node("node1");
  auto run = web_run();
  run.labels = {{"flocker.app", "web"}, {"flocker.root", "tank/flocker"}};
  node.on({"docker", "run"}, docker_fixture("12-run-command-missing"));
  node.on(docker::identify(run.name), docker_fixture("19-identify"));
  EXPECT_FALSE(run_container(node, run));
  EXPECT_EQ(node.commands.back(),
            docker::force_remove("64f091a82eb649b06598334703099cb5fe857ea5c207a0c68d9d2d16815b13bb"));
  // With one more label of its own (a config hash), that container is not this run's.
  FakeHost other("node1");
  other.on({"docker", "run"}, docker_fixture("12-run-command-missing"));
  other.on(docker::identify(run.name), docker_fixture("19-identify"));
  EXPECT_FALSE(run_container(other, web_run()));
  EXPECT_FALSE(removed_anything(other));
}

TEST(RunContainer, ANameInUseIsAnotherContainersAndIsLeftAlone) {
  FakeHost node("node1");
  node.on({"docker", "run"}, docker_fixture("07-run-name-in-use"));
  auto started = run_container(node, web_run());
  ASSERT_FALSE(started);
  EXPECT_THAT(started.error().message, ::testing::HasSubstr("is already in use"));
  EXPECT_FALSE(removed_anything(node));
}

TEST(RunContainer, AContainerThatTookTheNameMeanwhileIsLeftAlone) {
  for (const auto& other :
       {std::map<std::string, std::string>{},  // a person's
        std::map<std::string, std::string>{{"flocker.app", "web"}, {"flocker.root", "tank/staging"}}}) {
    FakeHost node("node1");
    const auto run = web_run();
    node.on({"docker", "run"}, docker_fixture("12-run-command-missing"));
    node.on(docker::identify(run.name), {0, identity("99aa", other), ""});
    EXPECT_FALSE(run_container(node, run));
    EXPECT_FALSE(removed_anything(node));
  }
}

TEST(RunContainer, AnAnswerThatIsNotAnIdAndLabelsRemovesNothing) {
  for (const std::string answer : {"", "5731fb169d45", "--all {}", "5731fb169d45 not json"}) {
    FakeHost node("node1");
    const auto run = web_run();
    node.on({"docker", "run"}, docker_fixture("12-run-command-missing"));
    node.on(docker::identify(run.name), {0, answer, ""});
    EXPECT_FALSE(run_container(node, run));
    EXPECT_FALSE(removed_anything(node)) << answer;
  }
}

}  // namespace
}  // namespace flocker
