#pragma once
// Typed builders for the `docker` command lines flocker runs.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/shell_quote.hpp"

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
};

Argv server_version();
// Every container, running or not, that carries a flocker.app label.
Argv list_flocker_containers();
Argv run(const RunSpec& spec);
Argv start(const std::string& name);
Argv stop(const std::string& name);
Argv remove(const std::string& name);
Argv force_remove(const std::string& name);

}  // namespace flocker::docker
