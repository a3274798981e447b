#pragma once
// A fresh ed25519 key pair, made in memory for one direct transfer and never
// written anywhere but the two nodes of that transfer.
#include <string>

#include "util/result.hpp"

namespace flocker {

struct OneTimeKey {
  std::string private_key;  // OpenSSH private key file contents
  std::string public_key;   // "ssh-ed25519 AAAA…"
};

Result<OneTimeKey> make_one_time_key();

}  // namespace flocker
