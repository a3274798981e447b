#include "apply/transfer.hpp"

#include <fmt/format.h>

#include <vector>

#include "apply/dd_progress.hpp"
#include "remote/process.hpp"
#include "util/size.hpp"
#include "util/text.hpp"

namespace flocker {

namespace {

constexpr size_t kChunkBytes = 256 * 1024;

std::string first_line(std::string_view text) {
  auto lines = split_lines(trim(text));
  return lines.empty() ? "no output" : std::string(lines.front());
}

}  // namespace

Result<TransferResult> relay_transfer(Host& from, const Argv& send, Host& to, const Argv& receive,
                                      Clock& clock, const TransferProgress& progress,
                                      const std::function<void(std::string_view)>& sender_stderr,
                                      const StopRequested& stop) {
  const auto start = clock.now();
  auto receiver = to.start(receive);
  if (!receiver) return std::unexpected(receiver.error());
  auto sender = from.start(send);
  if (!sender) return std::unexpected(sender.error());
  if (sender_stderr) (*sender)->watch_stderr(sender_stderr);
  // A sender that sends nothing for a while must not keep a stop waiting.
  if (stop) (*sender)->give_up_when(stop);

  TransferResult result;
  std::vector<char> buffer(kChunkBytes);
  std::optional<Error> read_error, write_error;
  bool stream_ended = false, stopped = false;
  while (true) {
    auto n = (*sender)->read_output(buffer);
    if (!n) {
      stopped = stop && stop();
      read_error = n.error();
      break;
    }
    if (*n == 0) {
      stream_ended = true;
      break;
    }
    if (auto written = (*receiver)->write_input({buffer.data(), *n}); !written) {
      write_error = written.error();
      break;
    }
    result.bytes += *n;
    if (progress) progress(result.bytes);
    if (stop && stop()) {
      stopped = true;
      break;
    }
  }
  // The receiver sees the end of the stream, complete or not, and says what it made of it.
  (void)(*receiver)->close_input();
  auto received = (*receiver)->wait();
  // Cut on purpose: the receive's complaint about the short stream is no news.
  if (stopped)
    return fail(fmt::format("the stream from {} to {} was cut on request after {}", from.node(), to.node(),
                            human_bytes(result.bytes)));
  // Only a sender whose stream ended is waited for: one cut short is dropped,
  // which closes its channel and stops it.
  if (stream_ended) {
    auto sent = (*sender)->wait();
    if (!sent) return std::unexpected(sent.error());
    if (!sent->ok())
      return fail(fmt::format("{}: the send failed after {} (exit {}): {}", from.node(),
                              human_bytes(result.bytes), sent->exit_code,
                              first_line(stream_errors(sent->err))));
  }
  // The first cause wins: a lost sender explains an incomplete stream, and a
  // failed receive explains why writing to it stopped.
  if (read_error) return std::unexpected(*read_error);
  if (!received) return std::unexpected(received.error());
  if (!received->ok())
    return fail(fmt::format("{}: the receive failed after {} (exit {}): {}", to.node(),
                            human_bytes(result.bytes), received->exit_code,
                            first_line(stream_errors(received->err))));
  if (write_error) return std::unexpected(*write_error);
  result.seconds = clock.seconds_since(start);
  return result;
}

}  // namespace flocker
