#include "remote/docker_commands.hpp"

#include "state/docker_parse.hpp"

namespace flocker::docker {

Argv server_version() { return {"docker", "version", "--format", "{{.Server.Version}}"}; }

Argv list_flocker_containers() {
  return {"docker", "ps", "-a", "--no-trunc", "--filter", "label=flocker.app", "--format",
          docker_ps_format()};
}

Argv run(const RunSpec& spec) {
  // --init: a small init as PID 1 forwards SIGTERM, so `docker stop` does not
  // wait out its timeout for processes that ignore signals as PID 1.
  Argv argv = {"docker", "run", "--detach", "--init", "--name", spec.name};
  if (spec.stop_timeout) {
    argv.push_back("--stop-timeout");
    argv.push_back(std::to_string(*spec.stop_timeout));
  }
  for (const auto& [key, value] : spec.labels) {
    argv.push_back("--label");
    argv.push_back(key + "=" + value);
  }
  for (const auto& [key, value] : spec.environment) {
    argv.push_back("--env");
    argv.push_back(key + "=" + value);
  }
  for (const auto& bind : spec.binds) {
    argv.push_back("--volume");
    argv.push_back(bind.host_path + ":" + bind.container_path);
  }
  // "--" would be read as the image by docker; the image was checked not to start with '-'.
  argv.push_back(spec.image);
  argv.insert(argv.end(), spec.command.begin(), spec.command.end());
  return argv;
}

Argv start(const std::string& name) { return {"docker", "start", name}; }
Argv stop(const std::string& name) { return {"docker", "stop", name}; }
Argv remove(const std::string& name) { return {"docker", "rm", name}; }
Argv force_remove(const std::string& name) { return {"docker", "rm", "--force", name}; }

}  // namespace flocker::docker
