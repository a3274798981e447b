#include "apply/local_process.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

namespace flocker {
namespace {

using namespace std::chrono_literals;

TEST(LocalProcess, ThisProcessRunsAndStartedBeforeNow) {
  auto self = local_process(static_cast<int>(getpid()));
  EXPECT_TRUE(self.running);
  ASSERT_TRUE(self.started);
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  EXPECT_LE(*self.started, now + 2s);
  EXPECT_GT(*self.started, now - 24h * 365);
}

TEST(LocalProcess, AReapedChildNoLongerRuns) {
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) _exit(0);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_FALSE(local_process(static_cast<int>(child)).running);
  EXPECT_FALSE(local_process(0).running);
  EXPECT_FALSE(local_process(2147483647).running);
}

}  // namespace
}  // namespace flocker
