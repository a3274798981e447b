#include "state/docker_parse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "remote/docker_errors.hpp"
#include "util/text.hpp"

namespace flocker {

Result<std::vector<ContainerState>> parse_docker_ps(std::string_view out) {
  std::vector<ContainerState> containers;
  for (auto line : split_lines(out)) {
    if (trim(line).empty()) continue;
    auto fields = split(line, '\t');
    // 7 fields: the columns before flocker.root and the mounts were added.
    if (fields.size() != 7 && fields.size() != 9)
      return fail(fmt::format("unexpected `docker ps` output: \"{}\"", line));
    containers.push_back(ContainerState{
        .name = std::string(fields[0]),
        .id = std::string(fields[1]),
        .image = std::string(fields[2]),
        .state = std::string(fields[3]),
        .app = std::string(fields[4]),
        .config_hash = std::string(fields[5]),
        .config = std::string(fields[6]),
    });
    if (fields.size() == 9) {
      containers.back().root = std::string(fields[7]);
      // docker joins the mounts with ',' (a path holding one is misread, and then counts as not flocker's).
      // A bind shows as its host path; a docker volume (named, or the one
      // docker makes for an image's VOLUME) as its name, never a path.
      for (auto mount : split(fields[8], ','))
        if (!mount.empty())
          (mount.starts_with('/') ? containers.back().mounts : containers.back().docker_volumes)
              .emplace_back(mount);
    }
  }
  return containers;
}

namespace {

bool is_declared_volume_path(std::string_view path) {
  return path.starts_with('/') && path.size() <= kMaxImageVolumePathLength &&
         std::ranges::none_of(path, [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// One image's `{{json .Config.Volumes}}`: {"/data":{}} or null; nullopt when it is neither.
std::optional<std::vector<std::string>> declared_paths(std::string_view line) {
  if (line.size() > kMaxImageVolumesLine) return std::nullopt;
  const auto json = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (json.is_null()) return std::vector<std::string>{};
  if (!json.is_object()) return std::nullopt;  // also what a parse error gives (discarded)
  std::vector<std::string> paths;
  for (const auto& [path, value] : json.items()) {
    if (paths.size() == kMaxImageVolumePaths) break;
    if (is_declared_volume_path(path)) paths.push_back(path);
  }
  std::ranges::sort(paths);
  return paths;
}

}  // namespace

std::map<std::string, std::vector<std::string>> parse_image_volumes(const std::vector<std::string>& images,
                                                                    const CommandResult& result) {
  if (!result.ok() && classify_docker_failure(result) != DockerFailure::NoSuchImage) return {};
  // docker prints the images it has in the order asked, and names each it lacks on stderr.
  std::set<std::string_view> missing;
  constexpr std::string_view kNoSuchImage = "No such image: ";
  for (auto line : split_lines(result.err))
    if (auto at = line.find(kNoSuchImage); at != std::string_view::npos)
      missing.insert(trim(line.substr(at + kNoSuchImage.size())));
  std::vector<std::string_view> found;
  for (const auto& image : images)
    if (!missing.contains(image)) found.push_back(image);
  std::vector<std::string_view> lines;
  for (auto line : split_lines(result.out))
    if (!trim(line).empty()) lines.push_back(trim(line));
  if (lines.size() != found.size()) return {};
  std::map<std::string, std::vector<std::string>> volumes;
  for (size_t i = 0; i < found.size(); ++i)
    if (auto paths = declared_paths(lines[i])) volumes[std::string(found[i])] = std::move(*paths);
  return volumes;
}

Result<std::string> parse_docker_version(int exit_code, std::string_view out, std::string_view err) {
  if (exit_code == 0 && !trim(out).empty()) return std::string(trim(out));
  auto lines = split_lines(err);
  std::string reason = lines.empty() ? "no output" : std::string(trim(lines.back()));
  // A shell without docker exits 127 ("docker: not found").
  if (exit_code == 127 ||
      classify_docker_failure({exit_code, std::string(out), std::string(err)}) == DockerFailure::NotInstalled)
    return fail(fmt::format("docker is not installed or not on the PATH: {}", reason),
                "install docker on the node (Debian: apt-get install docker.io)");
  return fail(
      fmt::format("cannot talk to the Docker engine: {}", reason),
      "check that dockerd runs on the node and that the SSH user may use it (docker group or sudo: true)");
}

}  // namespace flocker
