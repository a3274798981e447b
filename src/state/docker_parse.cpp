#include "state/docker_parse.hpp"

#include <fmt/format.h>

#include "remote/docker_errors.hpp"
#include "util/text.hpp"

namespace flocker {

Result<std::vector<ContainerState>> parse_docker_ps(std::string_view out) {
  std::vector<ContainerState> containers;
  for (auto line : split_lines(out)) {
    if (trim(line).empty()) continue;
    auto fields = split(line, '\t');
    // 7 fields: the columns before flocker.root and the mounts were added.
    if (fields.size() != 7 && fields.size() != 9)
      return fail(fmt::format("unexpected `docker ps` output: \"{}\"", line));
    containers.push_back(ContainerState{
        .name = std::string(fields[0]),
        .id = std::string(fields[1]),
        .image = std::string(fields[2]),
        .state = std::string(fields[3]),
        .app = std::string(fields[4]),
        .config_hash = std::string(fields[5]),
        .config = std::string(fields[6]),
    });
    if (fields.size() == 9) {
      containers.back().root = std::string(fields[7]);
      // docker joins the mounts with ',' (a path holding one is misread, and then counts as not flocker's).
      for (auto mount : split(fields[8], ','))
        if (!mount.empty()) containers.back().mounts.emplace_back(mount);
    }
  }
  return containers;
}

Result<std::string> parse_docker_version(int exit_code, std::string_view out, std::string_view err) {
  if (exit_code == 0 && !trim(out).empty()) return std::string(trim(out));
  auto lines = split_lines(err);
  std::string reason = lines.empty() ? "no output" : std::string(trim(lines.back()));
  // A shell without docker exits 127 ("docker: not found").
  if (exit_code == 127 ||
      classify_docker_failure({exit_code, std::string(out), std::string(err)}) == DockerFailure::NotInstalled)
    return fail(fmt::format("docker is not installed or not on the PATH: {}", reason),
                "install docker on the node (Debian: apt-get install docker.io)");
  return fail(
      fmt::format("cannot talk to the Docker engine: {}", reason),
      "check that dockerd runs on the node and that the SSH user may use it (docker group or sudo: true)");
}

}  // namespace flocker
