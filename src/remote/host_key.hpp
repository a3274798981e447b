#pragma once
#include <libssh/libssh.h>

#include <string>

#include "util/result.hpp"

namespace flocker {

// Checks the server's key against the known_hosts files the session was
// configured with. Unknown and changed keys are errors that show the
// fingerprint and say how to trust the key; nothing is ever added silently.
Status verify_host_key(ssh_session session, const std::string& node, const std::string& address);

}  // namespace flocker
