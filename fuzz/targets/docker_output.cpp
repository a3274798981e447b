// What a node's docker prints, as flocker reads it (src/state/docker_parse):
// `docker ps` lines in docker_ps_format(), and `docker version`. The first
// byte picks the parser, the rest is its stdout.
#include <cstdint>
#include <string_view>

#include "state/docker_parse.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view out(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0)
    (void)flocker::parse_docker_ps(out);
  else
    (void)flocker::parse_docker_version(0, out, "");
  return 0;
}
