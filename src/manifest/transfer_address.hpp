#pragma once
// A node's transfer_address: where the other nodes reach its sshd for direct
// transfers, when not where flocker does. Read from manifests and plan files.
#include <optional>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace flocker {

struct TransferAddress {
  std::string host;         // empty: the host flocker connected to
  std::optional<int> port;  // empty: the port flocker connected to

  bool empty() const { return host.empty(); }
  std::string text() const;  // "10.1.0.2" or "10.1.0.2:2222"; "" when empty
};

// "HOST" or "HOST:PORT": a host name or IPv4 address (letters, digits, '.',
// '-', '_', no leading '-': it becomes an argument of ssh on the source node)
// and a port from 1 to 65535. The error says which part is wrong, in words
// that follow "must be".
Result<TransferAddress> parse_transfer_address(std::string_view text);

}  // namespace flocker
