#pragma once
#include <libssh/libssh.h>

#include <memory>
#include <string>

#include "remote/bounded_output.hpp"
#include "remote/process.hpp"

namespace flocker {

// One exec channel on an SSH session. REQUIRES: the session is used by one
// thread at a time.
class SshProcess final : public RemoteProcess {
 public:
  static Result<std::unique_ptr<SshProcess>> start(ssh_session session, std::string node,
                                                   std::string command_line);
  ~SshProcess() override;
  SshProcess(const SshProcess&) = delete;
  SshProcess& operator=(const SshProcess&) = delete;

  Result<size_t> read_output(std::span<char> buffer) override;
  Status write_input(std::string_view data) override;
  Status close_input() override;
  Result<CommandResult> wait() override;

 private:
  SshProcess(ssh_session session, ssh_channel channel, std::string node, std::string command_line)
      : session_(session),
        channel_(channel),
        node_(std::move(node)),
        command_line_(std::move(command_line)) {}
  std::unexpected<Error> lost(std::string_view what) const;
  Status drain_stderr();

  ssh_session session_;
  ssh_channel channel_;
  std::string node_;
  std::string command_line_;
  BoundedOutput err_{kMaxCommandErrorBytes};
  bool input_closed_ = false;
};

}  // namespace flocker
