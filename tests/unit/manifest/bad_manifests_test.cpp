// The corpus of bad manifests: tests/manifests/bad/<case>.yaml, each with the
// exact errors expected in <case>.err. A first line `# with: A B` reads the
// files A and B (from the same folder) before the case, as
// `flocker validate A B <case>.yaml` would. FLOCKER_UPDATE_GOLDEN=1 rewrites
// the .err files (review the diff).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "manifest/load.hpp"

namespace flocker {
namespace {

const std::filesystem::path kCorpus = std::filesystem::path(FLOCKER_TEST_DATA) / "manifests" / "bad";

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(kCorpus))
    if (entry.path().extension() == ".yaml" && !entry.path().filename().string().starts_with("_"))
      names.push_back(entry.path().stem().string());
  std::ranges::sort(names);
  return names;
}

// Only this variable is set; FLOCKER_TEST_UNSET and every other one is not.
std::optional<std::string> test_environment(const std::string& name) {
  if (name == "FLOCKER_TEST_SET") return "set";
  return std::nullopt;
}

std::string errors_of_case(const std::string& name) {
  const auto text = read_text(kCorpus / (name + ".yaml"));
  std::vector<ManifestSource> sources;
  if (text.starts_with("# with:")) {
    std::istringstream with(text.substr(7, text.find('\n') - 7));
    for (std::string file; with >> file;) sources.push_back({file, read_text(kCorpus / file)});
  }
  sources.push_back({name + ".yaml", text});
  auto manifest = parse_manifest(sources, test_environment);
  if (manifest) return "(valid)\n";
  std::string out;
  for (const auto& diagnostic : manifest.error()) out += format_diagnostic(diagnostic) + "\n";
  return out;
}

class BadManifest : public ::testing::TestWithParam<std::string> {};

TEST_P(BadManifest, ReportsTheExpectedErrors) {
  const auto actual = errors_of_case(GetParam());
  const auto expected_path = kCorpus / (GetParam() + ".err");
  if (const char* update = std::getenv("FLOCKER_UPDATE_GOLDEN");
      update != nullptr && std::string(update) == "1") {
    std::ofstream(expected_path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(expected_path)) << "no " << expected_path << "; actual:\n" << actual;
  EXPECT_EQ(actual, read_text(expected_path));
}

INSTANTIATE_TEST_SUITE_P(Corpus, BadManifest, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& param) { return param.param; });

TEST(BadManifestCorpus, HasAtLeastThirtyCasesAcrossTheThreeFormats) {
  const auto names = case_names();
  EXPECT_GE(names.size(), 30u);
  for (const std::string prefix : {"native_", "compose_", "flocker0_", "fig_"})
    EXPECT_TRUE(std::ranges::any_of(names, [&](const std::string& n) { return n.starts_with(prefix); }))
        << prefix;
}

}  // namespace
}  // namespace flocker
