#include "support/golden.hpp"

#include <cstdlib>
#include <fstream>

#include "support/fake_host.hpp"

namespace flocker::testing {

std::string compare_with_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(FLOCKER_TEST_DATA) + "/golden/" + name;
  if (const char* update = std::getenv("FLOCKER_UPDATE_GOLDEN");
      update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return {};
  }
  std::string expected;
  try {
    expected = read_test_file("golden/" + name);
  } catch (const std::exception& e) {
    return std::string(e.what()) + " (run with FLOCKER_UPDATE_GOLDEN=1 to create it)";
  }
  if (expected == actual) return {};
  return "differs from " + path + "\n--- expected\n" + expected + "--- actual\n" + actual;
}

}  // namespace flocker::testing
