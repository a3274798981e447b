#pragma once
// Runs a plan: each node's steps in order, nodes in parallel. A failed step
// stops the rest of its node's steps; other nodes go on.
#include <functional>
#include <map>
#include <memory>

#include "plan/model.hpp"
#include "remote/host.hpp"

namespace flocker {

enum class StepEvent { Started, Done, Failed, Skipped };

// Called from the worker threads, one call at a time (the executor serializes them).
using StepListener = std::function<void(const Step& step, StepEvent event, double seconds, const Error* error)>;

struct ApplyReport {
  size_t done = 0;
  size_t failed = 0;
  size_t skipped = 0;
  std::vector<Error> errors;
  bool ok() const { return failed == 0 && skipped == 0; }
};

ApplyReport apply_plan(const Plan& plan, const std::map<std::string, std::unique_ptr<Host>>& hosts,
                       size_t parallelism, const StepListener& listener);

}  // namespace flocker
