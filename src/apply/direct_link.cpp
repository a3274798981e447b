#include "apply/direct_link.hpp"

#include <fmt/format.h>

#include <random>

#include "apply/dd_progress.hpp"
#include "apply/steps.hpp"
#include "apply/stream_pipeline.hpp"
#include "remote/authorized_keys.hpp"
#include "remote/one_time_key.hpp"
#include "remote/privilege.hpp"
#include "remote/process.hpp"
#include "remote/zfs_commands.hpp"
#include "util/size.hpp"
#include "util/text.hpp"

namespace flocker {

namespace {

// The one-time key's line is accepted for this long after it is written: long
// enough for the source's ssh to log in (it does at once), short enough that a
// line a killed flocker left is soon useless, and then removed by the next edit.
constexpr int kKeyLifetimeMinutes = 15;

std::string random_marker(const std::string& scope) {
  std::random_device device;
  if (scope.empty()) return fmt::format("{}{:08x}{:08x}", kTransferMarkerPrefix, device(), device());
  return fmt::format("{}{}-{:08x}{:08x}", kTransferMarkerPrefix, scope, device(), device());
}

// authorized_keys options are double-quoted strings with \\ and \" escapes.
std::string authorized_keys_quote(std::string_view text) {
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

}  // namespace

std::string root_of_dataset(const std::string& dataset) {
  const auto slash = dataset.rfind('/');
  return slash == std::string::npos ? dataset : dataset.substr(0, slash);
}

Argv network_identity_command() {
  return {"sh", "-c", "cat /proc/sys/kernel/random/boot_id && readlink /proc/self/ns/net"};
}

std::string known_source_addresses(const std::string& target_host, const std::string& source_identity,
                                   const std::string& target_identity) {
  // Elsewhere the source's routing (and any NAT) decides which address the
  // target sees, which flocker cannot know.
  if (!is_loopback(target_host) || source_identity.empty() || source_identity != target_identity) return {};
  return "127.0.0.0/8,::1";
}

namespace {

// The node's network identity, or "" when it cannot tell (then no `from=`).
std::string network_identity(Host& host) {
  auto result = host.run(network_identity_command());
  if (!result || !result->ok()) return {};
  const auto identity = trim(result->out);
  // Two lines, a boot id and `net:[N]`; anything else is not an identity.
  if (identity.find('\n') == std::string_view::npos || identity.size() > 200) return {};
  return std::string(identity);
}

// The `from=` list of a direct transfer from `from` to a target reached at host.
std::string source_addresses(Host& from, Host& to, const std::string& host) {
  if (!is_loopback(host)) return {};
  return known_source_addresses(host, network_identity(from), network_identity(to));
}

}  // namespace

std::string forced_receive_line(const std::string& public_key, const std::string& dataset,
                                const std::string& marker, bool sudo, bool resumable,
                                const StreamStages& stages, const std::string& from) {
  const auto command = target_pipeline(zfs::receive(dataset, resumable), stages, sudo);
  return fmt::format("restrict,{}command={} {} {}",
                     from.empty() ? "" : "from=" + authorized_keys_quote(from) + ",",
                     authorized_keys_quote(command), public_key, marker);
}

Result<DirectLink> DirectLink::open(Host& from, Host& to, const std::string& target_dataset, bool resumable,
                                    const StreamStages& stages, const TransferAddress& address,
                                    const std::string& source_root) {
  auto endpoint = to.ssh_endpoint();
  if (!endpoint)
    return fail(
        fmt::format("node {} is not reached over SSH, so a direct transfer cannot reach it", to.node()));
  if (!address.empty()) endpoint->host = address.host;
  if (address.port) endpoint->port = static_cast<unsigned int>(*address.port);
  auto key = make_one_time_key();
  if (!key) return std::unexpected(key.error());

  // The source gets the private key and the target's verified host key, in a
  // private directory of the SSH user (scripts never run through sudo).
  // Its name carries the source root's scope, for the next apply's cleanup.
  const std::string name =
      source_root.empty() ? "flocker-transfer" : "flocker-transfer-" + transfer_scope(source_root);
  const Argv install = {"sh",
                        "-c",
                        "umask 077 && d=$(mktemp -d \"${TMPDIR:-/tmp}/$2.XXXXXX\") && cat > "
                        "\"$d/key\" && printf '%s\\n' \"$1\" > \"$d/known_hosts\" "
                        "&& echo \"$d\"",
                        "sh",
                        endpoint->known_hosts_line(),
                        name};
  auto installed = run_checked(from, install, key->private_key);
  std::string directory = installed ? std::string(trim(installed->out)) : std::string();
  // The target accepts the key for one command only, from the source's address
  // when flocker knows it; each transfer authorizes it anew (see transfer()).
  auto line = forced_receive_line(key->public_key, target_dataset, "", endpoint->sudo, resumable, stages,
                                  source_addresses(from, to, endpoint->host));
  line.pop_back();  // the marker, one per transfer, goes after it
  DirectLink link(from, to, *endpoint, stages, std::move(line), directory,
                  transfer_scope(root_of_dataset(target_dataset)));
  if (!installed) return std::unexpected(installed.error());  // link's destructor removes what is left
  if (directory.empty() || directory.front() != '/')
    return fail(fmt::format("{}: could not make a private directory for the transfer key", from.node()));
  return link;
}

DirectLink::DirectLink(DirectLink&& other) noexcept
    : from_(other.from_),
      to_(other.to_),
      endpoint_(std::move(other.endpoint_)),
      stages_(other.stages_),
      key_line_(std::move(other.key_line_)),
      directory_(std::move(other.directory_)),
      scope_(std::move(other.scope_)),
      unrevoked_(std::move(other.unrevoked_)),
      transfers_(other.transfers_),
      open_(other.open_) {
  other.open_ = false;
}

DirectLink::~DirectLink() {
  (void)close();
}

Status DirectLink::close() {
  if (!open_) return {};
  open_ = false;
  std::string left;
  for (const auto& marker : unrevoked_)
    if (!revoke(marker))
      left += fmt::format(" the line tagged {} in ~/.ssh/authorized_keys on {};", marker, to_->node());
  auto removed = directory_.empty() ? Result<CommandResult>(CommandResult{})
                                    : from_->run({"rm", "-rf", "--", directory_});
  if (!removed || !removed->ok()) left += fmt::format(" the directory {} on {};", directory_, from_->node());
  if (left.empty()) return {};
  left.pop_back();
  return fail("could not remove the one-time transfer key; remove by hand:" + left);
}

Status DirectLink::authorize(const std::string& marker) {
  auto added = to_->run(authorize_key_command(marker, kKeyLifetimeMinutes), key_line_ + " " + marker);
  if (added && added->ok()) return {};
  // The script says what went wrong and that the file is unchanged.
  return fail(
      fmt::format(
          "{}: could not add the one-time transfer key to ~/.ssh/authorized_keys: {}", to_->node(),
          added ? std::string(trim(added->err.empty() ? added->out : added->err)) : added.error().message),
      "the direct transfer needs to write ~/.ssh/authorized_keys of the SSH user on the target "
      "(free space, flock(1)); or set `transfer: relay`");
}

bool DirectLink::revoke(const std::string& marker) {
  auto removed = to_->run(revoke_key_command(marker));
  return removed && removed->ok();
}

Result<TransferResult> DirectLink::transfer(const Argv& send, Clock& clock, const TransferProgress& progress,
                                            const StopRequested& stop) {
  // Each transfer authorizes the key anew with a fresh expiry, so a long
  // pre-copy never outlives it, and removes it as soon as the stream ends.
  const auto marker = random_marker(scope_);
  if (auto added = authorize(marker); !added) {
    unrevoked_.push_back(marker);  // its outcome is unknown: close() removes it if it is there
    return std::unexpected(added.error());
  }
  auto result = stream(send, clock, progress, stop);
  if (!revoke(marker)) unrevoked_.push_back(marker);
  return result;
}

Result<TransferResult> DirectLink::stream(const Argv& send, Clock& clock, const TransferProgress& progress,
                                          const StopRequested& stop) {
  const auto start = clock.now();
  const Argv ssh = {"ssh", "-F", "/dev/null", "-i", directory_ + "/key", "-o", "IdentitiesOnly=yes", "-o",
                    "UserKnownHostsFile=" + directory_ + "/known_hosts", "-o", "StrictHostKeyChecking=yes",
                    "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
                    // AES-GCM first: with AES instructions it moves more bytes per
                    // CPU second than OpenSSH's default chacha20 (measured 207 vs 180 MB/s).
                    "-o",
                    "Ciphers=aes128-gcm@openssh.com,aes256-gcm@openssh.com,chacha20-poly1305@openssh.com",
                    "-p", std::to_string(endpoint_.port), "-l", endpoint_.user,
                    // Nothing after "--" is an option, whatever the host is called.
                    "--", endpoint_.host, "zfs-receive"};
  // In the background only to learn the pid of ssh, the pipeline's last
  // process, for cut(); the exit status is still ssh's. A file per transfer:
  // a pid left by an earlier one may belong to another process by now.
  const std::string pid_file = fmt::format("{}/pid.{}", directory_, ++transfers_);
  const Argv pipeline = {
      "sh", "-c",
      fmt::format("{} | {} & echo $! > {}; wait $!", source_pipeline(as_root_on(*from_, send), stages_),
                  quote_argv(ssh), quote_arg(pid_file))};
  auto process = from_->start(pipeline);
  if (!process) return std::unexpected(process.error());
  DdProgress counter;
  (*process)->watch_stderr([&](std::string_view text) {
    if (auto bytes = counter.feed(text); bytes && progress) progress(*bytes);
  });
  if (stop) (*process)->give_up_when(stop);
  auto result = (*process)->wait();
  const bool stopped = !result && stop && stop();
  if (stopped) result = cut(**process, pid_file);
  if (!result) return std::unexpected(result.error());
  if (stopped && !result->ok())
    return fail(
        fmt::format("the direct transfer from {} to {} was cut on request{}", from_->node(), to_->node(),
                    counter.bytes() > 0 ? fmt::format(" after {}", human_bytes(counter.bytes())) : ""));
  if (!result->ok()) {
    const auto errors = stream_errors(result->err);  // outlives the views split_lines returns
    auto lines = split_lines(trim(errors));
    // 255 is ssh's own failure: the source could not reach or log in to the target.
    std::string hint =
        result->exit_code == 255
            ? fmt::format(
                  "{} must reach the sshd of {} at {}:{}; if {} reaches it at another "
                  "address, give {} a `transfer_address: HOST[:PORT]` in the manifest; if "
                  "it cannot reach it at all, set `transfer: relay`",
                  from_->node(), to_->node(), endpoint_.host, endpoint_.port, from_->node(), to_->node())
            : "";
    return fail(fmt::format("{}: the direct transfer to {} failed (exit {}){}: {}", from_->node(),
                            to_->node(), result->exit_code,
                            counter.bytes() > 0 ? fmt::format(" after {}", human_bytes(counter.bytes())) : "",
                            lines.empty() ? "no output" : fmt::format("{}", fmt::join(lines, "; "))),
                hint);
  }
  return TransferResult{counter.bytes(), clock.seconds_since(start)};
}

Result<CommandResult> DirectLink::cut(RemoteProcess& process, const std::string& pid_file) {
  // Killed, ssh ends the pipeline at once: the stages before it lose their
  // reader, the target's receive its stream. A pipeline still starting (a
  // slow sudo) has not written the pid yet: wait up to 5 s for it. If the
  // kill fails (the pipeline had just ended), the pipeline's own end is the
  // outcome.
  (void)from_->run({"sh", "-c",
                    "i=0; while [ ! -s \"$1\" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done; "
                    "kill \"$(cat \"$1\")\"",
                    "sh", pid_file});
  process.give_up_when({});
  return process.wait();
}

}  // namespace flocker
