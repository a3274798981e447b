#pragma once
// The one place where an argv becomes a line for a remote POSIX shell.
// SSH runs commands through the user's login shell, so every argument that
// reaches a node passes through quote_argv(); nothing is ever concatenated raw.
#include <string>
#include <string_view>
#include <vector>

namespace flocker {

using Argv = std::vector<std::string>;

// Returns arg unchanged when it holds only characters that no POSIX shell
// treats specially, else wraps it in single quotes ('\'' for each quote).
std::string quote_arg(std::string_view arg);

// REQUIRES: !argv.empty()
std::string quote_argv(const Argv& argv);

}  // namespace flocker
