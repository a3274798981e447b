#pragma once
// The order in which a plan's steps may run (as ninja's Plan, apart from its
// Builder): which steps each step waits for. Computed when the plan is made,
// shown in its JSON and saved with it; the executor only follows it.
//
// A step waits for every earlier step that shares a node with it (a move
// uses two nodes), so each node's steps keep the plan's order; and a step
// that (re)starts a container waits for the steps that (re)start the
// containers of the applications it links to or depends on (Step::starts_after),
// on any node, unless that would form a cycle with what it already waits for:
// then the per-node order wins and a plan note says which start may come
// first. Destroyed datasets are the plan's last steps, so they wait for every
// earlier step on their node (a move from it, listed under another node, too).
//
// `after` holds the minimal list: a step it also waits for through another
// one is left out (a transitive reduction), which schedules the same.
#include <string>
#include <vector>

#include "plan/model.hpp"

namespace flocker {

struct StepOrder {
  std::vector<std::vector<size_t>> after;  // per step, ascending indices
  std::vector<std::string> notes;          // ordering edges that could not be honoured
};

StepOrder step_order(const std::vector<Step>& steps);

// Sets each step's `after` and appends the order's notes to the plan's.
void order_steps(Plan& plan);

}  // namespace flocker
