#pragma once
// How each kind of step is carried out on a node.
#include "plan/model.hpp"
#include "remote/host.hpp"
#include "util/clock.hpp"

namespace flocker {

// REQUIRES: step.kind is not MoveApplication (see execute_move). clock:
// for the waits of a destroy that zfs-fuse calls busy.
Status execute_step(Host& host, const Step& step, Clock& clock);

// Building blocks shared with moves.
Result<CommandResult> run_checked(Host& host, const Argv& argv, std::string_view input = {});
// Makes a copy the live one: flocker:owner before readonly=off, so it is live before it is writable.
Status claim_copy(Host& host, const std::string& dataset, const std::string& app, const std::string& volume,
                  long long generation);
Status run_container(Host& host, const ContainerRun& run);
// Stops and removes the container; one that is not there is no error.
Status remove_container(Host& host, const std::string& name);

}  // namespace flocker
