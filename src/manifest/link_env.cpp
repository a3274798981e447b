#include "manifest/link_env.hpp"

#include <fmt/format.h>

#include <cctype>
#include <tuple>

namespace flocker {

namespace {

bool resolved(const LinkSpec& link) {
  return !link.address.empty();
}

std::string upper(const std::string& text) {
  std::string out;
  for (char c : text) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// "MY_DB" for "my-db": what Docker makes of a link name (aliases are letters, digits, '_' and '-').
std::string variable_alias(const std::string& alias) {
  std::string out;
  for (char c : alias)
    out += std::isalnum(static_cast<unsigned char>(c))
               ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
               : '_';
  return out;
}

// tcp://10.0.0.2:15432; an IPv6 address in brackets, or its port would not stand apart.
std::string url(const LinkSpec& link) {
  const bool ipv6 = link.address.find(':') != std::string::npos;
  return fmt::format("{}://{}{}{}:{}", link.protocol, ipv6 ? "[" : "", link.address, ipv6 ? "]" : "",
                     link.remote_port);
}

// Docker sorts a link's ports tcp first, then by protocol, then by number,
// and names the first one <ALIAS>_PORT.
auto port_order(const LinkSpec& link) {
  return std::tuple(link.protocol != "tcp", link.protocol, link.local_port);
}

bool first_port_of_alias(const std::vector<LinkSpec>& links, size_t index) {
  for (size_t other = 0; other < links.size(); ++other) {
    if (other == index || !resolved(links[other]) || links[other].alias != links[index].alias) continue;
    const auto mine = port_order(links[index]), theirs = port_order(links[other]);
    if (theirs < mine || (theirs == mine && other < index)) return false;
  }
  return true;
}

}  // namespace

std::map<std::string, std::string> link_variables(const std::vector<LinkSpec>& links, size_t index) {
  const auto& link = links.at(index);
  if (!resolved(link)) return {};
  const auto alias = variable_alias(link.alias);
  const auto prefix = fmt::format("{}_PORT_{}_{}", alias, link.local_port, upper(link.protocol));
  std::map<std::string, std::string> variables = {
      {prefix, url(link)},
      {prefix + "_ADDR", link.address},
      {prefix + "_PORT", std::to_string(link.remote_port)},
      {prefix + "_PROTO", link.protocol},
  };
  if (first_port_of_alias(links, index)) variables[alias_port_variable(link)] = url(link);
  return variables;
}

std::string alias_port_variable(const LinkSpec& link) {
  return variable_alias(link.alias) + "_PORT";
}

std::map<std::string, std::string> link_environment(const std::vector<LinkSpec>& links) {
  std::map<std::string, std::string> environment;
  for (size_t index = 0; index < links.size(); ++index) environment.merge(link_variables(links, index));
  return environment;
}

}  // namespace flocker
