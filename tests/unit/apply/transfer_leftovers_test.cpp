#include "apply/transfer_leftovers.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "remote/authorized_keys.hpp"
#include "support/fake_host.hpp"

namespace flocker {
namespace {

using testing::FakeHost;

TEST(TransferLeftovers, TheLockedRootsKeysAndOtherStaleKeysAreRemoved) {
  FakeHost host("node1");
  EXPECT_TRUE(remove_transfer_leftovers(host, "tank/flocker").empty());
  ASSERT_EQ(host.commands.size(), 2u);
  EXPECT_EQ(transfer_scope("tank/flocker").size(), 8u);
  EXPECT_NE(transfer_scope("tank/flocker"), transfer_scope("tank/staging"));
  EXPECT_EQ(host.commands[0], prune_keys_command(transfer_scope("tank/flocker")));
  EXPECT_EQ(host.commands[1], prune_key_directories_command(24 * 60, transfer_scope("tank/flocker")));
}

TEST(TransferLeftovers, AFailureIsAWarningThatSaysWhy) {
  FakeHost host("node1");
  host.on(prune_keys_command(transfer_scope("tank/flocker")),
          {1, "", "flocker: x stayed locked by another flocker for 30 s\n"});
  auto warnings = remove_transfer_leftovers(host, "tank/flocker");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0],
            "node1: could not remove expired one-time transfer keys from ~/.ssh/authorized_keys: flocker: x "
            "stayed locked by another flocker for 30 s");
}

}  // namespace
}  // namespace flocker
