#include "manifest/link_env.hpp"

#include <fmt/format.h>

#include <cctype>

namespace flocker {

std::map<std::string, std::string> link_environment(const LinkSpec& link) {
  std::string alias;
  for (char c : link.alias) alias += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : '_';
  std::string protocol;
  for (char c : link.protocol) protocol += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const auto prefix = fmt::format("{}_PORT_{}_{}", alias, link.local_port, protocol);
  return {
      {prefix, fmt::format("{}://{}:{}", link.protocol, link.address, link.remote_port)},
      {prefix + "_ADDR", link.address},
      {prefix + "_PORT", std::to_string(link.remote_port)},
      {prefix + "_PROTO", link.protocol},
  };
}

}  // namespace flocker
