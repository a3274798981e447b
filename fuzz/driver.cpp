// A small coverage-guided fuzzer for LLVMFuzzerTestOneInput targets, for
// g++ builds: Debian 12's clang 14 cannot compile flocker (libstdc++ 12's
// <expected> needs newer concepts support), so libFuzzer is out. It runs the
// seed corpus, then mutates inputs from its queue (bit flips, byte edits,
// inserted tokens, deletions, duplicated ranges, splices) for a bounded time,
// keeping each input that reaches a new edge (coverage.cpp). Weaker than
// libFuzzer or AFL++ (no comparison tracing, simple scheduling); the targets
// run unchanged under either. A crash is found by the sanitizers (ASan/UBSan
// abort) or an escaping exception; the input is written to crash-<hash>
// first, to be kept in the corpus as a regression case once fixed.
//
// Usage: TARGET [-max_total_time=SECONDS] [-seed=N] [-runs=N] CORPUS_DIR|FILE...
// (-runs=0 only replays the corpus.)
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "coverage.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" void __sanitizer_set_death_callback(void (*callback)());

namespace {

using flocker::fuzz::coverage_map;
using flocker::fuzz::kCoverageMapSize;
using Input = std::string;

constexpr size_t kMaxInputSize = 8192;
// Tokens of the formats the targets read (YAML, JSON, zfs and docker output, shells).
const char* const kTokens[] = {"\n",
                               ": ",
                               "- ",
                               "{",
                               "}",
                               "[",
                               "]",
                               ",",
                               "\"",
                               "'",
                               "\\",
                               "\t",
                               "${",
                               "$",
                               "&a ",
                               "*a",
                               "!!str ",
                               "---\n",
                               "...\n",
                               "#",
                               "  ",
                               "null",
                               "true",
                               "~",
                               "0",
                               "-1",
                               "1e999",
                               "0x1F",
                               "99999999999999999999",
                               "services",
                               "image",
                               "volumes",
                               "nodes",
                               "deployment",
                               "applications",
                               "version",
                               "ports",
                               "links",
                               "@",
                               "tank/",
                               "flocker",
                               "-\t",
                               "\t-\t",
                               "@flocker-1",
                               ":\"",
                               "\\u0000",
                               "\xff",
                               "\xc3\xa9",
                               "`",
                               ";",
                               "|",
                               "&&",
                               "$(",
                               "\n\n"};

const Input* current_input = nullptr;

void save_crash() {
  if (current_input == nullptr) return;
  const auto name = "crash-" + std::to_string(std::hash<std::string>{}(*current_input));
  std::ofstream(name, std::ios::binary) << *current_input;
  std::fprintf(stderr, "fuzz: the failing input is in %s (%zu bytes)\n", name.c_str(), current_input->size());
}

// Runs one input; true when it reached an edge (or a new hit count bucket) not seen before.
bool run(const Input& input, std::vector<unsigned char>& seen) {
  flocker::fuzz::reset_coverage();
  current_input = &input;
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  current_input = nullptr;
  bool fresh = false;
  for (size_t edge = 0; edge < kCoverageMapSize; ++edge) {
    const unsigned char count = coverage_map[edge];
    if (count == 0) continue;
    const unsigned char bucket = count == 1 ? 1 : count < 4 ? 2 : count < 16 ? 4 : count < 128 ? 8 : 16;
    if ((seen[edge] & bucket) == 0) {
      seen[edge] |= bucket;
      fresh = true;
    }
  }
  return fresh;
}

Input mutate(Input input, const std::vector<Input>& queue, std::mt19937_64& random) {
  auto below = [&](size_t bound) { return bound == 0 ? size_t{0} : static_cast<size_t>(random() % bound); };
  const size_t rounds = 1 + below(6);
  for (size_t round = 0; round < rounds; ++round) {
    switch (below(8)) {
      case 0:
        if (!input.empty()) input[below(input.size())] ^= static_cast<char>(1u << below(8));
        break;
      case 1:
        if (!input.empty()) input[below(input.size())] = static_cast<char>(random());
        break;
      case 2:
        input.insert(below(input.size() + 1), 1, static_cast<char>(random()));
        break;
      case 3:
      case 4:
        input.insert(below(input.size() + 1), kTokens[below(std::size(kTokens))]);
        break;
      case 5:
        if (!input.empty()) {
          const size_t at = below(input.size());
          input.erase(at, 1 + below(std::min<size_t>(input.size() - at, 32)));
        }
        break;
      case 6:
        if (!input.empty()) {
          const size_t at = below(input.size());
          const auto piece = input.substr(at, 1 + below(std::min<size_t>(input.size() - at, 64)));
          input.insert(below(input.size() + 1), piece);
        }
        break;
      default: {  // splice: the head of this one, the tail of another
        const auto& other = queue[below(queue.size())];
        input = input.substr(0, below(input.size() + 1)) + other.substr(below(other.size() + 1));
      }
    }
  }
  if (input.size() > kMaxInputSize) input.resize(kMaxInputSize);
  return input;
}

void add_seeds(const std::filesystem::path& path, std::vector<Input>& seeds) {
  if (std::filesystem::is_directory(path)) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(path))
      if (entry.is_regular_file()) files.push_back(entry.path());
    std::sort(files.begin(), files.end());  // the same order, so the same run for a seed
    for (const auto& file : files) add_seeds(file, seeds);
    return;
  }
  std::ifstream file(path, std::ios::binary);
  seeds.emplace_back(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

}  // namespace

