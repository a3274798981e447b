#pragma once
// Pure parsers for `docker` output.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "remote/docker_commands.hpp"  // docker_ps_format: the columns parse_docker_ps reads
#include "remote/host.hpp"
#include "state/model.hpp"
#include "util/result.hpp"

namespace flocker {

Result<std::vector<ContainerState>> parse_docker_ps(std::string_view out);

// Bounds on what a node may say about an image's VOLUME paths; beyond them it is ignored.
inline constexpr size_t kMaxImageVolumePaths = 64;         // paths kept per image
inline constexpr size_t kMaxImageVolumePathLength = 4096;  // PATH_MAX
inline constexpr size_t kMaxImageVolumesLine = 64 * 1024;  // bytes of one image's JSON

// From docker::image_volumes(images): the VOLUME paths each image the node
// has declares, sorted (empty: none); an image the node lacks is absent. What
// a node prints is not trusted: only absolute paths without control
// characters are kept, bounded in count and length; a line that is not a JSON
// object (or null) leaves its image out, and output that does not line up
// with the images asked for (one line per image found, the missing ones named
// on stderr) gives nothing.
std::map<std::string, std::vector<std::string>> parse_image_volumes(const std::vector<std::string>& images,
                                                                    const CommandResult& result);

// From `docker version --format {{.Server.Version}}`.
Result<std::string> parse_docker_version(int exit_code, std::string_view out, std::string_view err);

}  // namespace flocker
