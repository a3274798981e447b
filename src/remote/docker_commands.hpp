#pragma once
// Typed builders for the `docker` command lines flocker runs.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "util/shell_quote.hpp"

namespace flocker {

// The Go template handed to `docker ps --format` by docker::list_flocker_containers:
// tab-separated fields that parse_docker_ps() (state/) reads back. Names,
// labels we set and states hold no tabs.
const std::string& docker_ps_format();

}  // namespace flocker

namespace flocker::docker {

struct Bind {
  std::string host_path;
  std::string container_path;
};

struct RunSpec {
  std::string name;
  std::string image;
  std::vector<std::string> command;
  std::map<std::string, std::string> environment;
  std::vector<Bind> binds;
  std::map<std::string, std::string> labels;
  std::optional<int> stop_timeout;  // seconds; `docker stop` then uses it
  std::optional<std::vector<std::string>> entrypoint;
  std::set<std::string> secret_environment;  // passed by env_file_input(), not in the argv
  std::vector<std::string> publish;          // [ip:]external:internal/protocol
  std::string restart;                       // always, on-failure[:N]; empty: Docker's default (no)
  std::optional<std::uint64_t> memory;       // bytes
  std::optional<int> cpu_shares;
};

Argv server_version();
// Every container, running or not: one flocker did not make may hold a name
// it wants, so there is no label filter (state/container_scope.hpp sorts them).
Argv list_flocker_containers();
// With secrets, the argv reads them with `--env-file /dev/stdin`: give it env_file_input(spec) as input.
Argv run(const RunSpec& spec);
// "NAME=value\n" for each secret variable; empty when there is none.
std::string env_file_input(const RunSpec& spec);
Argv start(const std::string& name);
Argv stop(const std::string& name);
Argv remove(const std::string& name);
Argv force_remove(const std::string& name);
// "ID LABELS-AS-JSON" of the container called name.
Argv identify(const std::string& name);
// The VOLUME paths each image declares: one JSON line per image found, in the
// order given (`{"/data":{}}`, or `null` for none). An image the node lacks
// is left out of stdout and named on stderr ("Error: No such image: X"), and
// docker then exits 1. REQUIRES: images is not empty.
Argv image_volumes(const std::vector<std::string>& images);

}  // namespace flocker::docker
