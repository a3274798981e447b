#include "manifest/compose_keys.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "util/text.hpp"

namespace flocker {

namespace {

const char* const kNetworks =
    "containers on different nodes reach each other through published ports and links, not Docker networks";
const char* const kNamespaces = "flocker does not share namespaces between containers or with the node";
const char* const kCpu = "flocker sets only cpu_shares, a relative weight, not a CPU limit or set";
const char* const kMemory =
    "flocker sets only the memory limit (mem_limit or deploy.resources.limits.memory)";
const char* const kDevices =
    "flocker does not pass the node's devices into containers: an application may move";
const char* const kWindows = "it is for Windows containers; flocker runs Linux containers";
const char* const kOnce = "an application runs once, on one node";
const char* const kPlacement =
    "where a service runs is the `deployment` section of a native flocker file given with this one";

// Keys whose refusal has a reason of its own.
const std::map<std::string, std::string>& service_key_reasons() {
  static const std::map<std::string, std::string> kWhy = {
      {"build",
       "flocker runs images, it does not build them: build and push the image, then name it in `image`"},
      {"develop", "flocker does not watch source files: build and push the image, then name it in `image`"},
      {"networks", kNetworks},
      {"network_mode", kNetworks},
      {"external_links",
       "it links to containers outside this file; flocker links to the file's services through "
       "their published ports"},
      {"container_name", "flocker names each container flocker--<service>"},
      {"env_file",
       "flocker reads no files for the nodes: put the variables in `environment` (values may be ${VAR})"},
      {"label_file", "flocker reads no files for the nodes: put the labels in `labels`"},
      {"expose", "exposed ports do not cross nodes: publish them with `ports`"},
      {"secrets", "mark environment variables secret instead: `x-flocker: {secrets: [NAME]}`"},
      {"configs", "flocker copies no files to the nodes: use a volume or an environment variable"},
      {"extends", "flocker reads one file as it is: write the service out"},
      {"volumes_from", "a dataset belongs to one application: give each service its own named volume"},
      {"volume_driver", "flocker makes each named volume a ZFS dataset it owns"},
      {"tmpfs", "flocker manages only volumes that are ZFS datasets"},
      {"scale", kOnce},
      {"profiles", "every service in the file is an application flocker deploys"},
      {"mem_reservation", kMemory},
      {"memswap_limit", kMemory},
      {"mem_swappiness", kMemory},
      {"cpus", kCpu},
      {"cpuset", kCpu},
      {"cpu_period", kCpu},
      {"cpu_quota", kCpu},
      {"cpu_rt_period", kCpu},
      {"cpu_rt_runtime", kCpu},
      {"cpu_count", kWindows},
      {"cpu_percent", kWindows},
      {"credential_spec", kWindows},
      {"isolation", kWindows},
      {"privileged", "flocker does not run privileged containers"},
      {"use_api_socket", "flocker does not give containers the node's Docker API"},
      {"pid", kNamespaces},
      {"ipc", kNamespaces},
      {"uts", kNamespaces},
      {"devices", kDevices},
      {"device_cgroup_rules", kDevices},
      {"gpus", kDevices},
      {"healthcheck", "flocker does not watch health checks; use the image's"},
      {"logging", "containers log through the node's Docker default"},
      {"attach", "flocker attaches to no container's output: it stays in the node's Docker logs"},
      {"provider", "flocker runs containers from images only"},
      {"models", "flocker runs containers from images only"},
  };
  return kWhy;
}

// Container options Compose has that flocker could carry, but does not yet.
const std::vector<std::string>& service_keys_not_yet() {
  static const std::vector<std::string> kKeys = {
      "annotations",  "blkio_config", "cap_add",     "cap_drop",         "cgroup",        "cgroup_parent",
      "dns",          "dns_opt",      "dns_search",  "domainname",       "extra_hosts",   "group_add",
      "hostname",     "init",         "mac_address", "oom_kill_disable", "oom_score_adj", "pids_limit",
      "platform",     "post_start",   "pre_stop",    "pull_policy",      "read_only",     "runtime",
      "security_opt", "shm_size",     "stdin_open",  "stop_signal",      "storage_opt",   "sysctls",
      "tty",          "ulimits",      "user",        "userns_mode",      "working_dir",
  };
  return kKeys;
}

const std::map<std::string, std::string>& deploy_key_reasons() {
  static const std::map<std::string, std::string> kWhy = {
      {"placement", kPlacement},
      {"replicas", kOnce},
      {"mode", kOnce},
      {"endpoint_mode", kNetworks},
      {"labels", "deploy labels label Swarm services: put container labels in the service's `labels`"},
      {"restart_policy", "use the service's `restart`"},
      {"update_config",
       "flocker replaces a container by stopping it and starting the new one, with no rolling updates"},
      {"rollback_config",
       "flocker replaces a container by stopping it and starting the new one, with no rolling updates"},
      {"resources.reservations",
       "flocker reserves nothing: it sets the memory limit (limits.memory) and cpu_shares"},
      {"resources.limits.cpus", kCpu},
      {"resources.limits.pids",
       "flocker does not set a pids limit yet; it sets the memory limit (limits.memory) and cpu_shares"},
  };
  return kWhy;
}

template <class Map>
void append_keys(std::vector<std::string>& keys, const Map& map) {
  for (const auto& [key, why] : map) keys.push_back(key);
}

}  // namespace

const std::vector<std::string>& compose_service_keys_read() {
  static const std::vector<std::string> kKeys = {"image",   "command",           "entrypoint", "environment",
                                                 "ports",   "volumes",           "links",      "depends_on",
                                                 "restart", "mem_limit",         "cpu_shares", "labels",
                                                 "deploy",  "stop_grace_period", "x-flocker"};
  return kKeys;
}

std::string refused_service_key(const std::string& key, std::string_view where) {
  if (auto it = service_key_reasons().find(key); it != service_key_reasons().end())
    return fmt::format("\"{}\" in {} is not supported: {}", key, where, it->second);
  const auto& read = compose_service_keys_read();
  if (std::ranges::find(service_keys_not_yet(), key) != service_keys_not_yet().end())
    return fmt::format("\"{}\" in {} is not supported by flocker yet (it reads: {})", key, where,
                       fmt::join(read, ", "));
  std::vector<std::string> known = read;
  append_keys(known, service_key_reasons());
  known.insert(known.end(), service_keys_not_yet().begin(), service_keys_not_yet().end());
  if (auto guess = closest_match(key, known))
    return fmt::format("unknown key \"{}\" in {} (did you mean \"{}\"?)", key, where, *guess);
  return fmt::format("unknown key \"{}\" in {} (flocker reads: {})", key, where, fmt::join(read, ", "));
}

std::string refused_deploy_key(const std::string& key, std::string_view where) {
  if (auto it = deploy_key_reasons().find(key); it != deploy_key_reasons().end())
    return fmt::format("\"{}\" in deploy of {} is not supported: {}", key, where, it->second);
  std::vector<std::string> known = {"resources"};
  for (const auto& [refused, why] : deploy_key_reasons())
    if (refused.find('.') == std::string::npos) known.push_back(refused);
  if (auto guess = closest_match(key, known))
    return fmt::format("unknown key \"{}\" in deploy of {} (did you mean \"{}\"?)", key, where, *guess);
  return fmt::format("unknown key \"{}\" in deploy of {} (flocker reads resources.limits.memory)", key,
                     where);
}

std::optional<std::string> why_top_level_key_refused(const std::string& key) {
  static const std::map<std::string, std::string> kWhy = {
      {"networks", kNetworks},
      {"secrets", "mark environment variables secret instead: `x-flocker: {secrets: [NAME]}` in the service"},
      {"configs", "flocker copies no files to the nodes"},
      {"include", "give flocker each file on its command line instead"},
  };
  if (auto it = kWhy.find(key); it != kWhy.end()) return it->second;
  return std::nullopt;
}

}  // namespace flocker
