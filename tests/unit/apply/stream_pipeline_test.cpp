#include "apply/stream_pipeline.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>

#include "apply/dd_progress.hpp"
#include "apply/direct_link.hpp"

namespace flocker {
namespace {

const Argv kSend = {"zfs", "send", "tank/a b@flocker-1"};
const Argv kReceive = {"zfs", "receive", "tank/a b"};
const StreamStages kAll{.compression = StreamCompression::Zstd, .buffer = true, .count = true};

TEST(StreamPipeline, NoStagesIsTheBareCommand) {
  EXPECT_EQ(source_pipeline(kSend, {}), "zfs send 'tank/a b@flocker-1'");
  EXPECT_EQ(relay_source_pipeline(kSend, {}), "zfs send 'tank/a b@flocker-1'");
  EXPECT_EQ(target_pipeline(kReceive, {}), "zfs receive 'tank/a b'");
}

TEST(StreamPipeline, SourceCountsThenCompressesThenBuffers) {
  EXPECT_EQ(
      source_pipeline(kSend, kAll),
      "zfs send 'tank/a b@flocker-1' | env 'LC_ALL=C' dd 'bs=128k' 'status=progress' | zstd -1 -T0 -q -c | "
      "mbuffer -q -s 128k -m 32M");
  EXPECT_EQ(source_pipeline(kSend, {.compression = StreamCompression::Lz4}),
            "zfs send 'tank/a b@flocker-1' | lz4 -1 -q -c");
}

TEST(StreamPipeline, ABandwidthLimitIsMbuffersRateOnTheSourceAfterCompression) {
  const Argv send = {"zfs", "send", "tank/a@s"};
  EXPECT_EQ(
      source_pipeline(send, {.compression = StreamCompression::Zstd, .buffer = true, .rate_limit = 1048576}),
      "zfs send tank/a@s | zstd -1 -T0 -q -c | mbuffer -q -s 128k -m 32M -r 1048576");
  EXPECT_EQ(source_pipeline(send, {.rate_limit = 4096}),
            "zfs send tank/a@s | mbuffer -q -s 128k -m 1M -r 4096");
  // The target's half has no limit of its own: it receives what arrives.
  EXPECT_EQ(target_pipeline({"zfs", "receive", "tank/a"}, {.rate_limit = 4096}, false), "zfs receive tank/a");
}

TEST(StreamPipeline, TargetBuffersThenExpandsThenReceives) {
  EXPECT_EQ(target_pipeline(kReceive, kAll),
            "mbuffer -q -s 128k -m 32M | zstd -d -q -c | zfs receive 'tank/a b'");
  EXPECT_EQ(target_pipeline(kReceive, {.compression = StreamCompression::Lz4}, true),
            "lz4 -d -q -c | sudo -n -- zfs receive 'tank/a b'");
}

TEST(StreamPipeline, RelayedSourceExitsWithTheStatusOfZfsSend) {
  EXPECT_EQ(relay_source_pipeline(kSend, {.compression = StreamCompression::Lz4}),
            "exec 4>&1; status=$({ { zfs send 'tank/a b@flocker-1' 3>&- 4>&-; echo $? >&3; } | { lz4 -1 -q "
            "-c; } >&4 3>&-; "
            "} 3>&1); exit \"$status\"");
}

// Run by a real POSIX shell: the status that comes out is zfs send's.
int run_shell(const std::string& line, std::string& out) {
  FILE* pipe = popen(("/bin/sh -c " + quote_arg(line) + " 2>/dev/null").c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[256];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(StreamPipeline, RelayedSourceReallyExitsWithTheSendsStatus) {
  const StreamStages counted{.count = true};  // dd: on every machine that builds flocker
  std::string out;
  EXPECT_EQ(run_shell(relay_source_pipeline({"sh", "-c", "printf stream; exit 3"}, counted), out), 3);
  EXPECT_EQ(out, "stream");  // the stream still came through the stages
  out.clear();
  EXPECT_EQ(run_shell(relay_source_pipeline({"sh", "-c", "printf stream"}, counted), out), 0);
  EXPECT_EQ(out, "stream");
}

TEST(StreamPipeline, ForcedCommandHoldsTheTargetsHalf) {
  EXPECT_EQ(
      forced_receive_line("ssh-ed25519 AAAA", "tank/a", "m", false, true,
                          {.compression = StreamCompression::Zstd}),
      "restrict,command=\"zstd -d -q -c | zfs receive -s -u -x mountpoint -x canmount -x setuid -x exec "
      "-x devices -x sharenfs -x sharesmb -x snapdir -x zoned -x overlay tank/a\" ssh-ed25519 AAAA m");
}

TEST(DdProgress, ReadsEachCountAsSoonAsItIsWhole) {
  // As GNU dd 9.1 writes them: \r before each report, a newline at the end.
  DdProgress progress;
  EXPECT_EQ(progress.feed("\r1008192 bytes (1.0 MB, 985 KiB) copied, 1 s, 1.0 MB/s"), 1008192u);
  EXPECT_EQ(progress.feed("\r2000010 bytes (2.0 MB, 1.9 MiB) copied, 2 s, 1.0 MB/s"), 2000010u);
  EXPECT_EQ(progress.feed("\n0+198 records in\n0+198 records out\n2097152 bytes (2.1 MB, 2.0 MiB) copied, "
                          "2.08 s, 1.0 MB/s\n"),
            2097152u);
  EXPECT_EQ(progress.bytes(), 2097152u);
}

TEST(DdProgress, ReadsRunningCountsInAnyPieces) {
  DdProgress progress;
  EXPECT_EQ(progress.feed("5242880 bytes (5.2 MB, 5.0 MiB) copied, 1 s, 5.2 MB/s\r10485"), 5242880u);
  EXPECT_EQ(progress.feed("760 bytes (10 MB"), std::nullopt);  // the line is not finished
  EXPECT_EQ(progress.feed(", 10 MiB) copied, 2 s, 5.2 MB/s\r"), 10485760u);
  EXPECT_EQ(
      progress.feed(
          "0+200 records in\n0+200 records out\n12582912 bytes (13 MB, 12 MiB) copied, 2.4 s, 5.2 MB/s\n"),
      12582912u);
  EXPECT_EQ(progress.bytes(), 12582912u);
  EXPECT_EQ(progress.feed("cannot open 'tank/x': dataset does not exist\n"), std::nullopt);
  EXPECT_EQ(progress.bytes(), 12582912u);
}

TEST(DdProgress, AStderrWithoutLineEndsHoldsOnlyItsTail) {
  DdProgress progress;
  const std::string noise(1 << 20, 'x');
  for (int i = 0; i < 16; ++i) progress.feed(noise);
  EXPECT_LE(progress.held_bytes(), 4096u);
  EXPECT_EQ(progress.feed("\r52428800 bytes (52 MB, 50 MiB) copied, 1 s, 52 MB/s"), 52428800u);
}

TEST(DdProgress, ErrorTextLeavesDdsOwnLinesOut) {
  EXPECT_EQ(
      stream_errors("1048576 bytes (1.0 MB, 1.0 MiB) copied, 1 s, 1 MB/s\r0+8 records in\n0+8 records out\n"
                    "1048576 bytes (1.0 MB, 1.0 MiB) copied, 1.2 s, 0.9 MB/s\n"
                    "cannot receive incremental stream: destination has been modified\n"),
      "cannot receive incremental stream: destination has been modified\n");
}

TEST(DdProgress, ErrorTextLeavesTheBrokenPipesOfEarlierStagesOut) {
  const std::string err =
      "cannot receive new filesystem stream: destination 'tank/flocker/db.data' exists\n"
      "must specify -F to overwrite it\n"
      "mbuffer: error: outputThread: error writing to <stdout> at offset 0x40000: Broken pipe\n"
      "warning: cannot send 'tank/flocker/db.data@flocker-4': Broken pipe\n";
  EXPECT_EQ(stream_errors(err),
            "cannot receive new filesystem stream: destination 'tank/flocker/db.data' exists\n"
            "must specify -F to overwrite it\n");
  EXPECT_EQ(stream_errors("warning: cannot send 'tank/a@s': Broken pipe\n"),
            "warning: cannot send 'tank/a@s': Broken pipe\n");
}

}  // namespace
}  // namespace flocker
