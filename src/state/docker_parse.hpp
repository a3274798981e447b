#pragma once
// Pure parsers for `docker` output.
#include <string>
#include <string_view>
#include <vector>

#include "state/model.hpp"
#include "util/result.hpp"

namespace flocker {

// The Go template handed to `docker ps --format`: tab-separated fields that
// parse_docker_ps() reads back. Names, labels we set and states hold no tabs.
const std::string& docker_ps_format();

Result<std::vector<ContainerState>> parse_docker_ps(std::string_view out);

// From `docker version --format {{.Server.Version}}`.
Result<std::string> parse_docker_version(int exit_code, std::string_view out, std::string_view err);

}  // namespace flocker
