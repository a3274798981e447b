#include "remote/docker_commands.hpp"

namespace flocker {

const std::string& docker_ps_format() {
  static const std::string kFormat =
      "{{.Names}}\t{{.ID}}\t{{.Image}}\t{{.State}}\t{{.Label \"flocker.app\"}}\t"
      "{{.Label \"flocker.config-hash\"}}\t{{.Label \"flocker.config\"}}\t{{.Label \"flocker.root\"}}\t"
      "{{.Mounts}}";
  return kFormat;
}

}  // namespace flocker

namespace flocker::docker {

Argv server_version() {
  return {"docker", "version", "--format", "{{.Server.Version}}"};
}

Argv list_flocker_containers() {
  return {"docker", "ps", "-a", "--no-trunc", "--format", docker_ps_format()};
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
    if (spec.secret_environment.contains(key)) continue;
    argv.push_back("--env");
    argv.push_back(key + "=" + value);
  }
  // Secrets come on stdin, so that no process list, log or error message on
  // either side shows them.
  if (!spec.secret_environment.empty()) {
    argv.push_back("--env-file");
    argv.push_back("/dev/stdin");
  }
  for (const auto& publish : spec.publish) {
    argv.push_back("--publish");
    argv.push_back(publish);
  }
  if (!spec.restart.empty()) {
    argv.push_back("--restart");
    argv.push_back(spec.restart);
  }
  if (spec.memory) {
    argv.push_back("--memory");
    argv.push_back(std::to_string(*spec.memory));
  }
  if (spec.cpu_shares) {
    argv.push_back("--cpu-shares");
    argv.push_back(std::to_string(*spec.cpu_shares));
  }
  // Docker's --entrypoint takes one word: the rest of a longer entrypoint
  // goes before the command, which is what Docker would run anyway.
  if (spec.entrypoint) {
    argv.push_back("--entrypoint");
    argv.push_back(spec.entrypoint->empty() ? "" : spec.entrypoint->front());
  }
  for (const auto& bind : spec.binds) {
    argv.push_back("--volume");
    argv.push_back(bind.host_path + ":" + bind.container_path);
  }
  // "--" would be read as the image by docker; the image was checked not to start with '-'.
  argv.push_back(spec.image);
  if (spec.entrypoint && spec.entrypoint->size() > 1)
    argv.insert(argv.end(), spec.entrypoint->begin() + 1, spec.entrypoint->end());
  argv.insert(argv.end(), spec.command.begin(), spec.command.end());
  return argv;
}

std::string env_file_input(const RunSpec& spec) {
  std::string text;
  for (const auto& name : spec.secret_environment)
    if (auto it = spec.environment.find(name); it != spec.environment.end())
      text += name + "=" + it->second + "\n";
  return text;
}

Argv start(const std::string& name) {
  return {"docker", "start", name};
}
Argv stop(const std::string& name) {
  return {"docker", "stop", name};
}
Argv remove(const std::string& name) {
  return {"docker", "rm", name};
}
Argv force_remove(const std::string& name) {
  return {"docker", "rm", "--force", name};
}
Argv identify(const std::string& name) {
  return {"docker", "inspect", "--type", "container", "--format", "{{.Id}} {{json .Config.Labels}}", name};
}
Argv image_volumes(const std::vector<std::string>& images) {
  // "--" would be read as an image; the images were checked not to start with '-'.
  Argv argv = {"docker", "image", "inspect", "--format", "{{json .Config.Volumes}}"};
  argv.insert(argv.end(), images.begin(), images.end());
  return argv;
}

}  // namespace flocker::docker
