#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/apply_output.hpp"
#include "cli/progress_text.hpp"
#include "cli/progress_throttle.hpp"
#include "plan/render.hpp"

namespace flocker {

namespace {

constexpr int kFormatVersion = 1;

nlohmann::json error_json(const Error& error) {
  nlohmann::json json = {{"message", error.message}};
  if (!error.hint.empty()) json["hint"] = error.hint;
  return json;
}

// One JSON object a line on stdout, flushed at once so a reader sees each event
// as it happens. Every object has "type" and "format_version".
class JsonApplyOutput final : public ApplyOutput {
 public:
  explicit JsonApplyOutput(const Clock& clock) : progress_(clock, kJsonProgressInterval) {}

  void manifest_errors(const Diagnostics& diagnostics) override {
    auto list = nlohmann::json::array();
    for (const auto& diagnostic : diagnostics)
      list.push_back({{"file", diagnostic.where.file},
                      {"line", diagnostic.where.line},
                      {"column", diagnostic.where.column},
                      {"message", diagnostic.message}});
    emit({{"type", "error"},
          {"message", fmt::format("{} {} in the manifest; nothing was changed", diagnostics.size(),
                                  diagnostics.size() == 1 ? "error" : "errors")},
          {"diagnostics", list}});
  }

  void error(const Error& error) override {
    auto json = error_json(error);
    json["type"] = "error";
    emit(std::move(json));
  }

  void warning(const std::string& text) override { emit({{"type", "warning"}, {"message", text}}); }

  void plan(const Plan& plan) override { emit({{"type", "plan"}, {"plan", plan_to_json(plan)}}); }

  void step(const StepUpdate& update, size_t index) override {
    nlohmann::json json = {{"step", index},
                           {"node", update.step.node},
                           {"kind", step_kind_name(update.step.kind)},
                           {"description", describe_step(update.step)}};
    switch (update.event) {
      case StepEvent::Started:
        json["type"] = "step_started";
        break;
      case StepEvent::Progress: {
        if (update.transient && !progress_.due(index)) return;
        json["type"] = "progress";
        json["message"] = progress_message(update);
        if (update.transient) json["bytes"] = update.bytes;
        if (update.total_bytes > 0) json["total_bytes"] = update.total_bytes;
        if (update.fact) {
          json["fact"] = progress_kind_name(update.fact->kind);
          // How long a stream took, or the application was stopped for a move.
          if (update.fact->kind == ProgressKind::Sent || update.fact->kind == ProgressKind::Downtime)
            json["seconds"] = update.fact->seconds;
        }
        break;
      }
      case StepEvent::Done:
        json["type"] = "step_done";
        json["seconds"] = update.seconds;
        break;
      case StepEvent::Failed:
        json["type"] = "step_failed";
        json["seconds"] = update.seconds;
        if (update.error != nullptr) json["error"] = error_json(*update.error);
        break;
      case StepEvent::Skipped:
        json["type"] = "step_skipped";
        json["reason"] =
            update.skip_reason == SkipReason::Interrupted ? "interrupted" : "earlier_step_failed";
        break;
    }
    emit(std::move(json));
  }

  void summary(const ApplySummary& summary) override {
    auto errors = nlohmann::json::array();
    for (const auto& error : summary.errors) errors.push_back(error_json(error));
    emit({{"type", "summary"},
          {"outcome", outcome_name(summary.outcome)},
          {"steps", summary.total},
          {"done", summary.done},
          {"failed", summary.failed},
          {"not_started", summary.skipped},
          {"errors", errors},
          {"exit_code", summary.exit_code}});
  }

 private:
  static void emit(nlohmann::json json) {
    json["format_version"] = kFormatVersion;
    fmt::print("{}\n", json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    std::fflush(stdout);
  }

  ProgressThrottle<size_t> progress_;
};

}  // namespace

std::unique_ptr<ApplyOutput> json_apply_output(const Clock& clock) {
  return std::make_unique<JsonApplyOutput>(clock);
}

}  // namespace flocker
