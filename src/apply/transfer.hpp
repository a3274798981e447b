#pragma once
// Streams a `zfs send` on one node into a `zfs receive` on another.
#include <functional>

#include "remote/host.hpp"
#include "util/clock.hpp"

namespace flocker {

struct TransferResult {
  unsigned long long bytes = 0;
  double seconds = 0;
};

// Called every few hundred kilobytes with the bytes moved so far.
using TransferProgress = std::function<void(unsigned long long bytes)>;
// Asked while a stream runs: true cuts it short (a stop request).
using StopRequested = std::function<bool()>;

// Relay: flocker reads the send stream from one SSH channel and writes it to
// the other, so the nodes need not reach each other. A failure on either
// side stops both; the source is only ever read. send and receive may be
// pipelines (`sh -c …`) around zfs send and zfs receive; progress sees the
// bytes relayed, sender_stderr the sender's stderr as it arrives. Once stop()
// is true the stream is cut as a lost connection would cut it (the receive
// sees it end early: nothing, or with -s a resume token) and the error says
// it was stopped. The result's seconds are measured on clock.
Result<TransferResult> relay_transfer(Host& from, const Argv& send, Host& to, const Argv& receive,
                                      Clock& clock, const TransferProgress& progress,
                                      const std::function<void(std::string_view)>& sender_stderr = {},
                                      const StopRequested& stop = {});

}  // namespace flocker
