#include "support/faulty_host.hpp"

namespace flocker::testing {

namespace {

Error injected(const std::string& node) {
  return Error{"node " + node + ": lost the SSH connection (injected)", ""};
}

class CutProcess final : public RemoteProcess {
 public:
  CutProcess(std::unique_ptr<RemoteProcess> inner, std::string node)
      : inner_(std::move(inner)), node_(std::move(node)) {}
  Result<size_t> read_output(std::span<char> buffer) override {
    if (chunks_++ > 0) return std::unexpected(injected(node_));
    return inner_->read_output(buffer.first(std::min<size_t>(buffer.size(), 4)));
  }
  Status write_input(std::string_view data) override {
    if (chunks_++ > 0) return std::unexpected(injected(node_));
    return inner_->write_input(data);
  }
  Status close_input() override { return inner_->close_input(); }
  Result<CommandResult> wait() override { return std::unexpected(injected(node_)); }

 private:
  std::unique_ptr<RemoteProcess> inner_;
  std::string node_;
  int chunks_ = 0;
};

}  // namespace

bool FaultyHost::should_fail(const Argv& argv) {
  if (++plan_.count != plan_.fail_at) return false;
  plan_.failed.push_back(node() + ": " + quote_argv(argv));
  return true;
}

Result<CommandResult> FaultyHost::run(const Argv& argv, std::string_view input) {
  if (should_fail(argv)) return std::unexpected(injected(node()));
  return inner_.run(argv, input);
}

Result<std::unique_ptr<RemoteProcess>> FaultyHost::start(const Argv& argv) {
  if (!should_fail(argv)) return inner_.start(argv);
  if (!plan_.cut_stream) return std::unexpected(injected(node()));
  auto process = inner_.start(argv);
  if (!process) return process;
  return std::unique_ptr<RemoteProcess>(new CutProcess(std::move(*process), node()));
}

}  // namespace flocker::testing
