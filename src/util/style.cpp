#include "util/style.hpp"

#include <unistd.h>

#include <cstdlib>

namespace flocker {

std::string Style::paint(std::string_view text, Colour c) const {
  if (!colour) return std::string(text);
  const char* code = "";
  switch (c) {
    case Colour::Green:
      code = "\033[32m";
      break;
    case Colour::Yellow:
      code = "\033[33m";
      break;
    case Colour::Red:
      code = "\033[31m";
      break;
    case Colour::Bold:
      code = "\033[1m";
      break;
    case Colour::Dim:
      code = "\033[2m";
      break;
  }
  return std::string(code) + std::string(text) + "\033[0m";
}

Style style_for(int fd, bool no_colour_flag) {
  const char* no_colour = std::getenv("NO_COLOR");
  bool disabled = no_colour_flag || (no_colour != nullptr && *no_colour != '\0');
  return Style{.colour = !disabled && isatty(fd) == 1};
}

}  // namespace flocker
