#include "support/fake_host.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "util/text.hpp"

namespace flocker::testing {

Result<CommandResult> FakeHost::run(const Argv& argv, std::string_view input) {
  commands.push_back(argv);
  inputs.emplace_back(input);
  for (auto it = rules_.rbegin(); it != rules_.rend(); ++it)
    if (argv.size() >= it->prefix.size() && std::equal(it->prefix.begin(), it->prefix.end(), argv.begin()))
      return it->response;
  return CommandResult{};
}

namespace {

class FakeProcess final : public RemoteProcess {
 public:
  FakeProcess(Result<CommandResult> response, std::vector<std::string>& received)
      : response_(std::move(response)), received_(received) {}
  Result<size_t> read_output(std::span<char> buffer) override {
    if (!response_) return std::unexpected(response_.error());
    size_t n = std::min(buffer.size(), response_->out.size() - offset_);
    std::copy_n(response_->out.data() + offset_, n, buffer.data());
    offset_ += n;
    return n;
  }
  Status write_input(std::string_view data) override {
    input_ += data;
    return {};
  }
  Status close_input() override { return {}; }
  Result<CommandResult> wait() override {
    // Output is always there at once, but the exit is awaited: the command
    // still runs while its caller gives up waiting.
    if (giving_up()) return std::unexpected(Error{"stopped waiting (fake)", ""});
    received_.push_back(input_);
    if (!response_) return std::unexpected(response_.error());
    stderr_arrived(response_->err);
    CommandResult result = *response_;
    result.out = result.out.substr(offset_);
    return result;
  }

 private:
  Result<CommandResult> response_;
  std::vector<std::string>& received_;
  std::string input_;
  size_t offset_ = 0;
};

}  // namespace

Result<std::unique_ptr<RemoteProcess>> FakeHost::start(const Argv& argv) {
  commands.push_back(argv);
  auto matches = [&](const Rule& rule) {
    return argv.size() >= rule.prefix.size() &&
           std::equal(rule.prefix.begin(), rule.prefix.end(), argv.begin());
  };
  Result<CommandResult> response = CommandResult{};
  if (auto it = std::find_if(stream_rules_.rbegin(), stream_rules_.rend(), matches);
      it != stream_rules_.rend())
    response = it->response;
  else if (auto rule = std::find_if(rules_.rbegin(), rules_.rend(), matches); rule != rules_.rend())
    response = rule->response;
  return std::unique_ptr<RemoteProcess>(new FakeProcess(std::move(response), received));
}

void FakeHost::on(Argv prefix, CommandResult result) {
  rules_.push_back({std::move(prefix), result});
}

void FakeHost::on_stream(Argv prefix, CommandResult result) {
  stream_rules_.push_back({std::move(prefix), result});
}

void FakeHost::fail_on(Argv prefix, Error error) {
  rules_.push_back({std::move(prefix), std::unexpected(std::move(error))});
}

std::string read_test_file(const std::string& relative_path) {
  const std::string path = std::string(FLOCKER_TEST_DATA) + "/" + relative_path;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("missing test file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

CommandResult zfs_fixture(const std::string& flavour, const std::string& name) {
  return recorded_fixture("fixtures/zfs/" + flavour + "/" + name + ".txt");
}

CommandResult docker_fixture(const std::string& name) {
  return recorded_fixture("fixtures/docker/docker-20.10/" + name + ".txt");
}

CommandResult recorded_fixture(const std::string& relative_path) {
  const auto text = read_test_file(relative_path);
  CommandResult result;
  std::string* section = nullptr;
  for (auto line : split(text, '\n')) {
    if (line.starts_with("# exit: ")) {
      result.exit_code = std::stoi(std::string(line.substr(8)));
    } else if (line == "# --- stdout") {
      section = &result.out;
    } else if (line == "# --- stderr") {
      section = &result.err;
    } else if (line.starts_with("# command:") && section != nullptr) {
      break;  // a second recorded command follows; the first is the fixture
    } else if (section != nullptr) {
      *section += std::string(line) + "\n";
    }
  }
  // split() yields a last empty piece after the final newline.
  if (result.err.ends_with("\n\n")) result.err.pop_back();
  if (result.out.ends_with("\n\n")) result.out.pop_back();
  return result;
}

}  // namespace flocker::testing
