#pragma once
// A Host for unit tests: records every argv and answers from a script of
// responses matched by argv prefix. Unmatched commands succeed silently.
#include <functional>
#include <string>
#include <vector>

#include "remote/host.hpp"
#include "remote/process.hpp"

namespace flocker::testing {

class FakeHost final : public Host {
 public:
  explicit FakeHost(std::string node) : node_(std::move(node)) {}

  const std::string& node() const override { return node_; }
  Result<CommandResult> run(const Argv& argv, std::string_view input = {}) override;
  // A streamed command: its stdout is the matched rule's out, its stdin is
  // kept in `received` when it exits. Its wait() gives up while the caller's
  // give_up_when() says so, as if the command still ran.
  Result<std::unique_ptr<RemoteProcess>> start(const Argv& argv) override;

  std::optional<SshEndpoint> ssh_endpoint() const override { return endpoint; }

  // The first rule whose prefix matches answers; later rules can override earlier ones.
  void on(Argv prefix, CommandResult result);
  // Like on(), for streamed commands (start()) only; these rules come first there.
  void on_stream(Argv prefix, CommandResult result);
  void fail_on(Argv prefix, Error error);

  std::vector<Argv> commands;
  std::vector<std::string> received;  // stdin of each streamed command, once it has exited
  std::vector<std::string> inputs;    // stdin of each run() command
  std::optional<SshEndpoint> endpoint;

 private:
  struct Rule {
    Argv prefix;
    Result<CommandResult> response;
  };
  std::string node_;
  std::vector<Rule> rules_;
  std::vector<Rule> stream_rules_;
};

// A recorded command from tests/fixtures/zfs/<flavour>/<name>.txt.
CommandResult zfs_fixture(const std::string& flavour, const std::string& name);
// A recorded command from tests/fixtures/docker/docker-20.10/<name>.txt.
CommandResult docker_fixture(const std::string& name);
// A recorded command from a file in either format, relative to tests/.
CommandResult recorded_fixture(const std::string& relative_path);

std::string read_test_file(const std::string& relative_path);

}  // namespace flocker::testing
