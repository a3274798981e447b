#include "plan/secret_digest.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace flocker {

std::string secret_digest(const std::string& app, const std::string& variable, const std::string& value) {
  const std::string salt = "flocker-secret\n" + app + "\n" + variable;
  std::array<unsigned char, 32> key{};
  if (PKCS5_PBKDF2_HMAC(value.data(), static_cast<int>(value.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()),
                        kSecretDigestIterations, EVP_sha256(), static_cast<int>(key.size()), key.data()) != 1)
    throw std::runtime_error("PBKDF2 failed in OpenSSL");
  std::string hex;
  for (unsigned char byte : key) hex += fmt::format("{:02x}", byte);
  return fmt::format("pbkdf2-sha256:{}:{}", kSecretDigestIterations, hex);
}

}  // namespace flocker
