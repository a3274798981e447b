#include "remote/authorized_keys.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/shell_quote.hpp"

// The script runs on the nodes; here it runs with this machine's /bin/sh
// (dash on Debian, as on the nodes) on a private HOME, so its edits are real.
namespace flocker {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class AuthorizedKeys : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/flocker-keys-test.XXXXXX";
    home_ = mkdtemp(pattern);
    fs::create_directory(home_ / ".ssh");
  }
  void TearDown() override { fs::remove_all(home_); }

  fs::path file() const { return home_ / ".ssh" / "authorized_keys"; }
  void write(const std::string& text) const { std::ofstream(file(), std::ios::binary) << text; }
  std::string read() const {
    std::ifstream in(file(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  // Runs argv under HOME with input on stdin; the exit status, and stderr in err_.
  int run(const Argv& argv, const std::string& input = "", bool background = false) const {
    const auto in = home_ / "in", err = home_ / "err";
    std::ofstream(in, std::ios::binary) << input;
    auto line = "HOME=" + quote_arg(home_.string()) + " " + quote_argv(argv) + " <" + quote_arg(in.string()) +
                " 2>" + quote_arg(err.string());
    if (background) line = "(" + line + ") &";
    const int status = std::system(line.c_str());
    std::ifstream errors(err);
    std::stringstream text;
    text << errors.rdbuf();
    err_ = text.str();
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  fs::path home_;
  mutable std::string err_;
};

std::string key_line(const std::string& marker) {
  return "restrict,command=\"zfs receive tank/a\" ssh-ed25519 AAAAkey " + marker;
}

TEST_F(AuthorizedKeys, AddKeepsALastLineWithoutNewlineWhole) {
  write("ssh-ed25519 AAAAoperator op@laptop");
  ASSERT_EQ(run(authorize_key_command("flocker-transfer-01", 15), key_line("flocker-transfer-01")), 0)
      << err_;
  const auto text = read();
  EXPECT_THAT(text, ::testing::StartsWith("ssh-ed25519 AAAAoperator op@laptop\nexpiry-time=\""));
  EXPECT_THAT(text, ::testing::EndsWith("Z\"," + key_line("flocker-transfer-01") + "\n"));
}

TEST_F(AuthorizedKeys, AddWritesAnExpiryTheGivenMinutesAheadInUtc) {
  ASSERT_EQ(run(authorize_key_command("flocker-transfer-01", 15), key_line("flocker-transfer-01")), 0)
      << err_;
  const auto text = read();
  ASSERT_THAT(text, ::testing::StartsWith("expiry-time=\""));
  const auto stamp = text.substr(13, 12);
  auto format = [](std::chrono::system_clock::time_point at) {
    const std::time_t t = std::chrono::system_clock::to_time_t(at);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buffer[16];
    std::strftime(buffer, sizeof buffer, "%Y%m%d%H%M", &utc);
    return std::string(buffer);
  };
  const auto now = std::chrono::system_clock::now();
  EXPECT_GE(stamp, format(now + std::chrono::minutes(14)));
  EXPECT_LE(stamp, format(now + std::chrono::minutes(16)));
  EXPECT_EQ(text.substr(25, 3), "Z\",");
}

TEST_F(AuthorizedKeys, RemoveDropsExactlyTheMarkersLine) {
  const std::string others =
      "ssh-ed25519 AAAAoperator flocker-transfer-01 in the middle\n"
      "expiry-time=\"299912312359Z\"," +
      key_line("flocker-transfer-0102") +
      "\n"
      "ssh-rsa AAAAother second@laptop\n";
  write("expiry-time=\"299912312359Z\"," + key_line("flocker-transfer-01") + "\n" + others);
  ASSERT_EQ(run(revoke_key_command("flocker-transfer-01")), 0) << err_;
  EXPECT_EQ(read(), others);
  // Gone already: nothing changes, no error.
  ASSERT_EQ(run(revoke_key_command("flocker-transfer-01")), 0) << err_;
  EXPECT_EQ(read(), others);
}

TEST_F(AuthorizedKeys, EveryEditDropsExpiredFlockerLinesOnly) {
  const std::string fresh = "expiry-time=\"299912312359Z\"," + key_line("flocker-transfer-02") + "\n";
  const std::string operators = "expiry-time=\"200001010000Z\" ssh-ed25519 AAAAoperator op@laptop\n";
  write("expiry-time=\"200001010000Z\"," + key_line("flocker-transfer-01") + "\n" + fresh + operators);
  ASSERT_EQ(run(prune_keys_command()), 0) << err_;
  EXPECT_EQ(read(), fresh + operators);
}

TEST_F(AuthorizedKeys, APruneOfAScopeDropsThatScopesLinesAtAnyAge) {
  // A killed run of root tank/flocker left a fresh line; another project's
  // (scope 5678abcd) and an older flocker's (no scope) are fresh and stay.
  const auto line = [](const std::string& marker) {
    return "expiry-time=\"299912312359Z\"," + key_line(marker) + "\n";
  };
  const std::string operators = "ssh-ed25519 AAAAoperator op@laptop\n";
  const std::string scope = transfer_scope("tank/flocker");
  const std::string others = line("flocker-transfer-5678abcd-0102030405060708") +
                             line("flocker-transfer-0102030405060708") + operators +
                             "ssh-ed25519 AAAAx flocker-transfer-" + scope + "-zz\n";  // not flocker's form
  write(line("flocker-transfer-" + scope + "-0102030405060708") + others +
        line("flocker-transfer-" + scope + "-a1b2c3d4e5f60708"));
  ASSERT_EQ(run(prune_keys_command(scope)), 0) << err_;
  EXPECT_EQ(read(), others);
}

TEST_F(AuthorizedKeys, AStaleTemporaryFileDoesNotGetInTheWay) {
  write("ssh-ed25519 AAAAoperator op@laptop\n");
  std::ofstream(home_ / ".ssh" / "authorized_keys.flocker-new") << "half a file from a killed run";
  ASSERT_EQ(run(authorize_key_command("flocker-transfer-01", 15), key_line("flocker-transfer-01")), 0)
      << err_;
  EXPECT_THAT(read(), HasSubstr("op@laptop\nexpiry-time="));
  EXPECT_THAT(read(), ::testing::Not(HasSubstr("killed run")));
  EXPECT_FALSE(fs::exists(home_ / ".ssh" / "authorized_keys.flocker-new"));
}

TEST_F(AuthorizedKeys, KeepsTheFilesMode) {
  write("ssh-ed25519 AAAAoperator op@laptop\n");
  fs::permissions(file(), fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  ASSERT_EQ(run(authorize_key_command("flocker-transfer-01", 15), key_line("flocker-transfer-01")), 0)
      << err_;
  EXPECT_EQ(fs::status(file()).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
}

TEST_F(AuthorizedKeys, ConcurrentAddsAndRemovesLoseNoLine) {
  write("ssh-ed25519 AAAAoperator op@laptop");
  // 12 flockers add at once, then 6 of them remove theirs at once.
  std::string script;
  for (int i = 10; i < 22; ++i) {
    const auto marker = "flocker-transfer-" + std::to_string(i);
    script += "printf '%s' " + quote_arg(key_line(marker)) + " | " +
              quote_argv(authorize_key_command(marker, 15)) + " & ";
  }
  script += "wait; ";
  for (int i = 10; i < 16; ++i)
    script += quote_argv(revoke_key_command("flocker-transfer-" + std::to_string(i))) + " & ";
  script += "wait";
  ASSERT_EQ(run({"sh", "-c", script}), 0) << err_;
  const auto text = read();
  EXPECT_THAT(text, ::testing::StartsWith("ssh-ed25519 AAAAoperator op@laptop\n"));
  for (int i = 10; i < 22; ++i) {
    const auto marker = " flocker-transfer-" + std::to_string(i) + "\n";
    if (i < 16)
      EXPECT_THAT(text, ::testing::Not(HasSubstr(marker)));
    else
      EXPECT_THAT(text, HasSubstr(marker));
  }
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 7);
}

TEST_F(AuthorizedKeys, AddRefusesALineWithANewline) {
  write("ssh-ed25519 AAAAoperator op@laptop\n");
  EXPECT_EQ(run(authorize_key_command("flocker-transfer-01", 15), "a\nb"), 1);
  EXPECT_THAT(err_, HasSubstr("nothing was changed"));
  EXPECT_EQ(read(), "ssh-ed25519 AAAAoperator op@laptop\n");
}

TEST_F(AuthorizedKeys, StaleKeyDirectoriesGoLiveOnesStay) {
  const auto tmp = home_ / "tmp";
  fs::create_directory(tmp);
  for (const char* name : {"flocker-transfer.old", "flocker-transfer.fresh", "flocker-transfer.running"})
    fs::create_directory(tmp / name);
  std::ofstream(tmp / "flocker-transfer.running" / "pid.1") << getpid() << "\n";
  ASSERT_EQ(std::system(("touch -d '2 days ago' " + quote_arg((tmp / "flocker-transfer.old").string()) + " " +
                         quote_arg((tmp / "flocker-transfer.running").string()))
                            .c_str()),
            0);
  const auto line =
      "TMPDIR=" + quote_arg(tmp.string()) + " " + quote_argv(prune_key_directories_command(1440));
  ASSERT_EQ(std::system(line.c_str()), 0);
  EXPECT_FALSE(fs::exists(tmp / "flocker-transfer.old"));
  EXPECT_TRUE(fs::exists(tmp / "flocker-transfer.fresh"));
  EXPECT_TRUE(fs::exists(tmp / "flocker-transfer.running"));
}

TEST_F(AuthorizedKeys, TheLockedScopesKeyDirectoriesGoAtAnyAgeUnlessTheirSshRuns) {
  const auto tmp = home_ / "tmp";
  fs::create_directory(tmp);
  const std::string mine = "flocker-transfer-" + transfer_scope("tank/flocker");
  for (const std::string& name :
       {mine + ".fresh", mine + ".running", std::string("flocker-transfer-5678abcd.fresh"),
        std::string("flocker-transfer.fresh")})
    fs::create_directory(tmp / name);
  std::ofstream(tmp / (mine + ".running") / "pid.1") << getpid() << "\n";
  const auto line = "TMPDIR=" + quote_arg(tmp.string()) + " " +
                    quote_argv(prune_key_directories_command(1440, transfer_scope("tank/flocker")));
  ASSERT_EQ(std::system(line.c_str()), 0);
  EXPECT_FALSE(fs::exists(tmp / (mine + ".fresh")));
  EXPECT_TRUE(fs::exists(tmp / (mine + ".running")));
  EXPECT_TRUE(fs::exists(tmp / "flocker-transfer-5678abcd.fresh"));  // another project's
  EXPECT_TRUE(fs::exists(tmp / "flocker-transfer.fresh"));
}

}  // namespace
}  // namespace flocker
