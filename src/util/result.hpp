#pragma once
// Results for operations that can fail: std::expected with a message a person can act on.
#include <expected>
#include <string>
#include <utility>

namespace flocker {

struct Error {
  std::string message;  // what happened, in one sentence
  std::string hint;     // what to do about it; may be empty
};

template <class T>
using Result = std::expected<T, Error>;

using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(std::string message, std::string hint = {}) {
  return std::unexpected(Error{std::move(message), std::move(hint)});
}

// "message\n  hint" as shown at the terminal.
std::string describe(const Error& error);

}  // namespace flocker
