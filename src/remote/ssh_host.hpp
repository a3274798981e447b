#pragma once
// A node reached over SSH with libssh: one session per node, reused for every
// command; host keys verified against known_hosts, never accepted silently.
#include <libssh/libssh.h>

#include <memory>
#include <optional>
#include <string>

#include "manifest/model.hpp"
#include "remote/host.hpp"

namespace flocker {

struct SshOptions {
  std::string config_file;  // like `ssh -F`; empty: ~/.ssh/config and /etc/ssh/ssh_config
  long connect_timeout_seconds = 15;
  bool debug = false;  // libssh's protocol log on stderr (FLOCKER_SSH_DEBUG=1)
};

class SshHost final : public Host {
 public:
  static Result<std::unique_ptr<SshHost>> connect(const NodeSpec& node, const SshOptions& options);
  ~SshHost() override;
  SshHost(const SshHost&) = delete;
  SshHost& operator=(const SshHost&) = delete;

  const std::string& node() const override { return node_; }
  Result<CommandResult> run(const Argv& argv, std::string_view input = {}) override;
  Result<std::unique_ptr<RemoteProcess>> start(const Argv& argv) override;

  std::optional<SshEndpoint> ssh_endpoint() const override { return endpoint_; }

 private:
  Argv wrap(const Argv& argv) const;  // zfs and docker with `sudo -n --` when the node asks for it
  SshHost(std::string node, SshEndpoint endpoint, ssh_session session, bool sudo)
      : node_(std::move(node)), endpoint_(std::move(endpoint)), session_(session), sudo_(sudo) {}

  std::string node_;
  SshEndpoint endpoint_;
  ssh_session session_;
  bool sudo_;
};

}  // namespace flocker