int main(int argc, char** argv) {
  double max_seconds = 30;
  long long max_runs = -1;
  uint64_t seed = static_cast<uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
  std::vector<Input> queue;
  for (int index = 1; index < argc; ++index) {
    const std::string arg = argv[index];
    if (arg.rfind("-max_total_time=", 0) == 0)
      max_seconds = std::atof(arg.c_str() + 16);
    else if (arg.rfind("-seed=", 0) == 0)
      seed = std::strtoull(arg.c_str() + 6, nullptr, 10);
    else if (arg.rfind("-runs=", 0) == 0)
      max_runs = std::atoll(arg.c_str() + 6);
    else if (arg.rfind("-", 0) == 0)
      std::fprintf(stderr, "fuzz: ignoring %s\n", arg.c_str());
    else
      add_seeds(arg, queue);
  }
  __sanitizer_set_death_callback(save_crash);
  std::set_terminate([] {
    std::fprintf(stderr, "fuzz: an exception escaped the target\n");
    save_crash();
    std::abort();
  });
  if (queue.empty()) queue.emplace_back();
  const auto name = std::filesystem::path(argv[0]).filename().string();
  std::printf("fuzz: %s: seed %llu, %zu seed inputs\n", name.c_str(), static_cast<unsigned long long>(seed),
              queue.size());

  std::vector<unsigned char> seen(kCoverageMapSize);
  const auto started = std::chrono::steady_clock::now();
  for (const auto& input : queue) run(input, seen);
  long long runs = 0;
  std::mt19937_64 random(seed);
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  while ((max_runs < 0 || runs < max_runs) && elapsed() < max_seconds) {
    // Newer queue entries (recent finds) a little more often.
    const size_t pick = random() % 2 == 0 ? queue.size() - 1 - random() % std::min<size_t>(queue.size(), 16)
                                          : random() % queue.size();
    Input input = mutate(queue[pick], queue, random);
    ++runs;
    if (run(input, seen)) queue.push_back(std::move(input));
  }
  size_t edges = 0;
  for (unsigned char bits : seen) edges += bits != 0;
  const double seconds = elapsed();
  std::printf(
      "fuzz: %s: %lld mutated inputs in %.1f s (%.0f execs/s), %zu edges covered, queue %zu, no crash\n",
      name.c_str(), runs, seconds, static_cast<double>(runs) / std::max(seconds, 1e-9), edges, queue.size());
  return 0;
}
