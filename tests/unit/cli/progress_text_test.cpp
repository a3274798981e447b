#include "cli/progress_text.hpp"

#include <gtest/gtest.h>

namespace flocker {
namespace {

Step move(bool direct, StreamStages stream = {}) {
  return Step{.kind = StepKind::MoveApplication,
              .node = "node2",
              .app = "web",
              .source_node = "node1",
              .direct = direct,
              .stream = stream};
}

// apply/ reports facts; these are the words people (and JSON "message") see.
TEST(ProgressText, StreamsAsPeopleReadThem) {
  const ProgressFact sent{.kind = ProgressKind::Sent,
                          .phase = "pre-copy",
                          .dataset = "tank/flocker/web.www",
                          .node = "node2",
                          .bytes = 8500,
                          .seconds = 0.21};
  EXPECT_EQ(progress_text(sent, move(true, {.compression = StreamCompression::Zstd})),
            "pre-copy tank/flocker/web.www: 8.3 KiB in 0.2s (direct to node2, zstd-compressed)");
  auto uncounted = sent;
  uncounted.bytes = 0;
  EXPECT_EQ(progress_text(uncounted, move(true)),
            "pre-copy tank/flocker/web.www: sent in 0.2s (direct to node2, uncompressed)");
  auto relayed = sent;
  relayed.bytes = 1000;
  relayed.wire_bytes = 400;
  EXPECT_EQ(progress_text(relayed, move(false, {.compression = StreamCompression::Zstd, .count = true})),
            "pre-copy tank/flocker/web.www: 1000 B in 0.2s (relay, zstd-compressed; 400 B relayed)");
  relayed.bytes = 0;
  EXPECT_EQ(progress_text(relayed, move(false, {.compression = StreamCompression::Zstd})),
            "pre-copy tank/flocker/web.www: 400 B relayed in 0.2s (relay, zstd-compressed)");

  const ProgressFact running{.kind = ProgressKind::Sending,
                             .phase = "pre-copy",
                             .dataset = "tank/flocker/web.www",
                             .bytes = 1 << 20,
                             .total_bytes = 4 << 20,
                             .seconds = 2};
  EXPECT_EQ(progress_text(running, move(false)),
            "pre-copy tank/flocker/web.www: 1.0 MiB of about 4.0 MiB, ETA 6s, 512.0 KiB/s");
  EXPECT_EQ(progress_text({.kind = ProgressKind::SendEstimate,
                           .phase = "final increment",
                           .dataset = "tank/flocker/web.www",
                           .total_bytes = 5000},
                          move(false)),
            "final increment tank/flocker/web.www: sending about 4.9 KiB (zfs send -nvP)");
}

TEST(ProgressText, TheMoveAroundItsStreams) {
  const auto step = move(false);
  EXPECT_EQ(progress_text({.kind = ProgressKind::Stopping, .node = "node1", .name = "flocker--web"}, step),
            "stopping flocker--web on node1");
  EXPECT_EQ(
      progress_text({.kind = ProgressKind::Downtime, .node = "node2", .name = "web", .seconds = 0.789}, step),
      "web runs on node2; it was stopped for 0.79s");
  EXPECT_EQ(progress_text({.kind = ProgressKind::Held,
                           .dataset = "tank/flocker/web.www",
                           .node = "node1",
                           .other_node = "node2",
                           .snapshot = "flocker-2",
                           .name = "flocker-move"},
                          step),
            "held @flocker-2 of tank/flocker/web.www on node1 and node2 (flocker-move)");
  EXPECT_EQ(
      progress_text(
          {.kind = ProgressKind::Resuming, .dataset = "tank/flocker/web.www", .node = "node2", .bytes = 700},
          step),
      "resuming the interrupted transfer to tank/flocker/web.www on node2: about 700 B left");
  EXPECT_EQ(progress_text({.kind = ProgressKind::DroppingPartial,
                           .dataset = "tank/flocker/web.www",
                           .node = "node2",
                           .detail = "its snapshot is gone"},
                          step),
            "cannot resume the interrupted transfer to tank/flocker/web.www on node2 (its snapshot is gone); "
            "dropping it (zfs receive -A)");
  EXPECT_EQ(progress_text({.kind = ProgressKind::HoldNotReleased,
                           .node = "node1",
                           .snapshot = "tank/flocker/web.www@flocker-2",
                           .detail = "no such tag",
                           .command = "zfs release flocker-move tank/flocker/web.www@flocker-2"},
                          step),
            "warning: could not release the hold on tank/flocker/web.www@flocker-2 on node1: no such tag; "
            "release it with `zfs release flocker-move tank/flocker/web.www@flocker-2`");
  EXPECT_EQ(progress_text({.kind = ProgressKind::ContainerNotRemoved,
                           .node = "node1",
                           .name = "flocker--web",
                           .detail = "docker rm failed"},
                          step),
            "warning: could not remove the stopped container on node1: docker rm failed; remove it by hand "
            "(docker rm flocker--web) so that it cannot start again");
  EXPECT_EQ(progress_text({.kind = ProgressKind::Warning, .detail = "could not remove the key"}, step),
            "warning: could not remove the key");
}

}  // namespace
}  // namespace flocker
