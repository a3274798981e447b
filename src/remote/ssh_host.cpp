#include "remote/ssh_host.hpp"

#include <fmt/format.h>

#include <array>

#include "remote/host_key.hpp"

namespace flocker {

namespace {

constexpr int kReadPollMilliseconds = 200;

std::string session_option(ssh_session session, ssh_options_e option) {
  char* value = nullptr;
  if (ssh_options_get(session, option, &value) != SSH_OK || value == nullptr) return {};
  std::string result = value;
  ssh_string_free_char(value);
  return result;
}

unsigned int session_port(ssh_session session) {
  unsigned int port = 22;
  ssh_options_get_port(session, &port);
  return port;
}

struct SessionGuard {
  ssh_session session;
  ~SessionGuard() {
    if (session != nullptr) ssh_free(session);
  }
  ssh_session release() { return std::exchange(session, nullptr); }
};

Status configure(ssh_session session, const NodeSpec& node, const SshOptions& options) {
  const long timeout = options.connect_timeout_seconds;
  if (ssh_options_set(session, SSH_OPTIONS_HOST, node.host.c_str()) != SSH_OK)
    return fail(fmt::format("node {}: invalid host \"{}\": {}", node.name, node.host, ssh_get_error(session)));
  // Like `ssh -F`: with a file given, only that file is read.
  const char* config = options.config_file.empty() ? nullptr : options.config_file.c_str();
  if (ssh_options_parse_config(session, config) != SSH_OK)
    return fail(fmt::format("cannot read the SSH config {}: {}",
                            options.config_file.empty() ? "~/.ssh/config" : options.config_file,
                            ssh_get_error(session)));
  // The manifest's port and user win over the SSH config, as `ssh -p` and `-l` do.
  if (node.port) {
    unsigned int port = static_cast<unsigned int>(*node.port);
    ssh_options_set(session, SSH_OPTIONS_PORT, &port);
  }
  if (node.user) ssh_options_set(session, SSH_OPTIONS_USER, node.user->c_str());
  ssh_options_set(session, SSH_OPTIONS_TIMEOUT, &timeout);
  // libssh would print its own log lines (from the config's LogLevel) on
  // stderr; flocker reports failures itself, with the node's name.
  const int verbosity = options.debug ? SSH_LOG_PROTOCOL : SSH_LOG_NOLOG;
  ssh_options_set(session, SSH_OPTIONS_LOG_VERBOSITY, &verbosity);
  return {};
}

}  // namespace

Result<std::unique_ptr<SshHost>> SshHost::connect(const NodeSpec& node, const SshOptions& options) {
  SessionGuard guard{ssh_new()};
  if (guard.session == nullptr) return fail("cannot create an SSH session (out of memory?)");
  if (auto configured = configure(guard.session, node, options); !configured)
    return std::unexpected(configured.error());

  const auto address = fmt::format("{}:{}", session_option(guard.session, SSH_OPTIONS_HOST),
                                    session_port(guard.session));
  const auto user = session_option(guard.session, SSH_OPTIONS_USER);
  if (ssh_connect(guard.session) != SSH_OK)
    return fail(fmt::format("cannot connect to node {} ({}): {}", node.name, address, ssh_get_error(guard.session)),
                "check that the host is up, that sshd listens on that port, and the node's host/port in the manifest or SSH config");
  if (auto verified = verify_host_key(guard.session, node.name, address); !verified) {
    ssh_disconnect(guard.session);
    return std::unexpected(verified.error());
  }
  if (ssh_userauth_publickey_auto(guard.session, nullptr, nullptr) != SSH_AUTH_SUCCESS) {
    auto message = fmt::format("node {} ({}) refused the login of user {}: {}", node.name, address, user,
                               ssh_get_error(guard.session));
    ssh_disconnect(guard.session);
    return fail(message, "flocker logs in with the SSH agent or the IdentityFile of the SSH config; "
                         "check that one of those keys is in the user's authorized_keys on the node");
  }
  return std::unique_ptr<SshHost>(new SshHost(node.name, user + "@" + address, guard.release(), node.sudo));
}

SshHost::~SshHost() {
  ssh_disconnect(session_);
  ssh_free(session_);
}

Result<CommandResult> SshHost::run(const Argv& argv, std::string_view input) {
  Argv full = argv;
  if (sudo_) full.insert(full.begin(), {"sudo", "-n", "--"});
  const auto command_line = quote_argv(full);
  auto lost = [&](std::string_view what) {
    return fail(fmt::format("node {}: lost the SSH connection while {} `{}`: {}", node_, what,
                            command_line, ssh_get_error(session_)),
                "the command may or may not have run; run `flocker plan` to see the node's state");
  };

  ssh_channel channel = ssh_channel_new(session_);
  if (channel == nullptr) return lost("starting");
  struct ChannelGuard {
    ssh_channel channel;
    ~ChannelGuard() {
      ssh_channel_close(channel);
      ssh_channel_free(channel);
    }
  } guard{channel};
  if (ssh_channel_open_session(channel) != SSH_OK) return lost("starting");
  if (ssh_channel_request_exec(channel, command_line.c_str()) != SSH_OK) return lost("starting");

  for (size_t written = 0; written < input.size();) {
    int n = ssh_channel_write(channel, input.data() + written, static_cast<uint32_t>(input.size() - written));
    if (n == SSH_ERROR) return lost("sending input to");
    written += static_cast<size_t>(n);
  }
  if (ssh_channel_send_eof(channel) != SSH_OK) return lost("sending input to");

  CommandResult result;
  std::array<char, 65536> buffer{};
  // Read stdout while draining stderr, so neither stream can fill the window and stall the other.
  while (true) {
    int n = ssh_channel_read_timeout(channel, buffer.data(), buffer.size(), 0, kReadPollMilliseconds);
    if (n == SSH_ERROR) return lost("running");
    if (n > 0) result.out.append(buffer.data(), static_cast<size_t>(n));
    int e;
    while ((e = ssh_channel_read_nonblocking(channel, buffer.data(), buffer.size(), 1)) > 0)
      result.err.append(buffer.data(), static_cast<size_t>(e));
    if (e == SSH_ERROR) return lost("running");
    if (n == 0 && ssh_channel_is_eof(channel)) break;
  }
  while (true) {
    int e = ssh_channel_read(channel, buffer.data(), buffer.size(), 1);
    if (e == SSH_ERROR) return lost("running");
    if (e <= 0) break;
    result.err.append(buffer.data(), static_cast<size_t>(e));
  }
  result.exit_code = ssh_channel_get_exit_status(channel);
  if (result.exit_code < 0) return lost("waiting for the exit status of");
  return result;
}

}  // namespace flocker
