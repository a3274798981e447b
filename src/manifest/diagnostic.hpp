#pragma once
// Errors found in manifest files, each pinned to a file, line and column.
#include <string>
#include <vector>

namespace flocker {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
};

struct Diagnostic {
  SourceLocation where;
  std::string message;
};

using Diagnostics = std::vector<Diagnostic>;

// "flocker.yaml:12:5: error: unknown key ..." (the form editors and CI annotate).
std::string format_diagnostic(const Diagnostic& diagnostic);

std::string format_location(const SourceLocation& where);

}  // namespace flocker
