#pragma once
// Plain aligned columns for terminal tables: greppable, no box drawing.
#include <string>
#include <vector>

namespace flocker {

// The first row is the header. Columns are separated by two spaces; the last
// column is not padded.
std::string render_table(const std::vector<std::vector<std::string>>& rows);

}  // namespace flocker
