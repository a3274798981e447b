#include "plan/step_graph.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace flocker {

namespace {

using Edges = std::vector<std::vector<size_t>>;  // per step, the steps it waits for

bool shares_node(const Step& a, const Step& b) {
  for (const auto& x : nodes_of(a))
    for (const auto& y : nodes_of(b))
      if (x == y) return true;
  return false;
}

// Whether step `from` already waits, directly or not, for step `to`.
bool waits_for(const Edges& before, size_t from, size_t to) {
  std::vector<size_t> stack = {from};
  std::vector<bool> seen(before.size());
  while (!stack.empty()) {
    const size_t at = stack.back();
    stack.pop_back();
    if (at == to) return true;
    if (seen[at]) continue;
    seen[at] = true;
    for (size_t next : before[at]) stack.push_back(next);
  }
  return false;
}

std::string unhonoured_start(const Step& step, const Step& first) {
  return fmt::format(
      "the container of {} may start before that of {}, which it links to or depends on: {}'s step on {} "
      "already waits for {}'s step on {} through the order of steps on each node",
      step.app, first.app, first.app, first.node, step.app, step.node);
}

// A step whose predecessor is also reached through another predecessor
// need not list it: the other one already waits for it. The graph is acyclic.
Edges reduce(const Edges& before) {
  const size_t count = before.size();
  std::vector<std::vector<bool>> reach(count);  // reach[i][j]: i waits for j, directly or not
  std::vector<int> state(count, 0);             // 0 new, 1 in progress, 2 done
  auto visit = [&](auto& self, size_t i) -> void {
    if (state[i] != 0) return;
    state[i] = 1;
    reach[i].assign(count, false);
    for (size_t j : before[i]) {
      self(self, j);
      reach[i][j] = true;
      for (size_t k = 0; k < count; ++k)
        if (reach[j][k]) reach[i][k] = true;
    }
    state[i] = 2;
  };
  Edges minimal(count);
  for (size_t i = 0; i < count; ++i) {
    visit(visit, i);
    for (size_t j : before[i]) {
      const bool through_another =
          std::ranges::any_of(before[i], [&](size_t k) { return k != j && reach[k][j]; });
      if (!through_another) minimal[i].push_back(j);
    }
    std::ranges::sort(minimal[i]);
    const auto [first, last] = std::ranges::unique(minimal[i]);
    minimal[i].erase(first, last);
  }
  return minimal;
}

}  // namespace

StepOrder step_order(const std::vector<Step>& steps) {
  const size_t count = steps.size();
  Edges before(count);
  for (size_t i = 0; i < count; ++i)
    for (size_t j = 0; j < i; ++j)
      if (shares_node(steps[i], steps[j])) before[i].push_back(j);
  StepOrder order;
  for (size_t i = 0; i < count; ++i)
    for (const auto& app : steps[i].starts_after)
      for (size_t j = 0; j < count; ++j) {
        if (j == i || steps[j].app != app || !starts_container(steps[j])) continue;
        if (waits_for(before, j, i)) {
          auto note = unhonoured_start(steps[i], steps[j]);
          if (std::ranges::find(order.notes, note) == order.notes.end())
            order.notes.push_back(std::move(note));
        } else {
          before[i].push_back(j);
        }
      }
  order.after = reduce(before);
  return order;
}

void order_steps(Plan& plan) {
  auto order = step_order(plan.steps);
  for (size_t i = 0; i < plan.steps.size(); ++i) plan.steps[i].after = std::move(order.after[i]);
  std::ranges::move(order.notes, std::back_inserter(plan.notes));
}

}  // namespace flocker
