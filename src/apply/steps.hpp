#pragma once
// How each kind of step is carried out on a node.
#include "plan/model.hpp"
#include "remote/host.hpp"

namespace flocker {

// REQUIRES: step.kind is not MoveApplication (see execute_move).
Status execute_step(Host& host, const Step& step);

// Building blocks shared with moves.
Result<CommandResult> run_checked(Host& host, const Argv& argv, std::string_view input = {});
// Runs a zfs command again while zfs-fuse calls the dataset busy (it does for
// a moment after a receive, or after a container let go of it), up to ~5 s;
// the last outcome.
Result<CommandResult> run_while_busy(Host& host, const Argv& argv);
bool says_busy(const CommandResult& result);
// Makes a copy the live one: flocker:owner before readonly=off, so it is live before it is writable.
Status claim_copy(Host& host, const std::string& dataset, const std::string& app, const std::string& volume,
                  long long generation);
Status run_container(Host& host, const ContainerRun& run);
Status remove_container(Host& host, const std::string& name);
bool is_missing_container(const CommandResult& result);

}  // namespace flocker
