#pragma once
// Direct transfers: the source node pipes `zfs send` into `ssh target`, so
// the data never passes through flocker. The source authenticates with a key
// made for this one move, which the target accepts only for one forced
// command (`zfs receive <dataset>`, under `restrict`); both halves are removed
// when the link closes. The target's host key is the one flocker verified.
#include <optional>
#include <string>

#include "apply/transfer.hpp"
#include "plan/model.hpp"
#include "remote/host.hpp"

namespace flocker {

class DirectLink {
 public:
  // REQUIRES: to.ssh_endpoint() is set. resumable: the forced command is
  // `zfs receive -s -u -x …` (OpenZFS; see zfs::receive), so a cut stream can be resumed. stages: what
  // the stream passes through (the target's half is in the forced command).
  // address: where from reaches to's sshd, when not as flocker does (the
  // manifest's transfer_address); the host key stays the one flocker verified.
  static Result<DirectLink> open(Host& from, Host& to, const std::string& target_dataset,
                                 bool resumable = false, const StreamStages& stages = {},
                                 const TransferAddress& address = {});
  DirectLink(DirectLink&& other) noexcept;
  DirectLink& operator=(DirectLink&&) = delete;
  ~DirectLink();  // closes

  // Runs `send | [stages |] ssh to` on the source node. With a counter, the
  // bytes sent so far go to progress as dd reports them (each second), and
  // the result has the total. Once stop() is true, the ssh to the target is
  // killed (its pid is kept in the link's directory, in a file of this
  // transfer's own, so no other process is ever killed), which cuts the stream as
  // a lost connection would: the receive keeps nothing, or with -s a resume
  // token; the error says it was stopped.
  Result<TransferResult> transfer(const Argv& send, const TransferProgress& progress = {},
                                  const StopRequested& stop = {});
  // Revokes the key on the target and removes it from the source. An error
  // says what may be left behind, for the operator to remove.
  Status close();

 private:
  DirectLink(Host& from, Host& to, SshEndpoint endpoint, StreamStages stages, std::string marker,
             std::string directory)
      : from_(&from),
        to_(&to),
        endpoint_(std::move(endpoint)),
        stages_(stages),
        marker_(std::move(marker)),
        directory_(std::move(directory)) {}

  // Ends a running transfer: kills the ssh that carries it (whose pid the
  // pipeline writes to pid_file), then waits for the pipeline.
  Result<CommandResult> cut(RemoteProcess& process, const std::string& pid_file);

  Host* from_;
  Host* to_;
  SshEndpoint endpoint_;
  StreamStages stages_;
  std::string marker_;     // the comment that tags the key in authorized_keys
  std::string directory_;  // on the source: the private key and known_hosts
  int transfers_ = 0;      // numbers each transfer's pid file
  bool open_ = true;
};

// The authorized_keys line that lets key run only `zfs receive dataset`
// (through `sudo -n` on nodes that need it), behind the target's stages.
std::string forced_receive_line(const std::string& public_key, const std::string& dataset,
                                const std::string& marker, bool sudo = false, bool resumable = false,
                                const StreamStages& stages = {});

}  // namespace flocker
