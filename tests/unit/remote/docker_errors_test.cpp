#include "remote/docker_errors.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "support/fake_host.hpp"

namespace flocker {
namespace {

// Every recorded docker 20.10 output with its kind; a file not listed must
// have succeeded, so a newly recorded error fails until it is classified.
TEST(DockerFailure, EveryRecordedOutput) {
  const std::map<std::string, DockerFailure> failures = {
      {"02-stop-missing", DockerFailure::NoSuchContainer},
      {"03-rm-missing", DockerFailure::NoSuchContainer},
      {"05-start-missing", DockerFailure::NoSuchContainer},
      {"07-run-name-in-use", DockerFailure::NameInUse},
      {"08-run-port-in-use", DockerFailure::PortInUse},
      {"09-rm-running", DockerFailure::ContainerRunning},
      {"10-run-image-pull-fails", DockerFailure::ImagePullFailed},
      {"11-image-inspect-missing", DockerFailure::NoSuchImage},
      {"12-run-command-missing", DockerFailure::Other},  // exit 127, but docker is there
      {"13-run-bad-volume", DockerFailure::Other},
      {"14-daemon-unreachable", DockerFailure::DaemonUnreachable},
      {"15-docker-missing", DockerFailure::NotInstalled},
      {"20-identify-missing", DockerFailure::NoSuchContainer},
      {"22-image-volumes-missing", DockerFailure::NoSuchImage},  // the images found are printed still
      {"23-image-volumes-all-missing", DockerFailure::NoSuchImage},
  };
  const auto folder = std::filesystem::path(FLOCKER_TEST_DATA) / "fixtures/docker/docker-20.10";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const auto name = entry.path().stem().string();
    const auto recorded = testing::docker_fixture(name);
    auto expected = failures.find(name);
    const auto want = expected == failures.end() ? DockerFailure::None : expected->second;
    EXPECT_EQ(docker_failure_name(classify_docker_failure(recorded)), docker_failure_name(want))
        << name << ": " << recorded.err;
    ++files;
  }
  EXPECT_EQ(files, 23);
}

TEST(DockerFailure, AShellWithoutDocker) {
  EXPECT_EQ(classify_docker_failure({127, "", "sh: 1: docker: not found\n"}), DockerFailure::NotInstalled);
}

}  // namespace
}  // namespace flocker
