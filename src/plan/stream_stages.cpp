#include "plan/stream_stages.hpp"

#include <fmt/format.h>

namespace flocker {

namespace {

bool has(const NodeTools& tools, StreamCompression compression) {
  return compression == StreamCompression::Zstd ? tools.zstd : tools.lz4;
}

Result<StreamCompression> explicit_compression(StreamCompression wanted, const StreamEnds& ends) {
  const auto name = stream_compression_name(wanted);
  for (const auto& [node, tools] :
       {std::pair{&ends.source_node, &ends.source}, std::pair{&ends.target_node, &ends.target}})
    if (!has(*tools, wanted))
      return fail(
          fmt::format("the manifest asks for {} compression (transfer.compression), but node {} has no "
                      "working `{}`",
                      name, *node, name),
          fmt::format("install it on {} (Debian: apt-get install {}), or set transfer.compression to auto",
                      *node, name));
  return wanted;
}

}  // namespace

Result<StreamStages> choose_stream_stages(const TransferSettings& settings, const StreamEnds& ends) {
  StreamStages stages;
  switch (settings.compression) {
    case CompressionChoice::Off:
      break;
    case CompressionChoice::Auto:
      if (ends.compressed_send) break;
      if (ends.source.zstd && ends.target.zstd)
        stages.compression = StreamCompression::Zstd;
      else if (ends.source.lz4 && ends.target.lz4)
        stages.compression = StreamCompression::Lz4;
      break;
    case CompressionChoice::Zstd:
    case CompressionChoice::Lz4: {
      auto chosen = explicit_compression(
          settings.compression == CompressionChoice::Zstd ? StreamCompression::Zstd : StreamCompression::Lz4,
          ends);
      if (!chosen) return std::unexpected(chosen.error());
      stages.compression = *chosen;
      break;
    }
  }
  stages.buffer = settings.buffer && ends.source.mbuffer && ends.target.mbuffer;
  if (settings.bandwidth > 0) {
    if (!ends.source.mbuffer)
      return fail(
          fmt::format("transfer.bandwidth needs mbuffer on {}, which sends the stream, and it has none",
                      ends.source_node),
          fmt::format("install mbuffer on {} (apt install mbuffer), or drop transfer.bandwidth",
                      ends.source_node));
    stages.rate_limit = settings.bandwidth;
  }
  const bool flocker_sees_plain_stream =
      settings.mode == Transport::Relay && stages.compression == StreamCompression::None;
  stages.count = ends.source.dd_progress && !flocker_sees_plain_stream;
  return stages;
}

}  // namespace flocker
