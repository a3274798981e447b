#include "remote/host_key.hpp"

#include <fmt/format.h>

namespace flocker {

namespace {

struct KeyInfo {
  std::string type;         // "ssh-ed25519"
  std::string fingerprint;  // "SHA256:…"
};

Result<KeyInfo> server_key_info(ssh_session session) {
  ssh_key key = nullptr;
  if (ssh_get_server_publickey(session, &key) != SSH_OK)
    return fail(fmt::format("cannot read the server's host key: {}", ssh_get_error(session)));
  KeyInfo info{ssh_key_type_to_char(ssh_key_type(key)), ""};
  unsigned char* hash = nullptr;
  size_t hash_length = 0;
  if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hash_length) == SSH_OK) {
    char* text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hash_length);
    if (text != nullptr) info.fingerprint = text;
    ssh_string_free_char(text);
    ssh_clean_pubkey_hash(&hash);
  }
  ssh_key_free(key);
  return info;
}

std::string known_hosts_file(ssh_session session) {
  char* path = nullptr;
  if (ssh_options_get(session, SSH_OPTIONS_KNOWNHOSTS, &path) != SSH_OK || path == nullptr)
    return "~/.ssh/known_hosts";
  std::string result = path;
  ssh_string_free_char(path);
  return result;
}

}  // namespace

Status verify_host_key(ssh_session session, const std::string& node, const std::string& address) {
  auto info = server_key_info(session);
  if (!info) return std::unexpected(info.error());
  const auto file = known_hosts_file(session);
  switch (ssh_session_is_known_server(session)) {
    case SSH_KNOWN_HOSTS_OK:
      return {};
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER:
      return fail(
          fmt::format("HOST KEY MISMATCH for node {} ({}): it now presents {} key {}, which does not "
                      "match the key recorded in {}. Someone may be intercepting the connection, "
                      "or the host was reinstalled.",
                      node, address, info->type, info->fingerprint, file),
          fmt::format("flocker stops here. If the change is expected, verify the new fingerprint "
                      "with the host's administrator, remove the old entry (ssh-keygen -R '{}' -f {}) "
                      "and add the new one.",
                      address, file));
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND:
      return fail(fmt::format("the host key of node {} ({}) is not known: {} key {} is not in {}", node,
                              address, info->type, info->fingerprint, file),
                  fmt::format("flocker never trusts a key on first sight. Check the fingerprint on the host "
                              "(ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), then add it to {}, for example "
                              "by connecting once with `ssh` and answering yes.",
                              file));
    case SSH_KNOWN_HOSTS_ERROR:
      break;
  }
  return fail(
      fmt::format("cannot check the host key of node {} ({}): {}", node, address, ssh_get_error(session)));
}

}  // namespace flocker
