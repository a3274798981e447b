#include "cli/plan_file.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "util/sha256.hpp"

namespace flocker {

namespace {

std::optional<std::string> read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

Status write_plan_file(const std::string& path, const SavedPlan& saved) {
  const auto temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << saved_plan_to_json(saved).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    out.close();
    if (!out) return fail(fmt::format("cannot write the plan to {}: {}", temporary, std::strerror(errno)));
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    auto error = fail(fmt::format("cannot save the plan as {}: {}", path, std::strerror(errno)));
    std::remove(temporary.c_str());
    return error;
  }
  return {};
}

Result<SavedPlan> read_plan_file(const std::string& path) {
  auto text = read_whole(path);
  if (!text) return fail(fmt::format("cannot read the plan file {}: {}", path, std::strerror(errno)));
  auto json = nlohmann::json::parse(*text, nullptr, false);
  if (json.is_discarded())
    return fail(fmt::format("{} is not a saved plan: it is not JSON", path),
                "save a plan with: flocker plan -out FILE");
  return saved_plan_from_json(json, path);
}

Result<std::optional<SavedPlan>> saved_plan_argument(const std::vector<std::string>& files) {
  std::optional<std::string> plan_file;
  for (const auto& file : files) {
    auto text = read_whole(file);
    if (text && looks_like_saved_plan(*text)) plan_file = file;
  }
  if (!plan_file) return std::optional<SavedPlan>{};
  if (files.size() > 1)
    return fail(fmt::format("{} is a saved plan, and a saved plan is applied on its own", *plan_file),
                fmt::format("the plan already names its manifests: flocker apply {}", *plan_file));
  auto saved = read_plan_file(*plan_file);
  if (!saved) return std::unexpected(saved.error());
  return std::optional<SavedPlan>{std::move(*saved)};
}

std::map<std::string, std::string> current_manifest_digests(const std::vector<SavedManifestFile>& files) {
  std::map<std::string, std::string> digests;
  for (const auto& file : files)
    if (auto text = read_whole(file.path)) digests[file.path] = sha256_hex(*text);
  return digests;
}

std::string utc_timestamp() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

}  // namespace flocker
