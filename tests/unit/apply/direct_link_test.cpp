#include "apply/direct_link.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "remote/authorized_keys.hpp"
#include "remote/privilege.hpp"
#include "support/fake_host.hpp"
#include "util/clock.hpp"

namespace flocker {
namespace {

using testing::FakeHost;
using ::testing::HasSubstr;

TEST(DirectLink, TheKeyIsLimitedToTheSourcesAddressWhenFlockerKnowsIt) {
  const std::string same = "1f2e\nnet:[4026531840]";
  EXPECT_EQ(known_source_addresses("127.0.0.1", same, same), "127.0.0.0/8,::1");
  EXPECT_EQ(known_source_addresses("localhost", same, same), "127.0.0.0/8,::1");
  EXPECT_EQ(known_source_addresses("::1", same, same), "127.0.0.0/8,::1");
  EXPECT_EQ(known_source_addresses("10.0.0.2", same, same), "");
  EXPECT_EQ(known_source_addresses("node2.example", same, same), "");
  EXPECT_EQ(forced_receive_line("ssh-ed25519 AAAA", "tank/a", "m", false, false, {}, "127.0.0.0/8,::1"),
            "restrict,from=\"127.0.0.0/8,::1\",command=\"zfs receive -u tank/a\" ssh-ed25519 AAAA m");
}

TEST(DirectLink, ALoopbackAddressOnAnotherMachineOrNamespaceIsAForwardFromAnUnknownAddress) {
  // A VM's port forward, an SSH tunnel: the target sees the forwarder's address.
  EXPECT_EQ(known_source_addresses("127.0.0.1", "1f2e\nnet:[1]", "9a8b\nnet:[1]"), "");
  EXPECT_EQ(known_source_addresses("127.0.0.1", "1f2e\nnet:[1]", "1f2e\nnet:[2]"), "");
  EXPECT_EQ(known_source_addresses("127.0.0.1", "", ""), "");
}

void answer_like_a_node(FakeHost& from, FakeHost& to, const std::string& target_host) {
  from.on({"sh", "-c"}, {0, "/tmp/flocker-transfer.abc\n", ""});
  to.endpoint = SshEndpoint{target_host, 2482, "deploy", "ssh-ed25519 AAAAhost", true};
}

void share_one_network_stack(FakeHost& from, FakeHost& to, const std::string& to_identity) {
  from.on(network_identity_command(), {0, "1f2e\nnet:[4026531840]\n", ""});
  to.on(network_identity_command(), {0, to_identity, ""});
}

TEST(DirectLink, EachTransferAuthorizesAnExpiringLineFromTheSourceAndRevokesIt) {
  FakeHost from("node1"), to("node2");
  answer_like_a_node(from, to, "127.0.0.1");
  share_one_network_stack(from, to, "1f2e\nnet:[4026531840]\n");
  from.endpoint = SshEndpoint{"127.0.0.1", 2481, "deploy", "ssh-ed25519 AAAAother", true};
  auto link = DirectLink::open(from, to, "tank/flocker/web.www");
  ASSERT_TRUE(link) << link.error().message;
  ASSERT_TRUE(link->transfer({"zfs", "send", "tank/flocker/web.www@flocker-1"}, system_clock()));
  ASSERT_EQ(to.commands.size(), 3u);
  EXPECT_EQ(to.commands[0], network_identity_command());
  to.commands.erase(to.commands.begin());
  to.inputs.erase(to.inputs.begin());
  EXPECT_EQ(to.commands[0], authorize_key_command(to.commands[0][5], 15));
  // The marker carries the scope of the target's root, for the next apply's cleanup.
  EXPECT_THAT(to.commands[0][5], ::testing::MatchesRegex("flocker-transfer-" +
                                                         transfer_scope("tank/flocker") + "-[0-9a-f]{16}"));
  EXPECT_THAT(to.inputs[0],
              ::testing::StartsWith("restrict,from=\"127.0.0.0/8,::1\",command=\"sudo -n -- zfs "
                                    "receive -u tank/flocker/web.www\" ssh-ed25519 "));
  EXPECT_EQ(to.commands[1], revoke_key_command(to.commands[0][5]));
  // On the source, only zfs send runs as root, inside the pipeline; the
  // scripts run as the SSH user (SshHost wraps zfs and docker argvs only).
  const auto& pipeline = from.commands.at(2);  // after the install and the identity
  EXPECT_THAT(pipeline[2],
              ::testing::StartsWith("sudo -n -- zfs send tank/flocker/web.www@flocker-1 | ssh "));
  EXPECT_FALSE(needs_root(pipeline));
  EXPECT_FALSE(needs_root(to.commands[0]));
  EXPECT_TRUE(needs_root({"zfs", "list"}));
  EXPECT_TRUE(needs_root({"docker", "ps"}));
  EXPECT_TRUE(link->close());
  EXPECT_EQ(from.commands.back(), (Argv{"rm", "-rf", "--", "/tmp/flocker-transfer.abc"}));
}

TEST(DirectLink, ALoopbackTargetOnAnotherMachineGetsAKeyWithoutFrom) {
  FakeHost from("node1"), to("node2");
  answer_like_a_node(from, to, "127.0.0.1");
  share_one_network_stack(from, to, "77aa\nnet:[4026531840]\n");  // a guest behind a port forward
  auto link = DirectLink::open(from, to, "tank/flocker/web.www");
  ASSERT_TRUE(link) << link.error().message;
  ASSERT_TRUE(link->transfer({"zfs", "send", "tank/flocker/web.www@flocker-1"}, system_clock()));
  EXPECT_THAT(to.inputs.at(1), ::testing::StartsWith("restrict,command="));
  EXPECT_TRUE(link->close());
}

TEST(DirectLink, AKeyThatCannotBeAuthorizedStopsTheTransferWithTheNodesWords) {
  FakeHost from("node1"), to("node2");
  answer_like_a_node(from, to, "10.0.0.2");
  to.on({"sh", "-c", authorized_keys_script(), "sh", "add"},
        {1, "",
         "cp: error writing '/home/deploy/.ssh/authorized_keys.flocker-new': No space left on device\n"
         "flocker: cannot copy /home/deploy/.ssh/authorized_keys to "
         "/home/deploy/.ssh/authorized_keys.flocker-new "
         "(disk full?); /home/deploy/.ssh/authorized_keys is unchanged\n"});
  auto link = DirectLink::open(from, to, "tank/flocker/web.www");
  ASSERT_TRUE(link);
  auto moved = link->transfer({"zfs", "send", "tank/flocker/web.www@flocker-1"}, system_clock());
  ASSERT_FALSE(moved);
  EXPECT_THAT(moved.error().message,
              HasSubstr("node2: could not add the one-time transfer key to ~/.ssh/authorized_keys: cp: error "
                        "writing"));
  EXPECT_THAT(moved.error().message, HasSubstr("authorized_keys is unchanged"));
  EXPECT_THAT(moved.error().hint, HasSubstr("transfer: relay"));
  EXPECT_EQ(from.commands.size(), 1u);                                    // no stream started
  EXPECT_THAT(to.inputs[0], ::testing::StartsWith("restrict,command="));  // no from= for 10.0.0.2
}

}  // namespace
}  // namespace flocker
