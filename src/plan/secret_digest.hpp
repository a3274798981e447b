#pragma once
// What the container's labels keep of a secret environment value: not the
// value, but a slow salted digest of it, so that a changed secret is still
// seen as drift while the label (readable by anyone who may `docker ps`) does
// not give the value away. PBKDF2-HMAC-SHA256, salted with the application
// and variable names; deterministic, so that plan and apply agree.
#include <string>

namespace flocker {

inline constexpr int kSecretDigestIterations = 100000;

// "pbkdf2-sha256:100000:<hex>"
std::string secret_digest(const std::string& app, const std::string& variable, const std::string& value);

}  // namespace flocker
