#pragma once
// Pure parsers for `docker` output.
#include <string>
#include <string_view>
#include <vector>

#include "remote/docker_commands.hpp"  // docker_ps_format: the columns parse_docker_ps reads
#include "state/model.hpp"
#include "util/result.hpp"

namespace flocker {

Result<std::vector<ContainerState>> parse_docker_ps(std::string_view out);

// From `docker version --format {{.Server.Version}}`.
Result<std::string> parse_docker_version(int exit_code, std::string_view out, std::string_view err);

}  // namespace flocker
