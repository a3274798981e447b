#include "util/result.hpp"

namespace flocker {

std::string describe(const Error& error) {
  if (error.hint.empty()) return error.message;
  return error.message + "\n  " + error.hint;
}

}  // namespace flocker
