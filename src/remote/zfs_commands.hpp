#pragma once
// Typed builders for the `zfs` command lines flocker runs. Each returns an
// argv; quoting for the remote shell happens in quote_argv() only.
#include <map>
#include <string>
#include <vector>

#include "util/shell_quote.hpp"

namespace flocker::zfs {

Argv version();
// Every dataset and snapshot below root with the properties flocker reads.
Argv get_observed(const std::string& root);
Argv list_name(const std::string& dataset);
Argv create(const std::string& dataset, const std::map<std::string, std::string>& properties);
// Creates root and any missing parents.
Argv create_with_parents(const std::string& dataset);
// name, property, value lines for mountpoint and mounted of each dataset.
Argv get_mount_state(const std::vector<std::string>& datasets);
Argv mount(const std::string& dataset);

// The pool part of a dataset name ("tank" of "tank/flocker").
std::string pool_of(const std::string& dataset);

}  // namespace flocker::zfs
