#pragma once
// Wraps a Host to fail one command: the Nth command sent through any of the
// wrappers sharing a FaultPlan fails as if the connection dropped, or (for a
// streamed command) its stream is cut after the first chunk.
#include <memory>
#include <string>
#include <vector>

#include "remote/host.hpp"
#include "remote/process.hpp"

namespace flocker::testing {

struct FaultPlan {
  int fail_at = 0;                  // 1-based index of the command that fails; 0: none
  bool cut_stream = false;          // for a streamed command: deliver one chunk, then fail
  int count = 0;                    // commands seen so far, on every wrapped host
  std::vector<std::string> failed;  // "node: argv" of the command that failed
};

class FaultyHost final : public Host {
 public:
  FaultyHost(Host& inner, FaultPlan& plan) : inner_(inner), plan_(plan) {}
  const std::string& node() const override { return inner_.node(); }
  Result<CommandResult> run(const Argv& argv, std::string_view input = {}) override;
  Result<std::unique_ptr<RemoteProcess>> start(const Argv& argv) override;
  std::optional<SshEndpoint> ssh_endpoint() const override { return inner_.ssh_endpoint(); }

 private:
  bool should_fail(const Argv& argv);
  Host& inner_;
  FaultPlan& plan_;
};

}  // namespace flocker::testing
