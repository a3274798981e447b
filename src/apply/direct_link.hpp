#pragma once
// Direct transfers: the source node pipes `zfs send` into `ssh target`, so
// the data never passes through flocker. The source authenticates with a key
// made for this one move, which the target accepts only for one forced
// command (`zfs receive <dataset>`, under `restrict`), for each stream anew
// (a line with its own marker and an expiry-time, removed when the stream
// ends; see remote/authorized_keys.hpp); the private half is removed when the
// link closes. The target's host key is the one flocker verified.
#include <optional>
#include <string>
#include <vector>

#include "apply/transfer.hpp"
#include "plan/model.hpp"
#include "remote/host.hpp"
#include "util/clock.hpp"

namespace flocker {

class DirectLink {
 public:
  // REQUIRES: to.ssh_endpoint() is set. resumable: the forced command is
  // `zfs receive -s -u -x …` (OpenZFS; see zfs::receive), so a cut stream can be resumed. stages: what
  // the stream passes through (the target's half is in the forced command).
  // address: where from reaches to's sshd, when not as flocker does (the
  // manifest's transfer_address); the host key stays the one flocker verified.
  // source_root: the root dataset on from, whose scope names the key's
  // directory there (remote/authorized_keys.hpp); the key's line on to is in
  // the scope of target_dataset's root.
  static Result<DirectLink> open(Host& from, Host& to, const std::string& target_dataset,
                                 bool resumable = false, const StreamStages& stages = {},
                                 const TransferAddress& address = {}, const std::string& source_root = {});
  DirectLink(DirectLink&& other) noexcept;
  DirectLink& operator=(DirectLink&&) = delete;
  ~DirectLink();  // closes

  // Authorizes the key on the target (for 15 minutes), runs
  // `send | [stages |] ssh to` on the source node, then revokes the key's
  // line. With a counter, the
  // bytes sent so far go to progress as dd reports them (each second), and
  // the result has the total. Once stop() is true, the ssh to the target is
  // killed (its pid is kept in the link's directory, in a file of this
  // transfer's own, so no other process is ever killed), which cuts the stream as
  // a lost connection would: the receive keeps nothing, or with -s a resume
  // token; the error says it was stopped. The result's seconds are measured on clock.
  Result<TransferResult> transfer(const Argv& send, Clock& clock, const TransferProgress& progress = {},
                                  const StopRequested& stop = {});
  // Revokes any line a transfer could not revoke, and removes the key from the source. An error
  // says what may be left behind, for the operator to remove.
  Status close();

 private:
  DirectLink(Host& from, Host& to, SshEndpoint endpoint, StreamStages stages, std::string key_line,
             std::string directory, std::string scope)
      : from_(&from),
        to_(&to),
        endpoint_(std::move(endpoint)),
        stages_(stages),
        key_line_(std::move(key_line)),
        directory_(std::move(directory)),
        scope_(std::move(scope)) {}

  // Adds the key's line tagged marker to the target's authorized_keys (expiring
  // in minutes), or says why it could not, the file being unchanged.
  Status authorize(const std::string& marker);
  bool revoke(const std::string& marker);
  // The transfer itself, the key being authorized.
  Result<TransferResult> stream(const Argv& send, Clock& clock, const TransferProgress& progress,
                                const StopRequested& stop);
  // Ends a running transfer: kills the ssh that carries it (whose pid the
  // pipeline writes to pid_file), then waits for the pipeline.
  Result<CommandResult> cut(RemoteProcess& process, const std::string& pid_file);

  Host* from_;
  Host* to_;
  SshEndpoint endpoint_;
  StreamStages stages_;
  std::string key_line_;                // the key's authorized_keys line, but the marker each transfer adds
  std::string directory_;               // on the source: the private key and known_hosts
  std::string scope_;                   // of the key's lines on the target
  std::vector<std::string> unrevoked_;  // markers of lines that may still be on the target
  int transfers_ = 0;                   // numbers each transfer's pid file
  bool open_ = true;
};

// The authorized_keys line that lets key run only `zfs receive dataset`
// (through `sudo -n` on nodes that need it), behind the target's stages.
// from: the source's addresses (an authorized_keys pattern list), when known.
std::string forced_receive_line(const std::string& public_key, const std::string& dataset,
                                const std::string& marker, bool sudo = false, bool resumable = false,
                                const StreamStages& stages = {}, const std::string& from = {});

// The root of a volume's dataset, which flocker names <root>/<app>.<volume>.
std::string root_of_dataset(const std::string& dataset);

// What tells whether two nodes share one network stack: the kernel's boot id
// and the network namespace of the shell, one per line.
Argv network_identity_command();

// The addresses a source's connection to target_host comes from, as a
// `from=` pattern list, when flocker can know them: a loopback target reached
// from the same kernel and network namespace (equal, non-empty identities)
// is a loopback connection. Empty otherwise: a loopback address may be a
// forward to another machine (a tunnel, a VM's port forward), whose
// connections arrive from an address flocker cannot know.
std::string known_source_addresses(const std::string& target_host, const std::string& source_identity,
                                   const std::string& target_identity);

}  // namespace flocker
