#pragma once
// The shell pipelines around zfs send and zfs receive that a move's stream
// runs through: on the source a byte counter (dd), a compressor and a buffer;
// on the target the buffer, the decompressor and the receive. Pure: argv in,
// command lines out, every argument through quote_argv().
#include <string>

#include "plan/model.hpp"
#include "util/shell_quote.hpp"

namespace flocker {

bool has_stages(const StreamStages& stages);

// `zfs send … | dd … | zstd … | mbuffer …`: for the source of a direct
// transfer, whose last stage (ssh) decides the exit status.
std::string source_pipeline(const Argv& send, const StreamStages& stages);

// The same for a relayed stream, whose end flocker reads: exits with zfs
// send's status (141 when a later stage stopped while it still sent). A stage
// that fails after the send ended cuts the stream short, which the receive
// refuses.
std::string relay_source_pipeline(const Argv& send, const StreamStages& stages);

// `mbuffer … | zstd -d … | [sudo -n --] zfs receive …`. sudo: the receive
// alone runs through `sudo -n` (a forced command runs as the login user).
std::string target_pipeline(const Argv& receive, const StreamStages& stages, bool sudo = false);

}  // namespace flocker
