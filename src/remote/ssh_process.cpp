#include "remote/ssh_process.hpp"

#include <fmt/format.h>

#include <array>

namespace flocker {

namespace {
constexpr int kReadPollMilliseconds = 200;
}

Result<std::unique_ptr<SshProcess>> SshProcess::start(ssh_session session, std::string node,
                                                      std::string command_line) {
  ssh_channel channel = ssh_channel_new(session);
  std::unique_ptr<SshProcess> process(
      new SshProcess(session, channel, std::move(node), std::move(command_line)));
  if (channel == nullptr || ssh_channel_open_session(channel) != SSH_OK ||
      ssh_channel_request_exec(channel, process->command_line_.c_str()) != SSH_OK)
    return process->lost("starting");
  return process;
}

SshProcess::~SshProcess() {
  if (channel_ == nullptr) return;
  ssh_channel_close(channel_);
  ssh_channel_free(channel_);
}

std::unexpected<Error> SshProcess::lost(std::string_view what) const {
  return fail(fmt::format("node {}: lost the SSH connection while {} `{}`: {}", node_, what, command_line_,
                          ssh_get_error(session_)),
              "the command may or may not have run; run `flocker plan` to see the node's state");
}

Status SshProcess::drain_stderr() {
  std::array<char, 16384> buffer{};
  int n;
  while ((n = ssh_channel_read_nonblocking(channel_, buffer.data(), buffer.size(), 1)) > 0) {
    err_.append({buffer.data(), static_cast<size_t>(n)});
    stderr_arrived({buffer.data(), static_cast<size_t>(n)});
  }
  if (n == SSH_ERROR) return lost("running");
  return {};
}

Result<size_t> SshProcess::read_output(std::span<char> buffer) {
  // Stderr is drained between reads of stdout, so that neither stream can
  // fill the channel's window and stall the other.
  while (true) {
    int n = ssh_channel_read_timeout(channel_, buffer.data(), static_cast<uint32_t>(buffer.size()), 0,
                                     kReadPollMilliseconds);
    if (n == SSH_ERROR) return lost("running");
    if (auto drained = drain_stderr(); !drained) return std::unexpected(drained.error());
    if (n > 0) return static_cast<size_t>(n);
    if (ssh_channel_is_eof(channel_)) return 0;
    if (giving_up()) return fail(fmt::format("node {}: stopped waiting for `{}`", node_, command_line_));
  }
}

Status SshProcess::write_input(std::string_view data) {
  for (size_t written = 0; written < data.size();) {
    int n = ssh_channel_write(channel_, data.data() + written, static_cast<uint32_t>(data.size() - written));
    if (n == SSH_ERROR) return lost("sending input to");
    written += static_cast<size_t>(n);
  }
  return {};
}

Status SshProcess::close_input() {
  if (input_closed_) return {};
  input_closed_ = true;
  if (ssh_channel_send_eof(channel_) != SSH_OK) return lost("sending input to");
  return {};
}

Result<CommandResult> SshProcess::wait() {
  if (auto closed = close_input(); !closed) return std::unexpected(closed.error());
  CommandResult result;
  BoundedOutput out(kMaxCommandOutputBytes);
  std::array<char, 65536> buffer{};
  while (true) {
    auto n = read_output(buffer);
    if (!n) return std::unexpected(n.error());
    if (*n == 0) break;
    out.append({buffer.data(), *n});
    if (out.kept() + out.dropped() > kMaxCommandOutputBytes)
      return fail(fmt::format("node {}: `{}` printed more than {} MiB; flocker stopped reading it", node_,
                              command_line_, kMaxCommandOutputBytes >> 20),
                  "a command of this kind prints far less on a sound node: look at what the node runs as "
                  "this command (PATH, wrappers) before running flocker against it again");
  }
  result.out = out.take("stdout");
  while (true) {
    int n = ssh_channel_read(channel_, buffer.data(), static_cast<uint32_t>(buffer.size()), 1);
    if (n == SSH_ERROR) return lost("running");
    if (n <= 0) break;
    err_.append({buffer.data(), static_cast<size_t>(n)});
    stderr_arrived({buffer.data(), static_cast<size_t>(n)});
  }
  result.exit_code = ssh_channel_get_exit_status(channel_);
  if (result.exit_code < 0) return lost("waiting for the exit status of");
  result.err = err_.take("stderr");
  return result;
}

}  // namespace flocker
