#pragma once
// Reading what a FakeHost was asked to run, for tests of what runs in which
// order: each command as one line, words joined by spaces (unquoted, to read
// easily).
#include <string>
#include <vector>

#include "support/fake_host.hpp"

namespace flocker::testing {

std::vector<std::string> lines(const FakeHost& host);

// The index of the first line starting with prefix, or commands.size().
size_t index_of(const std::vector<std::string>& commands, const std::string& prefix);

}  // namespace flocker::testing
