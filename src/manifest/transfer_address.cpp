#include "manifest/transfer_address.hpp"

#include <algorithm>
#include <cctype>

#include "util/number.hpp"

namespace flocker {

std::string TransferAddress::text() const {
  if (host.empty()) return "";
  return port ? host + ":" + std::to_string(*port) : host;
}

Result<TransferAddress> parse_transfer_address(std::string_view text) {
  TransferAddress address;
  std::string_view host = text;
  if (auto colon = text.rfind(':'); colon != std::string_view::npos) {
    const auto port_text = text.substr(colon + 1);
    host = text.substr(0, colon);
    auto port = parse_number<int>(port_text);
    if (!port || *port < 1 || *port > 65535) return fail("HOST or HOST:PORT with a port from 1 to 65535");
    address.port = *port;
  }
  const bool plain = std::ranges::all_of(host, [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_';
  });
  if (host.empty() || host.front() == '-' || !plain)
    return fail("HOST or HOST:PORT, with a host name or IPv4 address");
  address.host = host;
  return address;
}

}  // namespace flocker
