#include "remote/one_time_key.hpp"

#include <libssh/libssh.h>

namespace flocker {

Result<OneTimeKey> make_one_time_key() {
  ssh_key key = nullptr;
  if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK) return fail("cannot generate an ed25519 key");
  OneTimeKey result;
  char* private_text = nullptr;
  char* public_text = nullptr;
  bool ok = ssh_pki_export_privkey_base64(key, nullptr, nullptr, nullptr, &private_text) == SSH_OK &&
            ssh_pki_export_pubkey_base64(key, &public_text) == SSH_OK;
  if (ok) {
    result.private_key = private_text;
    if (!result.private_key.ends_with('\n')) result.private_key += '\n';
    result.public_key = std::string(ssh_key_type_to_char(ssh_key_type(key))) + " " + public_text;
  }
  ssh_string_free_char(private_text);
  ssh_string_free_char(public_text);
  ssh_key_free(key);
  if (!ok) return fail("cannot export a generated ed25519 key");
  return result;
}

}  // namespace flocker
