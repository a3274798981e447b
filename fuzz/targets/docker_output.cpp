// What a node's docker prints, as flocker reads it (src/state/docker_parse):
// `docker ps` lines in docker_ps_format(), `docker version`, and the VOLUME
// paths of `docker image inspect`. The first byte picks the parser (0: ps,
// 1: version, 2: image volumes), the rest is its stdout.
#include <cstdint>
#include <string_view>

#include "state/docker_parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view out(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      (void)flocker::parse_docker_ps(out);
      break;
    case 1:
      (void)flocker::parse_docker_version(0, out, "");
      break;
    default:
      (void)flocker::parse_image_volumes({"a:1", "b:1", "c:1"},
                                         {1, std::string(out), "Error: No such image: b:1\n"});
      break;
  }
  return 0;
}
