#include "remote/zfs_commands.hpp"

#include <fmt/format.h>

namespace flocker {

const std::vector<std::string>& observed_zfs_properties() {
  static const std::vector<std::string> kProperties = {
      "guid",         "createtxg",   "used",           "mountpoint",    "mounted",
      "readonly",     "flocker:app", "flocker:volume", "flocker:owner", "flocker:generation",
      "flocker:lock", "refquota",    "referenced",     "creation"};
  return kProperties;
}

const std::vector<std::string>& listed_zfs_properties() {
  static const std::vector<std::string> kProperties = {
      "name",        "type",           "guid",          "createtxg",          "used",
      "written",     "mountpoint",     "mounted",       "readonly",           "receive_resume_token",
      "flocker:app", "flocker:volume", "flocker:owner", "flocker:generation", "flocker:lock",
      "referenced",  "refquota",       "creation"};
  return kProperties;
}

}  // namespace flocker

namespace flocker::zfs {

Argv version() {
  return {"zfs", "version"};
}

Argv get_observed(const std::string& root) {
  // `zfs get` rather than `zfs list -p`: zfs-fuse has no `list -p`, and both
  // flavours print exact numbers with `get -p`.
  return {"zfs",
          "get",
          "-Hp",
          "-r",
          "-o",
          "name,property,value,source",
          fmt::format("{}", fmt::join(observed_zfs_properties(), ",")),
          root};
}

Argv list_observed(const std::string& root) {
  return {"zfs", "list",
          "-Hp", "-r",
          "-t",  "filesystem,snapshot",
          "-o",  fmt::format("{}", fmt::join(listed_zfs_properties(), ",")),
          root};
}

Argv list_name(const std::string& dataset) {
  return {"zfs", "list", "-H", "-o", "name", dataset};
}

Argv create(const std::string& dataset, const std::map<std::string, std::string>& properties) {
  Argv argv = {"zfs", "create"};
  for (const auto& [key, value] : properties) {
    argv.push_back("-o");
    argv.push_back(key + "=" + value);
  }
  argv.push_back(dataset);
  return argv;
}

Argv create_with_parents(const std::string& dataset) {
  return {"zfs", "create", "-p", dataset};
}

Argv get_mount_state(const std::vector<std::string>& datasets) {
  Argv argv = {"zfs", "get", "-H", "-o", "name,property,value", "mountpoint,mounted"};
  argv.insert(argv.end(), datasets.begin(), datasets.end());
  return argv;
}

Argv mount(const std::string& dataset) {
  return {"zfs", "mount", dataset};
}
Argv unmount(const std::string& dataset) {
  return {"zfs", "unmount", dataset};
}

Argv snapshot(const std::string& dataset, const std::string& name) {
  return {"zfs", "snapshot", dataset + "@" + name};
}

namespace {
Argv send_command(bool openzfs_flags) {
  if (openzfs_flags) return {"zfs", "send", "-L", "-e", "-c"};
  return {"zfs", "send"};
}
}  // namespace

Argv send_full(const std::string& dataset, const std::string& name, bool openzfs_flags) {
  auto argv = send_command(openzfs_flags);
  argv.push_back(dataset + "@" + name);
  return argv;
}

Argv send_incremental(const std::string& dataset, const std::string& base, const std::string& name,
                      bool openzfs_flags) {
  auto argv = send_command(openzfs_flags);
  argv.insert(argv.end(), {"-i", "@" + base, dataset + "@" + name});
  return argv;
}

const std::vector<std::string>& receive_excluded_properties() {
  // Where and how the data is mounted, shared or shown on the target: the
  // target's to decide, never the stream's. (Any other received property
  // makes check_received_copy refuse the copy.)
  static const std::vector<std::string> properties = {"mountpoint", "canmount", "setuid",   "exec",
                                                      "devices",    "sharenfs", "sharesmb", "snapdir",
                                                      "zoned",      "overlay"};
  return properties;
}

Argv receive(const std::string& dataset, bool openzfs) {
  if (!openzfs) return {"zfs", "receive", "-u", dataset};
  Argv argv = {"zfs", "receive", "-s", "-u"};
  for (const auto& property : receive_excluded_properties()) argv.insert(argv.end(), {"-x", property});
  argv.push_back(dataset);
  return argv;
}

Argv get_received(const std::string& dataset) {
  return {"zfs", "get", "-H", "-r", "-s", "received", "-o", "name,property,value", "all", dataset};
}

Argv list_filesystems(const std::string& dataset) {
  return {"zfs", "list", "-H", "-r", "-o", "name", "-t", "filesystem,volume", dataset};
}

Argv receive_abort(const std::string& dataset) {
  return {"zfs", "receive", "-A", dataset};
}

Argv send_resume(const std::string& token) {
  return {"zfs", "send", "-t", token};
}

Argv send_estimate(const Argv& send) {
  Argv argv = send;
  argv.insert(argv.begin() + 2, {"-n", "-v", "-P"});
  return argv;
}

Argv hold(const std::string& tag, const std::string& dataset, const std::string& snapshot) {
  return {"zfs", "hold", tag, dataset + "@" + snapshot};
}

Argv release(const std::string& tag, const std::string& dataset, const std::string& snapshot) {
  return {"zfs", "release", tag, dataset + "@" + snapshot};
}

Argv set(const std::string& dataset, const std::string& property, const std::string& value) {
  return {"zfs", "set", property + "=" + value, dataset};
}

Argv get_guid(const std::string& dataset, const std::string& snapshot) {
  return {"zfs", "get", "-Hp", "-o", "value", "guid", dataset + "@" + snapshot};
}

Argv get_property(const std::string& dataset, const std::string& property) {
  return {"zfs", "get", "-H", "-o", "value", property, dataset};
}

Argv destroy_dataset(const std::string& dataset) {
  return {"zfs", "destroy", dataset};
}

Argv destroy_with_snapshots(const std::string& dataset) {
  return {"zfs", "destroy", "-r", dataset};
}

Argv destroy_snapshot(const std::string& dataset, const std::string& snapshot) {
  return {"zfs", "destroy", dataset + "@" + snapshot};
}

std::string pool_of(const std::string& dataset) {
  return dataset.substr(0, dataset.find('/'));
}

}  // namespace flocker::zfs
