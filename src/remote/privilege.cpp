#include "remote/privilege.hpp"

namespace flocker {

bool needs_root(const Argv& argv) {
  return !argv.empty() && (argv.front() == "zfs" || argv.front() == "docker");
}

Argv with_sudo(const Argv& argv) {
  Argv full = {"sudo", "-n", "--"};
  full.insert(full.end(), argv.begin(), argv.end());
  return full;
}

bool uses_sudo(const Host& host) {
  const auto endpoint = host.ssh_endpoint();
  return endpoint && endpoint->sudo;
}

Argv as_root_on(const Host& host, const Argv& argv) {
  return uses_sudo(host) ? with_sudo(argv) : argv;
}

}  // namespace flocker
