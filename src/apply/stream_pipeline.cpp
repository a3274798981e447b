#include "apply/stream_pipeline.hpp"

#include <fmt/format.h>

#include <vector>

namespace flocker {

namespace {

// 128 KiB blocks, ZFS's usual record size; 32 MiB rides out a second or so of
// a stalled receive at the speeds SSH reaches, without much memory.
const Argv kBuffer = {"mbuffer", "-q", "-s", "128k", "-m", "32M"};
// dd's progress report is in English only under the C locale.
const Argv kCounter = {"env", "LC_ALL=C", "dd", "bs=128k", "status=progress"};

Argv compressor(StreamCompression compression) {
  // zstd -1 with a thread per core keeps up with a fast network; lz4's
  // default level is its fastest.
  if (compression == StreamCompression::Zstd) return {"zstd", "-1", "-T0", "-q", "-c"};
  return {"lz4", "-1", "-q", "-c"};
}

Argv decompressor(StreamCompression compression) {
  if (compression == StreamCompression::Zstd) return {"zstd", "-d", "-q", "-c"};
  return {"lz4", "-d", "-q", "-c"};
}

std::vector<std::string> source_stages(const StreamStages& stages) {
  std::vector<std::string> commands;
  if (stages.count) commands.push_back(quote_argv(kCounter));
  if (stages.compression != StreamCompression::None)
    commands.push_back(quote_argv(compressor(stages.compression)));
  if (stages.rate_limit > 0) {
    // The limit applies to what leaves the node (compressed, when it is).
    Argv limited = stages.buffer ? kBuffer : Argv{"mbuffer", "-q", "-s", "128k", "-m", "1M"};
    limited.insert(limited.end(), {"-r", std::to_string(stages.rate_limit)});
    commands.push_back(quote_argv(limited));
  } else if (stages.buffer) {
    commands.push_back(quote_argv(kBuffer));
  }
  return commands;
}

}  // namespace

bool has_stages(const StreamStages& stages) {
  return stages.count || stages.buffer || stages.rate_limit > 0 ||
         stages.compression != StreamCompression::None;
}

std::string source_pipeline(const Argv& send, const StreamStages& stages) {
  std::string line = quote_argv(send);
  for (const auto& stage : source_stages(stages)) line += " | " + stage;
  return line;
}

std::string relay_source_pipeline(const Argv& send, const StreamStages& stages) {
  if (!has_stages(stages)) return quote_argv(send);
  // POSIX sh has no pipefail: zfs send's status comes back on fd 3 (the
  // command substitution) while the stream leaves on fd 4, the channel's
  // stdout; no stage keeps fd 3.
  return fmt::format(
      "exec 4>&1; status=$({{ {{ {} 3>&- 4>&-; echo $? >&3; }} | {{ {}; }} >&4 3>&-; }} 3>&1); "
      "exit \"$status\"",
      quote_argv(send), fmt::join(source_stages(stages), " | "));
}

std::string target_pipeline(const Argv& receive, const StreamStages& stages, bool sudo) {
  Argv command = receive;
  if (sudo) command.insert(command.begin(), {"sudo", "-n", "--"});
  std::string line;
  if (stages.buffer) line += quote_argv(kBuffer) + " | ";
  if (stages.compression != StreamCompression::None)
    line += quote_argv(decompressor(stages.compression)) + " | ";
  return line + quote_argv(command);
}

}  // namespace flocker
