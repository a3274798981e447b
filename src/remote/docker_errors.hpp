#pragma once
// What kind of failure a docker command reported: the one place that reads
// docker's wording (as recorded from docker 20.10 in tests/fixtures/docker),
// so callers branch on a kind and the message stays for people.
#include <string_view>

#include "remote/host.hpp"

namespace flocker {

enum class DockerFailure {
  None,               // the command succeeded
  NoSuchContainer,    // stop, rm, start of a container that is not there
  NameInUse,          // run: another container has the name
  PortInUse,          // run: a published port is taken on the node
  ContainerRunning,   // rm without --force of a running container
  NoSuchImage,        // the image is not on the node
  ImagePullFailed,    // run: the image is not on the node and could not be pulled
  DaemonUnreachable,  // dockerd does not answer (not running, or no access to its socket)
  NotInstalled,       // no docker command on the node
  Other,              // a failure none of the above names
};

DockerFailure classify_docker_failure(const CommandResult& result);

std::string_view docker_failure_name(DockerFailure failure);

}  // namespace flocker
