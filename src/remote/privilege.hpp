#pragma once
// What runs as root on a node whose manifest entry says `sudo: true`: zfs and
// docker, and nothing else. So the sudoers rule a node needs is
//   deploy ALL=(root) NOPASSWD: /usr/sbin/zfs, /usr/bin/docker
// (with the node's paths of zfs and docker). Scripts (`sh -c`) run as the SSH
// user; those that call zfs put `sudo -n --` before it themselves.
#include "remote/host.hpp"

namespace flocker {

// True for the argvs that need root: zfs and docker.
bool needs_root(const Argv& argv);
// argv behind `sudo -n --` (never asks for a password).
Argv with_sudo(const Argv& argv);
// argv as it must appear inside a script run on host: behind sudo when the
// node runs zfs and docker through sudo.
Argv as_root_on(const Host& host, const Argv& argv);
bool uses_sudo(const Host& host);

}  // namespace flocker
