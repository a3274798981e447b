#pragma once
// Terminal colours, used only when the output is a terminal and NO_COLOR is unset.
#include <string>
#include <string_view>

namespace flocker {

enum class Colour { Green, Yellow, Red, Bold, Dim };

struct Style {
  bool colour = false;
  std::string paint(std::string_view text, Colour c) const;
};

// Colour when fd is a terminal, NO_COLOR is unset or empty, and no_colour_flag is false.
Style style_for(int fd, bool no_colour_flag);

}  // namespace flocker
