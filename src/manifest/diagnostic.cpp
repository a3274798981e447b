#include "manifest/diagnostic.hpp"

#include <fmt/format.h>

namespace flocker {

std::string format_location(const SourceLocation& where) {
  if (where.line == 0) return where.file;
  return fmt::format("{}:{}:{}", where.file, where.line, where.column);
}

std::string format_diagnostic(const Diagnostic& diagnostic) {
  return fmt::format("{}: error: {}", format_location(diagnostic.where), diagnostic.message);
}

}  // namespace flocker
