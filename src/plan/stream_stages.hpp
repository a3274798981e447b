#pragma once
// What a move's stream passes through: compression, buffering and a byte
// counter, chosen from the manifest's transfer settings and the tools both
// ends have. Pure.
#include <string>

#include "manifest/model.hpp"
#include "plan/model.hpp"
#include "state/model.hpp"
#include "util/result.hpp"

namespace flocker {

struct StreamEnds {
  const std::string& source_node;
  const NodeTools& source;
  const std::string& target_node;
  const NodeTools& target;
  // Both ends run OpenZFS: the stream carries blocks compressed as stored
  // (send -c), so compressing it again gains little and costs CPU.
  bool compressed_send = false;
};

// Auto compression takes zstd, else lz4, when both ends have it; zstd or lz4
// named in the manifest is an error when an end lacks it, naming the node.
// The buffer is used when both ends have mbuffer. The counter needs GNU dd on
// the source and is only worth its copy where flocker cannot count the stream
// itself: direct transfers, and relayed ones whose stream it sees compressed.
Result<StreamStages> choose_stream_stages(const TransferSettings& settings, const StreamEnds& ends);

}  // namespace flocker
