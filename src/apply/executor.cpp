#include "apply/executor.hpp"

#include <fmt/format.h>

#include <chrono>
#include <mutex>

#include "apply/steps.hpp"
#include "util/parallel.hpp"

namespace flocker {

ApplyReport apply_plan(const Plan& plan, const std::map<std::string, std::unique_ptr<Host>>& hosts,
                       size_t parallelism, const StepListener& listener) {
  std::vector<std::string> nodes;
  std::map<std::string, std::vector<const Step*>> steps_by_node;
  for (const auto& step : plan.steps) {
    auto& steps = steps_by_node[step.node];
    if (steps.empty()) nodes.push_back(step.node);
    steps.push_back(&step);
  }

  ApplyReport report;
  std::mutex mutex;
  auto notify = [&](const Step& step, StepEvent event, double seconds, const Error* error) {
    std::lock_guard lock(mutex);
    switch (event) {
      case StepEvent::Started: break;
      case StepEvent::Done: ++report.done; break;
      case StepEvent::Failed: ++report.failed; report.errors.push_back(*error); break;
      case StepEvent::Skipped: ++report.skipped; break;
    }
    if (listener) listener(step, event, seconds, error);
  };

  parallel_for(nodes.size(), parallelism, [&](size_t i) {
    const auto& steps = steps_by_node.at(nodes[i]);
    auto host = hosts.find(nodes[i]);
    bool failed = false;
    for (const Step* step : steps) {
      if (failed) {
        notify(*step, StepEvent::Skipped, 0, nullptr);
        continue;
      }
      if (host == hosts.end() || !host->second) {
        Error error{fmt::format("node {} is not connected", nodes[i]), {}};
        notify(*step, StepEvent::Failed, 0, &error);
        failed = true;
        continue;
      }
      notify(*step, StepEvent::Started, 0, nullptr);
      const auto start = std::chrono::steady_clock::now();
      auto outcome = execute_step(*host->second, *step);
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (outcome) {
        notify(*step, StepEvent::Done, seconds, nullptr);
      } else {
        notify(*step, StepEvent::Failed, seconds, &outcome.error());
        failed = true;
      }
    }
  });
  return report;
}

}  // namespace flocker
