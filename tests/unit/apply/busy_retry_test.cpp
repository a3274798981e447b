#include "apply/busy_retry.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "apply/steps.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_host.hpp"

namespace flocker {
namespace {

using ::testing::Each;
using testing::FakeClock;
using testing::FakeHost;
using ::testing::HasSubstr;

const Argv kUnmount = {"zfs", "unmount", "tank/flocker/web.www"};

TEST(BusyRetry, GivesUpAfterTheNamedNumberOfAttempts) {
  FakeHost host("node1");
  FakeClock clock;
  host.on(kUnmount, {1, "", "cannot unmount '/tank/flocker/web.www': Device or resource busy\n"});
  auto result = run_while_busy(host, kUnmount, clock);
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->ok());
  EXPECT_EQ(host.commands.size(), static_cast<size_t>(kBusyAttempts));
  // A pause between two attempts, none after the last: no real time passed.
  EXPECT_EQ(clock.sleeps().size(), static_cast<size_t>(kBusyAttempts - 1));
  EXPECT_THAT(clock.sleeps(), Each(Clock::Duration(kBusyPause)));
}

TEST(BusyRetry, StopsOnceTheDatasetIsNoLongerBusy) {
  FakeHost host("node1");
  FakeClock clock;
  host.on(kUnmount, {1, "", "cannot unmount '/tank/flocker/web.www': Device or resource busy\n"});
  auto result = run_while_busy(host, {"zfs", "destroy", "tank/flocker/lock"}, clock);
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->ok());
  EXPECT_EQ(host.commands.size(), 1u);
  EXPECT_TRUE(clock.sleeps().empty());
}

// zfs-fuse answers a destroy of a held snapshot with "dataset is busy", as it
// does for a dataset in use for a moment; waiting for a hold is vain.
TEST(BusyRetry, AHeldSnapshotOnZfsFuseIsNotRetried) {
  FakeHost host("node1");
  FakeClock clock;
  const auto held = testing::zfs_fixture("zfs-fuse-0.7.0", "35-destroy-held");
  host.on({"zfs", "destroy", "-r"}, held);
  auto destroyed = execute_step(
      host, Step{.kind = StepKind::DestroyDataset, .node = "node1", .target = "fxa/flocker/web.www"}, clock);
  ASSERT_FALSE(destroyed);
  EXPECT_EQ(host.commands.size(), 1u);
  EXPECT_TRUE(clock.sleeps().empty());
  EXPECT_THAT(destroyed.error().message, HasSubstr("dataset is busy"));
  EXPECT_THAT(destroyed.error().hint, HasSubstr("zfs holds -r fxa/flocker/web.www"));
}

// Busy for its first two runs, then done.
class BusyTwice final : public Host {
 public:
  const std::string& node() const override { return node_; }
  Result<CommandResult> run(const Argv&, std::string_view) override {
    return ++runs < 3 ? CommandResult{1, "", "cannot destroy 'tank/flocker/web.www': dataset is busy\n"}
                      : CommandResult{};
  }
  Result<std::unique_ptr<RemoteProcess>> start(const Argv&) override { return fail("not streamed"); }
  int runs = 0;

 private:
  std::string node_ = "node1";
};

TEST(BusyRetry, ABusyDatasetIsDestroyedOnceItIsFree) {
  BusyTwice host;
  FakeClock clock;
  ASSERT_TRUE(execute_step(
      host, Step{.kind = StepKind::DestroyDataset, .node = "node1", .target = "tank/flocker/web.www"},
      clock));
  EXPECT_EQ(host.runs, 3);
  EXPECT_EQ(clock.total_slept(), 2 * Clock::Duration(kBusyPause));
}

}  // namespace
}  // namespace flocker
