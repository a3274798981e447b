#include "remote/docker_errors.hpp"

#include <string>

namespace flocker {

namespace {

bool has(std::string_view text, std::string_view needle) {
  return text.find(needle) != std::string_view::npos;
}

}  // namespace

DockerFailure classify_docker_failure(const CommandResult& result) {
  if (result.ok()) return DockerFailure::None;
  const std::string_view err = result.err;
  // A shell's word for a missing command ("sh: 1: docker: not found", bash's
  // "command not found"); exit 127 alone is also what `docker run` returns
  // when the container's command cannot be run.
  if (has(err, "docker: not found") || has(err, "docker: command not found"))
    return DockerFailure::NotInstalled;
  if (has(err, "Cannot connect to the Docker daemon") ||
      has(err, "permission denied while trying to connect"))
    return DockerFailure::DaemonUnreachable;
  if (has(err, "No such container")) return DockerFailure::NoSuchContainer;
  if (has(err, "is already in use by container")) return DockerFailure::NameInUse;
  if (has(err, "port is already allocated") || has(err, "address already in use"))
    return DockerFailure::PortInUse;
  if (has(err, "cannot remove a running container")) return DockerFailure::ContainerRunning;
  // `docker run` pulls an image it lacks ("Unable to find image … locally"),
  // then reports why the pull failed.
  if (has(err, "Unable to find image") || has(err, "pull access denied") || has(err, "manifest unknown"))
    return DockerFailure::ImagePullFailed;
  if (has(err, "No such image")) return DockerFailure::NoSuchImage;
  return DockerFailure::Other;
}

std::string_view docker_failure_name(DockerFailure failure) {
  switch (failure) {
    case DockerFailure::None:
      return "none";
    case DockerFailure::NoSuchContainer:
      return "no_such_container";
    case DockerFailure::NameInUse:
      return "name_in_use";
    case DockerFailure::PortInUse:
      return "port_in_use";
    case DockerFailure::ContainerRunning:
      return "container_running";
    case DockerFailure::NoSuchImage:
      return "no_such_image";
    case DockerFailure::ImagePullFailed:
      return "image_pull_failed";
    case DockerFailure::DaemonUnreachable:
      return "daemon_unreachable";
    case DockerFailure::NotInstalled:
      return "not_installed";
    case DockerFailure::Other:
      return "other";
  }
  return "other";
}

}  // namespace flocker
