#pragma once
#include <string>
#include <string_view>

namespace flocker {

// Lower-case hex SHA-256 of the bytes of data.
std::string sha256_hex(std::string_view data);

}  // namespace flocker
