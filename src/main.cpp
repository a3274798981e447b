// flocker: the command line. All logic lives in the flocker_core library.
#include <cstdio>
#include <exception>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  try {
    return flocker::run_cli(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "flocker: internal error: %s\n", e.what());
    return 1;
  }
}
