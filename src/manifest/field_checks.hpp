#pragma once
// Checks of the values that reach a node: each returns why a value is
// refused, or nullopt when it is fine. They run in `flocker validate`, so a
// bad value is an error at its file:line:col before any connection.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace flocker {

// Every scalar is at most this long: a remote command is one argument of
// `sh -c` on the node, which Linux caps at 128 KiB (MAX_ARG_STRLEN) for the
// whole `docker run` line.
inline constexpr size_t kMaxValueLength = 32 * 1024;

// Docker refuses a memory limit below 6 MiB ("Minimum memory limit allowed is 6MB").
inline constexpr std::uint64_t kMinMemoryLimit = 6ull << 20;

// No NUL or control character but tab and line feed, and at most kMaxValueLength bytes.
std::optional<std::string> check_scalar_text(std::string_view text);

// An SSH host: an alias or host name (letters, digits, '.', '-', '_', not
// starting with '-': it becomes an argument of ssh) or an IP address.
std::optional<std::string> check_host(std::string_view host);

// A POSIX user name: letters, digits, '.', '_', '-', not starting with '-', at most 32.
std::optional<std::string> check_user(std::string_view user);

// Docker's image reference grammar (distribution/reference):
// [domain[:port]/]path[:tag][@algorithm:hex], path components in lower case.
std::optional<std::string> check_image_reference(std::string_view image);

// A label key: not empty, no '=', whitespace or control characters.
std::optional<std::string> check_label_key(std::string_view key);

// What docker's --env-file reader (how secrets reach `docker run`) would drop
// or mangle: an empty name, '=', whitespace, a leading '#'.
std::optional<std::string> check_secret_name(std::string_view name);

}  // namespace flocker
