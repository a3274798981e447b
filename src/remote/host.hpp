#pragma once
// The one door to the outside world: a node that runs an argv. Gathering and
// applying both go through it; tests substitute a recording fake.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.hpp"
#include "util/shell_quote.hpp"

namespace flocker {

class RemoteProcess;

struct CommandResult {
  int exit_code = 0;
  std::string out;
  std::string err;
  bool ok() const { return exit_code == 0; }
};

// How a node was reached, for another node to reach it the same way in a
// direct transfer: the address and port flocker used, and the host key it verified.
struct SshEndpoint {
  std::string host;
  unsigned int port = 22;
  std::string user;
  std::string host_key;  // "ssh-ed25519 AAAA…"
  bool sudo = false;     // commands on this node run through `sudo -n`

  // The known_hosts line for this endpoint: "[host]:port type key" (or "host type key" on port 22).
  std::string known_hosts_line() const;
};

class Host {
 public:
  virtual ~Host() = default;
  virtual const std::string& node() const = 0;
  // Runs argv on the node, feeding it input on stdin. An Error means the
  // command could not be run or its outcome is unknown (connection lost); a
  // command that ran and failed is a CommandResult with a non-zero exit code.
  virtual Result<CommandResult> run(const Argv& argv, std::string_view input = {}) = 0;
  // Starts argv with streamed stdin and stdout (see RemoteProcess).
  virtual Result<std::unique_ptr<RemoteProcess>> start(const Argv& argv) = 0;
  // Set for nodes reached over SSH.
  virtual std::optional<SshEndpoint> ssh_endpoint() const { return std::nullopt; }
};

// "zfs create tank/x failed (exit 1): cannot create ...": for step errors.
Error command_error(const Host& host, const Argv& argv, const CommandResult& result);

}  // namespace flocker
