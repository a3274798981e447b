#include "apply/move.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>

#include "apply/direct_link.hpp"
#include "apply/executor.hpp"
#include "cli/progress_text.hpp"
#include "plan/container_config.hpp"
#include "remote/authorized_keys.hpp"
#include "support/command_lines.hpp"
#include "support/fake_clock.hpp"
#include "support/fake_host.hpp"
#include "support/faulty_host.hpp"

namespace flocker {
namespace {

using testing::FakeHost;
using testing::FaultPlan;
using testing::FaultyHost;
using ::testing::HasSubstr;
using testing::index_of;
using testing::lines;

// Moves wait (busy retries) and measure on it: no real time passes.
testing::FakeClock test_clock;

Step move_step(const std::string& base = "", bool direct = false, bool two_volumes = false) {
  AppSpec app{.name = "web", .image = "local/busybox:1", .volumes = {{.name = "www", .mountpoint = "/www"}}};
  auto run = container_run(app, "tank/flocker");
  Step step{.kind = StepKind::MoveApplication,
            .node = "node2",
            .app = "web",
            .target = run.name,
            .run = run,
            .source_node = "node1",
            .direct = direct,
            .moves = {{.volume = "www",
                       .source = "tank/flocker/web.www",
                       .target = "tank/flocker/web.www",
                       .base = base,
                       .target_exists = !base.empty(),
                       .next_snapshot = 4,
                       .generation = 2}}};
  if (two_volumes)
    step.moves.push_back({.volume = "logs",
                          .source = "tank/flocker/web.logs",
                          .target = "tank/flocker/web.logs",
                          .next_snapshot = 1,
                          .generation = 2});
  return step;
}

// Two nodes that answer like healthy ones: a send stream, matching guids, mounts.
void healthy(FakeHost& from, FakeHost& to) {
  from.on({"zfs", "send"}, {0, std::string(1000, 'z'), ""});
  from.on({"sh", "-c"}, {0, "/tmp/tmp.flocker1\n", ""});  // the direct link's private directory
  to.endpoint = SshEndpoint{"10.0.0.2", 2222, "root", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHostKeyOfNode2"};
  for (auto* host : {&from, &to}) {
    host->on({"zfs", "get", "-Hp", "-o", "value", "guid"}, {0, "4242\n", ""});
    host->on({"zfs", "get", "-H"},
             {0,
              "tank/flocker/web.www\tmountpoint\t/tank/flocker/web.www\ntank/flocker/web.www\tmounted\tyes\n"
              "tank/flocker\tmountpoint\t/tank/flocker\ntank/flocker\tmounted\tno\n",
              ""});
    host->on({"zfs", "get", "-H", "-r", "-s", "received"}, {0, "", ""});  // a stream of data only
  }
}

// The index of the first edit of authorized_keys of that mode (add, remove), or commands.size().
size_t key_edit(const FakeHost& host, const std::string& mode) {
  for (size_t i = 0; i < host.commands.size(); ++i)
    if (host.commands[i].size() > 4 && host.commands[i][2] == authorized_keys_script() &&
        host.commands[i][4] == mode)
      return i;
  return host.commands.size();
}
size_t count_key_edits(const FakeHost& host, const std::string& mode) {
  return static_cast<size_t>(std::ranges::count_if(host.commands, [&](const Argv& argv) {
    return argv.size() > 4 && argv[2] == authorized_keys_script() && argv[4] == mode;
  }));
}

TEST(Move, PreCopyThenStopThenIncrementThenHandOff) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  ASSERT_TRUE(execute_move(from, to, move_step(), test_clock, [](const ProgressUpdate&) {}));
  auto a = lines(from), b = lines(to);
  // The bulk goes while the application runs; only the increment after the stop.
  EXPECT_LT(index_of(a, "zfs snapshot tank/flocker/web.www@flocker-4"),
            index_of(a, "docker stop flocker--web"));
  EXPECT_LT(index_of(a, "docker stop flocker--web"),
            index_of(a, "zfs snapshot tank/flocker/web.www@flocker-5"));
  EXPECT_LT(index_of(a, "zfs send tank/flocker/web.www@flocker-4"), index_of(a, "docker stop"));
  EXPECT_LT(index_of(a, "docker stop"), index_of(a, "zfs send -i @flocker-4 tank/flocker/web.www@flocker-5"));
  ASSERT_EQ(to.received.size(), 2u);
  EXPECT_EQ(to.received[0].size(), 1000u);  // the stream arrived whole
  // Hand-off: the source gives up ownership before the target takes it.
  EXPECT_LT(index_of(a, "zfs set flocker:owner=node2"), a.size());
  EXPECT_LT(index_of(a, "zfs set readonly=on"), index_of(a, "zfs set flocker:owner=node2"));
  EXPECT_LT(index_of(b, "zfs set flocker:generation=3"), index_of(b, "zfs set readonly=off"));
  EXPECT_LT(index_of(b, "zfs set readonly=off"), index_of(b, "docker run"));
  EXPECT_LT(index_of(a, "docker rm flocker--web"), a.size());
  // Pruned: the pre-copy snapshot; the final one stays as the next base.
  EXPECT_LT(index_of(a, "zfs destroy tank/flocker/web.www@flocker-4"), a.size());
  EXPECT_EQ(index_of(a, "zfs destroy tank/flocker/web.www@flocker-5"), a.size());
  for (const auto& line : b) EXPECT_THAT(line, ::testing::Not(HasSubstr("receive -F")));
}

TEST(Move, IncrementalFromTheCommonSnapshot) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  ASSERT_TRUE(execute_move(from, to, move_step("flocker-2"), test_clock, [](const ProgressUpdate&) {}));
  auto a = lines(from);
  EXPECT_LT(index_of(a, "zfs send -i @flocker-2 tank/flocker/web.www@flocker-4"), a.size());
  EXPECT_LT(index_of(a, "zfs destroy tank/flocker/web.www@flocker-2"), a.size());
}

TEST(Move, PruningSparesSnapshotsThatAreNotFlockers) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  ASSERT_TRUE(execute_move(from, to, move_step("before-upgrade"), test_clock, [](const ProgressUpdate&) {}));
  auto a = lines(from), b = lines(to);
  EXPECT_EQ(index_of(a, "zfs destroy tank/flocker/web.www@before-upgrade"), a.size());
  EXPECT_EQ(index_of(b, "zfs destroy tank/flocker/web.www@before-upgrade"), b.size());
  EXPECT_LT(index_of(a, "zfs destroy tank/flocker/web.www@flocker-4"), a.size());
}

TEST(Move, OpenZfsOnBothEndsSendsBlocksAsStored) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  auto step = move_step("flocker-2");
  step.openzfs_streams = true;
  ASSERT_TRUE(execute_move(from, to, step, test_clock, [](const ProgressUpdate&) {}));
  auto a = lines(from);
  EXPECT_LT(index_of(a, "zfs send -L -e -c -i @flocker-2 tank/flocker/web.www@flocker-4"), a.size());
  EXPECT_LT(index_of(a, "zfs send -L -e -c -i @flocker-4 tank/flocker/web.www@flocker-5"), a.size());
}

TEST(Move, GuidMismatchAfterTheFinalSendIsAFailure) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  to.on({"zfs", "get", "-Hp", "-o", "value", "guid"}, {0, "9999\n", ""});
  auto moved = execute_move(from, to, move_step(), test_clock, [](const ProgressUpdate&) {});
  ASSERT_FALSE(moved);
  EXPECT_THAT(moved.error().message, HasSubstr("has guid 4242"));
  EXPECT_THAT(moved.error().message, HasSubstr("web was started again on node1"));
  EXPECT_EQ(index_of(lines(to), "docker run"), lines(to).size());
}

// Every command of a move, failed in turn (and every stream cut): the source's
// data is never changed before the hand-off, and the application ends up
// running on exactly one node, or the error says it runs nowhere.
class EveryCutPoint : public ::testing::TestWithParam<std::tuple<bool, bool>> {};
INSTANTIATE_TEST_SUITE_P(Move, EveryCutPoint, ::testing::Combine(::testing::Bool(), ::testing::Bool()),
                         [](const auto& case_info) {
                           return std::string(std::get<0>(case_info.param) ? "Direct" : "Relay") +
                                  (std::get<1>(case_info.param) ? "TwoVolumes" : "OneVolume");
                         });

TEST_P(EveryCutPoint, LeavesTheSourceIntactAndOneRunningCopy) {
  const auto [direct, two_volumes] = GetParam();
  FakeHost probe_from("node1"), probe_to("node2");
  healthy(probe_from, probe_to);
  FaultPlan counting;
  FaultyHost counted_from(probe_from, counting), counted_to(probe_to, counting);
  ASSERT_TRUE(execute_move(counted_from, counted_to, move_step("", direct, two_volumes), test_clock,
                           [](const ProgressUpdate&) {}));
  const int total = counting.count;
  ASSERT_GT(total, 15);

  for (bool cut : {false, true}) {
    for (int n = 1; n <= total; ++n) {
      SCOPED_TRACE("failing command " + std::to_string(n) + (cut ? " (stream cut)" : ""));
      FakeHost from("node1"), to("node2");
      healthy(from, to);
      FaultPlan faults{.fail_at = n, .cut_stream = cut};
      FaultyHost faulty_from(from, faults), faulty_to(to, faults);
      std::vector<std::string> messages;
      const auto step = move_step("", direct, two_volumes);
      auto moved = execute_move(faulty_from, faulty_to, step, test_clock, [&](const ProgressUpdate& update) {
        messages.push_back(progress_text(update.fact, step));
      });
      auto a = lines(from), b = lines(to);
      if (direct && count_key_edits(to, "add") > 0) {
        // Whatever happened, each one-time key line is revoked on the target
        // at the end, or a warning says where it was left.
        const bool revoked = count_key_edits(to, "remove") >= count_key_edits(to, "add");
        const bool warned = std::ranges::any_of(messages, [](const std::string& m) {
          return m.find("could not remove the one-time transfer key") != std::string::npos;
        });
        EXPECT_TRUE(revoked || warned) << "transfer key left on node2 without a word";
      }
      // Handed off: every volume's owner on node1 was set to node2 (and not taken back).
      const auto owner_changes =
          std::ranges::count(a, std::string("zfs set flocker:owner=node2"),
                             [](const std::string& l) { return l.substr(0, l.rfind(' ')); });
      const auto owner_restores =
          std::ranges::count(a, std::string("zfs set flocker:owner=node1"),
                             [](const std::string& l) { return l.substr(0, l.rfind(' ')); });
      const bool handed_off = owner_changes == static_cast<long>(two_volumes ? 2 : 1);
      const bool split = owner_changes > owner_restores && !handed_off;
      if (!moved && split) {
        // Half handed over and not taken back: stopped, and the error says how to recover.
        EXPECT_THAT(moved.error().message, HasSubstr("some volumes released"));
        EXPECT_EQ(index_of(a, "docker start flocker--web"), a.size());
        continue;
      }
      if (!moved && !handed_off) {
        // Nothing but snapshots and reads happened to the source's data (and
        // readonly, set on release and undone on restart).
        EXPECT_EQ(owner_changes, owner_restores) << "an owner change was not taken back";
        for (const auto& line : a) {
          EXPECT_THAT(line, ::testing::Not(HasSubstr("zfs destroy")));
          EXPECT_THAT(line, ::testing::Not(HasSubstr("zfs receive")));
          EXPECT_THAT(line, ::testing::Not(HasSubstr("rollback")));
        }
        const bool stopped = index_of(a, "docker stop") < a.size();
        const bool restarted = index_of(a, "docker start flocker--web") < a.size();
        const bool restart_failed = faults.failed.front().find("docker start") != std::string::npos ||
                                    faults.failed.front().find("readonly=off") != std::string::npos;
        if (stopped) {
          EXPECT_TRUE(restarted || restart_failed) << "stopped on node1 and not started again";
          if (index_of(a, "zfs set readonly=on") < a.size()) {
            EXPECT_LT(index_of(a, "zfs set readonly=off"), index_of(a, "docker start"))
                << "restarted read-only";
          }
          if (restart_failed)
            EXPECT_THAT(moved.error().message, HasSubstr("starting web again on node1 failed too"));
          else
            EXPECT_THAT(moved.error().message, HasSubstr("web was started again on node1"));
        } else {
          // Still running, or (when the stop itself failed) started again to be sure.
          EXPECT_THAT(moved.error().message, ::testing::AnyOf(HasSubstr("still runs on node1"),
                                                              HasSubstr("web was started again on node1")));
        }
        EXPECT_EQ(index_of(b, "docker run"), b.size()) << "started on node2 without a hand-off";
      }
      if (!moved && handed_off) {
        // After the hand-off the target owns the data; the error says what to do.
        EXPECT_THAT(moved.error().message,
                    ::testing::AnyOf(HasSubstr("hand-off"), HasSubstr("did not start there")));
        EXPECT_EQ(index_of(a, "docker start flocker--web"), a.size())
            << "the source must not run once it handed off";
      }
    }
  }
}

TEST(Move, DirectTransferUsesAOneTimeKeyLimitedToTheReceive) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  ASSERT_TRUE(execute_move(from, to, move_step("", true), test_clock, [](const ProgressUpdate&) {}));
  auto a = lines(from), b = lines(to);
  // The target accepts the key only for `zfs receive <target>`.
  const auto authorize = key_edit(to, "add");
  ASSERT_LT(authorize, b.size());
  EXPECT_THAT(to.inputs[authorize],
              ::testing::StartsWith("restrict,command=\"zfs receive -u tank/flocker/web.www\" ssh-ed25519 "));
  EXPECT_THAT(to.inputs[authorize], HasSubstr(" flocker-transfer-"));
  // Each transfer (pre-copy, final increment) authorizes the key under a marker
  // of its own, for 15 minutes, and revokes exactly that marker when its stream ends.
  ASSERT_EQ(count_key_edits(to, "add"), 2u);
  const auto& add = to.commands[authorize];
  EXPECT_EQ(add.back(), "15");
  EXPECT_THAT(to.inputs[authorize], ::testing::EndsWith(" " + add[5]));
  const auto revoke = key_edit(to, "remove");
  ASSERT_LT(revoke, b.size());
  EXPECT_EQ(to.commands[revoke][5], add[5]);
  EXPECT_GT(revoke, authorize);
  // The source gets the private key and the host key flocker verified for node2.
  const auto install = index_of(a, "sh -c umask 077 && d=$(mktemp -d \"${TMPDIR:-/tmp}/$2.XXXXXX\")");
  ASSERT_LT(install, a.size());
  EXPECT_THAT(from.inputs[install], HasSubstr("BEGIN OPENSSH PRIVATE KEY"));
  EXPECT_THAT(a[install], HasSubstr("[10.0.0.2]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHostKeyOfNode2"));
  // Both sends go straight from node1 to node2 with strict host key checking.
  const auto pipeline = index_of(a, "sh -c zfs send tank/flocker/web.www@flocker-4 | ssh");
  ASSERT_LT(pipeline, a.size());
  EXPECT_THAT(a[pipeline], HasSubstr("StrictHostKeyChecking=yes"));
  EXPECT_THAT(a[pipeline], HasSubstr("UserKnownHostsFile=/tmp/tmp.flocker1/known_hosts"));
  EXPECT_THAT(a[pipeline], HasSubstr("-p 2222 -l root -- 10.0.0.2 zfs-receive"));
  EXPECT_LT(index_of(a, "sh -c zfs send -i @flocker-4 tank/flocker/web.www@flocker-5 | ssh"), a.size());
  // And nothing is left behind: the key revoked on node2, the directory removed on node1.
  EXPECT_EQ(count_key_edits(to, "remove"), count_key_edits(to, "add"));
  EXPECT_LT(index_of(a, "rm -rf -- /tmp/tmp.flocker1"), a.size());
  EXPECT_TRUE(to.received.empty());  // no byte went through flocker
}

TEST(DirectLink, ForcedCommandIsEscapedForAuthorizedKeys) {
  EXPECT_EQ(forced_receive_line("ssh-ed25519 AAAA", "tank/a b", "m"),
            "restrict,command=\"zfs receive -u 'tank/a b'\" ssh-ed25519 AAAA m");
  EXPECT_EQ(forced_receive_line("ssh-ed25519 AAAA", "tank/a", "m", true),
            "restrict,command=\"sudo -n -- zfs receive -u tank/a\" ssh-ed25519 AAAA m");
}

TEST(Move, AZfsFuseCopyThatCannotBeMountedAfreshIsNotHandedOver) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  to.on({"zfs", "unmount"}, {1, "", "cannot unmount '/tank/flocker/web.www': Device or resource busy\n"});
  auto moved = execute_move(from, to, move_step("flocker-2"), test_clock, [](const ProgressUpdate&) {});
  ASSERT_FALSE(moved);
  EXPECT_THAT(moved.error().message, HasSubstr("must be mounted afresh"));
  EXPECT_THAT(moved.error().message, HasSubstr("web was started again on node1"));
  auto a = lines(from), b = lines(to);
  EXPECT_EQ(std::count(b.begin(), b.end(), "zfs unmount tank/flocker/web.www"), 20);  // retried while busy
  EXPECT_EQ(index_of(a, "zfs set flocker:owner=node2"), a.size());                    // never handed over
  EXPECT_EQ(index_of(b, "docker run"), b.size());
}

TEST(Move, APartialReceiveThatTheSourceCannotResumeIsDropped) {
  // The target (OpenZFS) holds a resume token; the source is zfs-fuse, which has no send -t.
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  auto step = move_step("flocker-2");
  step.moves[0].resume_token = "1-abc";
  ASSERT_TRUE(execute_move(from, to, step, test_clock, [](const ProgressUpdate&) {}));
  auto a = lines(from), b = lines(to);
  EXPECT_EQ(index_of(a, "zfs send -t"), a.size());
  EXPECT_LT(index_of(b, "zfs receive -A tank/flocker/web.www"), b.size());
  EXPECT_LT(index_of(a, "zfs send -i @flocker-2 tank/flocker/web.www@flocker-4"), a.size());
}

TEST(Move, ZfsFuseTargetsAreMountedAfreshBeforeTheHandOff) {
  // zfs-fuse leaves the kernel's cache of a mounted copy stale after a receive.
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  ASSERT_TRUE(execute_move(from, to, move_step("flocker-2"), test_clock, [](const ProgressUpdate&) {}));
  auto b = lines(to);
  EXPECT_LT(index_of(b, "zfs get -Hp -o value guid tank/flocker/web.www@flocker-5"),
            index_of(b, "zfs unmount tank/flocker/web.www"));
  EXPECT_LT(index_of(b, "zfs unmount tank/flocker/web.www"), index_of(b, "zfs mount tank/flocker/web.www"));
  EXPECT_LT(index_of(b, "zfs mount tank/flocker/web.www"), index_of(b, "zfs set readonly=off"));
  FakeHost a2("node1"), b2("node2");
  healthy(a2, b2);
  auto step = move_step("flocker-2");
  step.openzfs_streams = true;  // OpenZFS's receive keeps its own mounts current
  ASSERT_TRUE(execute_move(a2, b2, step, test_clock, [](const ProgressUpdate&) {}));
  EXPECT_EQ(index_of(lines(b2), "zfs unmount"), lines(b2).size());
}

TEST(Move, AFailedDirectTransferSaysWhatTheReceiveSaid) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  from.on_stream({"sh", "-c"},
                 {1, "",
                  "0+1 records in\n0+1 records out\n262144 bytes (262 kB, 256 KiB) copied, 0.01 s, 26 MB/s\n"
                  "cannot receive new filesystem stream: destination 'tank/flocker/web.www' exists\n"
                  "must specify -F to overwrite it\n"
                  "warning: cannot send 'tank/flocker/web.www@flocker-4': Broken pipe\n"});
  auto step = move_step("", true);
  step.stream.count = true;
  auto moved = execute_move(from, to, step, test_clock, [](const ProgressUpdate&) {});
  ASSERT_FALSE(moved);
  EXPECT_THAT(
      moved.error().message,
      HasSubstr(
          "node1: the direct transfer to node2 failed (exit 1) after 256.0 KiB: cannot receive new "
          "filesystem "
          "stream: destination 'tank/flocker/web.www' exists; must specify -F to overwrite it; web still "
          "runs on node1, whose data is untouched"));
}

TEST(Move, ADirectTransferUsesTheTargetsTransferAddress) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  auto step = move_step("", true);
  step.transfer_address = {.host = "10.9.0.2", .port = 22};
  std::vector<std::string> messages;
  ASSERT_TRUE(execute_move(from, to, step, test_clock, [&](const ProgressUpdate& update) {
    messages.push_back(progress_text(update.fact, step));
  }));
  auto a = lines(from);
  // The source reaches node2 there, and trusts the host key flocker verified under that name.
  EXPECT_LT(index_of(a, "sh -c umask 077 && d=$(mktemp"), a.size());
  EXPECT_THAT(a,
              ::testing::Contains(HasSubstr("10.9.0.2 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHostKeyOfNode2")));
  EXPECT_THAT(a, ::testing::Contains(HasSubstr("-p 22 -l root -- 10.9.0.2 zfs-receive")));
  EXPECT_THAT(messages, ::testing::Contains(HasSubstr("(direct to node2 at 10.9.0.2:22, uncompressed)")));
}

TEST(Move, ARelayedCompressedStreamIsCountedBeforeCompression) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  // The sender pipeline: 400 bytes of "compressed" stream, and dd's count of the 1000 it compressed.
  from.on({"sh", "-c"},
          {0, std::string(400, 'c'),
           "0+1 records in\n0+1 records out\n1000 bytes (1.0 kB, 1000 B) copied, 0.1 s, 10 kB/s\n"});
  auto step = move_step();
  step.stream = {.compression = StreamCompression::Zstd, .count = true};
  std::vector<std::string> messages;
  ASSERT_TRUE(execute_move(from, to, step, test_clock, [&](const ProgressUpdate& update) {
    messages.push_back(progress_text(update.fact, step));
  }));
  auto a = lines(from), b = lines(to);
  EXPECT_LT(
      index_of(
          a,
          "sh -c exec 4>&1; status=$({ { zfs send tank/flocker/web.www@flocker-4 3>&- 4>&-; echo $? >&3; } | "
          "{ env 'LC_ALL=C' dd 'bs=128k' 'status=progress' | zstd -1 -T0 -q -c; } >&4 3>&-; } 3>&1)"),
      a.size());
  EXPECT_LT(index_of(b, "sh -c zstd -d -q -c | zfs receive -u tank/flocker/web.www"), b.size());
  EXPECT_THAT(messages, ::testing::Contains(HasSubstr("pre-copy tank/flocker/web.www: 1000 B in ")));
  EXPECT_THAT(messages, ::testing::Contains(HasSubstr("(relay, zstd-compressed; 400 B relayed)")));
}

TEST(Move, ADirectStreamReportsWhatDdCounted) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  // Both the link's directory and the pipeline answer: the pipeline's stderr carries dd's count.
  from.on({"sh", "-c"}, {0, "/tmp/tmp.flocker1\n", "1000 bytes (1.0 kB, 1000 B) copied, 0.1 s, 10 kB/s\n"});
  auto step = move_step("", true);
  step.stream = {.buffer = true, .count = true};
  std::vector<std::string> messages;
  ASSERT_TRUE(execute_move(from, to, step, test_clock, [&](const ProgressUpdate& update) {
    messages.push_back(progress_text(update.fact, step));
  }));
  auto a = lines(from);
  EXPECT_LT(
      index_of(
          a,
          "sh -c zfs send tank/flocker/web.www@flocker-4 | env 'LC_ALL=C' dd 'bs=128k' 'status=progress' | "
          "mbuffer -q -s 128k -m 32M | ssh"),
      a.size());
  EXPECT_THAT(messages, ::testing::Contains(HasSubstr("pre-copy tank/flocker/web.www: 1000 B in ")));
  EXPECT_THAT(messages,
              ::testing::Contains(HasSubstr("(direct to node2, uncompressed, buffered by mbuffer)")));
  // The target's half (buffer, then receive) is the forced command of the one-time key.
  EXPECT_THAT(to.inputs, ::testing::Contains(HasSubstr(
                             "command=\"mbuffer -q -s 128k -m 32M | zfs receive -u tank/flocker/web.www\"")));
}

Step openzfs_step(const std::string& base = "flocker-2", bool direct = false) {
  auto step = move_step(base, direct);
  step.openzfs_streams = true;
  return step;
}

void openzfs_estimates(FakeHost& from) {
  from.on({"zfs", "send", "-n", "-v", "-P"},
          {0, "full\ttank/flocker/web.www@flocker-4\t5000\nsize\t5000\n", ""});
}

TEST(Move, OpenZfsReceivesResumablyAndKnowsEachStreamsSize) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  openzfs_estimates(from);
  std::vector<std::string> progress;
  const auto step = openzfs_step();
  ASSERT_TRUE(execute_move(from, to, step, test_clock, [&](const ProgressUpdate& u) {
    progress.push_back(progress_text(u.fact, step));
  }));
  auto a = lines(from), b = lines(to);
  // The size comes from send -nvP with the same flags as the send itself.
  EXPECT_LT(index_of(a, "zfs send -n -v -P -L -e -c -i @flocker-2 tank/flocker/web.www@flocker-4"),
            index_of(a, "zfs send -L -e -c -i @flocker-2 tank/flocker/web.www@flocker-4"));
  EXPECT_THAT(progress,
              ::testing::Contains("pre-copy tank/flocker/web.www: sending about 4.9 KiB (zfs send -nvP)"));
  // A cut stream can be resumed: receive -s (unmounted, the mount properties excluded: -u -x …).
  const std::string receive =
      "zfs receive -s -u -x mountpoint -x canmount -x setuid -x exec -x devices -x sharenfs -x sharesmb "
      "-x snapdir -x zoned -x overlay tank/flocker/web.www";
  EXPECT_EQ(std::ranges::count(b, receive), 2);
}

TEST(Move, OpenZfsHoldsTheSnapshotsTheMoveDependsOnAndReleasesThem) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  ASSERT_TRUE(execute_move(from, to, openzfs_step(), test_clock, [](const ProgressUpdate&) {}));
  auto a = lines(from), b = lines(to);
  for (const auto* host : {&a, &b}) {
    const auto& c = *host;
    // The base is held before anything is sent, the pre-copy snapshot before the final increment.
    EXPECT_LT(index_of(c, "zfs hold flocker-move tank/flocker/web.www@flocker-2"), c.size());
    EXPECT_LT(index_of(c, "zfs hold flocker-move tank/flocker/web.www@flocker-4"), c.size());
    EXPECT_LT(index_of(c, "zfs release flocker-move tank/flocker/web.www@flocker-2"),
              index_of(c, "zfs destroy tank/flocker/web.www@flocker-2"));
    EXPECT_LT(index_of(c, "zfs release flocker-move tank/flocker/web.www@flocker-4"),
              index_of(c, "zfs destroy tank/flocker/web.www@flocker-4"));
  }
  EXPECT_LT(index_of(a, "zfs hold flocker-move tank/flocker/web.www@flocker-2"), index_of(a, "zfs send -L"));
  EXPECT_LT(index_of(a, "zfs hold flocker-move tank/flocker/web.www@flocker-4"), index_of(a, "docker stop"));
  // zfs-fuse has no holds: none are taken.
  FakeHost c("node1"), d("node2");
  healthy(c, d);
  ASSERT_TRUE(execute_move(c, d, move_step("flocker-2"), test_clock, [](const ProgressUpdate&) {}));
  EXPECT_EQ(index_of(lines(c), "zfs hold"), lines(c).size());
}

TEST(Move, HoldsAreReleasedWhenTheMoveFails) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  to.on({"zfs", "get", "-Hp", "-o", "value", "guid"}, {0, "9999\n", ""});  // the final check fails
  ASSERT_FALSE(execute_move(from, to, openzfs_step(), test_clock, [](const ProgressUpdate&) {}));
  auto a = lines(from);
  EXPECT_LT(index_of(a, "zfs release flocker-move tank/flocker/web.www@flocker-4"), a.size());
  EXPECT_LT(index_of(a, "zfs release flocker-move tank/flocker/web.www@flocker-2"), a.size());
  // A hold left by an interrupted move is taken over, not an error.
  FakeHost c("node1"), d("node2");
  healthy(c, d);
  c.on(
      {"zfs", "hold"},
      {1, "", "cannot hold snapshot 'tank/flocker/web.www@flocker-2': tag already exists on this dataset\n"});
  EXPECT_TRUE(execute_move(c, d, openzfs_step(), test_clock, [](const ProgressUpdate&) {}));
}

TEST(Move, InterruptedReceiveIsResumedFromItsTokenThenMovesOnFromThere) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  auto step = openzfs_step("flocker-2");
  step.moves[0].resume_token = "1-abc";
  step.moves[0].next_snapshot = 5;  // flocker-4 was the interrupted pre-copy
  from.on({"zfs", "send", "-n", "-v", "-P", "-t"},
          {0,
           "resume token contents:\nnvlist version: 0\n\ttoname = tank/flocker/web.www@flocker-4\n"
           "incremental\ttank/flocker/web.www@flocker-2\ttank/flocker/web.www@flocker-4\t700\nsize\t700\n",
           ""});
  std::vector<std::string> progress;
  ASSERT_TRUE(execute_move(from, to, step, test_clock, [&](const ProgressUpdate& u) {
    progress.push_back(progress_text(u.fact, step));
  }));
  auto a = lines(from);
  EXPECT_THAT(progress,
              ::testing::Contains(
                  "resuming the interrupted transfer to tank/flocker/web.www on node2: about 700 B left"));
  // First the rest of the interrupted stream, then the pre-copy on top of what it completed.
  EXPECT_LT(index_of(a, "zfs send -t 1-abc"), index_of(a, "zfs snapshot tank/flocker/web.www@flocker-5"));
  EXPECT_LT(index_of(a, "zfs send -L -e -c -i @flocker-4 tank/flocker/web.www@flocker-5"), a.size());
  EXPECT_EQ(index_of(a, "zfs send -L -e -c -i @flocker-2"), a.size());
  EXPECT_EQ(to.received.size(), 3u);  // resumed rest, pre-copy, final increment
  // Both old bases are pruned; the final snapshot stays.
  EXPECT_LT(index_of(a, "zfs destroy tank/flocker/web.www@flocker-2"), a.size());
  EXPECT_LT(index_of(a, "zfs destroy tank/flocker/web.www@flocker-4"), a.size());
  EXPECT_EQ(index_of(a, "zfs destroy tank/flocker/web.www@flocker-6"), a.size());
  EXPECT_EQ(index_of(lines(to), "zfs receive -A"), lines(to).size());
}

TEST(Move, UnresumableReceiveIsAbortedAndTheMoveStartsOverFromThePlannedBase) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  auto step = openzfs_step("flocker-2");
  step.moves[0].resume_token = "1-abc";
  from.on(
      {"zfs", "send", "-n", "-v", "-P", "-t"},
      {255, "",
       "cannot resume send: 'tank/flocker/web.www@flocker-3' used in the initial send no longer exists\n"});
  std::vector<std::string> progress;
  ASSERT_TRUE(execute_move(from, to, step, test_clock, [&](const ProgressUpdate& u) {
    progress.push_back(progress_text(u.fact, step));
  }));
  auto a = lines(from), b = lines(to);
  EXPECT_LT(index_of(b, "zfs receive -A tank/flocker/web.www"), index_of(b, "zfs receive -s"));
  EXPECT_EQ(index_of(a, "zfs send -t"), a.size());
  EXPECT_LT(index_of(a, "zfs send -L -e -c -i @flocker-2 tank/flocker/web.www@flocker-4"), a.size());
  EXPECT_THAT(progress, ::testing::Contains(HasSubstr("dropping it (zfs receive -A)")));
}

TEST(DirectLink, ResumableForcedReceive) {
  EXPECT_EQ(forced_receive_line("ssh-ed25519 AAAA", "tank/a", "m", false, true),
            "restrict,command=\"zfs receive -s -u -x mountpoint -x canmount -x setuid -x exec -x devices -x "
            "sharenfs -x sharesmb -x snapdir -x zoned -x overlay tank/a\" ssh-ed25519 AAAA m");
}

}  // namespace
}  // namespace flocker

namespace flocker {
namespace {

// A stop request that comes once node's commands include one starting with prefix.
StopRequested stop_once(const FakeHost& host, std::string prefix) {
  return [&host, prefix = std::move(prefix)] { return index_of(lines(host), prefix) < host.commands.size(); };
}

void expect_still_on_the_source(const Status& moved, const FakeHost& from, const FakeHost& to) {
  ASSERT_FALSE(moved);
  EXPECT_THAT(moved.error().message, HasSubstr("moving web: stopped as asked"));
  EXPECT_THAT(moved.error().message, HasSubstr("web still runs on node1, whose data is untouched"));
  EXPECT_THAT(moved.error().hint, HasSubstr("run `flocker apply` again"));
  auto a = lines(from), b = lines(to);
  EXPECT_EQ(index_of(a, "docker stop"), a.size());
  EXPECT_EQ(index_of(a, "zfs set"), a.size());  // neither read-only nor handed over
  EXPECT_EQ(index_of(a, "zfs destroy"), a.size());
  EXPECT_EQ(index_of(b, "docker run"), b.size());
}

TEST(MoveStop, ARelayedPreCopyIsCutAtOnce) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  from.on({"zfs", "send"}, {0, std::string(4 << 20, 'z'), ""});  // 4 MiB: 16 chunks
  auto moved = execute_move(
      from, to, move_step(), test_clock, [](const ProgressUpdate&) {}, stop_once(from, "zfs send"));
  expect_still_on_the_source(moved, from, to);
  EXPECT_THAT(moved.error().message,
              HasSubstr("during the pre-copy (the stream from node1 to node2 was cut on "
                        "request after 256.0 KiB)"));
  // The receive saw the stream end early, as after a lost connection.
  ASSERT_EQ(to.received.size(), 1u);
  EXPECT_EQ(to.received[0].size(), 256u * 1024);
}

TEST(MoveStop, ADirectPreCopyIsCutByKillingItsSsh) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  auto step = move_step("", true);
  step.openzfs_streams = true;
  auto moved = execute_move(
      from, to, step, test_clock, [](const ProgressUpdate&) {}, stop_once(from, "sh -c zfs send"));
  expect_still_on_the_source(moved, from, to);
  EXPECT_THAT(moved.error().hint, HasSubstr("resumes a cut stream"));
  auto a = lines(from), b = lines(to);
  // The pipeline keeps the pid of its ssh, which the stop kills, then the link closes.
  const auto pipeline = index_of(a, "sh -c zfs send");
  ASSERT_LT(pipeline, a.size());
  EXPECT_THAT(a[pipeline], HasSubstr("zfs-receive & echo $! > /tmp/tmp.flocker1/pid.1; wait $!"));
  // The kill reads that transfer's own pid file (waiting while the pipeline starts).
  const auto& kill = from.commands.at(pipeline + 1);
  ASSERT_EQ(kill.size(), 5u);
  EXPECT_THAT(kill[2], HasSubstr("[ ! -s \"$1\" ]"));
  EXPECT_THAT(kill[2], HasSubstr("kill \"$(cat \"$1\")\""));
  EXPECT_EQ(kill[4], "/tmp/tmp.flocker1/pid.1");
  EXPECT_LT(index_of(a, "rm -rf -- /tmp/tmp.flocker1"), a.size());
  EXPECT_EQ(count_key_edits(to, "remove"), count_key_edits(to, "add"));
  // Holds taken for the move are released.
  EXPECT_LT(index_of(a, "zfs release flocker-move"), a.size());
}

TEST(MoveStop, AfterThePreCopyTheApplicationIsNotStopped) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  // The pre-copy ends with the copy made read-only: the stop comes then.
  auto moved = execute_move(
      from, to, move_step(), test_clock, [](const ProgressUpdate&) {}, stop_once(to, "zfs set readonly=on"));
  expect_still_on_the_source(moved, from, to);
  EXPECT_THAT(moved.error().message, HasSubstr("stopped as asked after the pre-copy, before stopping it;"));
  EXPECT_EQ(to.received.size(), 1u);  // the pre-copy arrived whole
  EXPECT_EQ(index_of(lines(from), "zfs snapshot tank/flocker/web.www@flocker-5"), lines(from).size());
}

TEST(MoveStop, ARequestBeforeTheFirstSendSendsNothing) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  auto moved = execute_move(
      from, to, move_step(), test_clock, [](const ProgressUpdate&) {}, [] { return true; });
  expect_still_on_the_source(moved, from, to);
  EXPECT_THAT(moved.error().message, HasSubstr("(before sending tank/flocker/web.www)"));
  EXPECT_TRUE(from.commands.empty());
}

TEST(MoveStop, OnceTheContainerIsStoppedTheMoveRunsToTheHandOff) {
  for (bool direct : {false, true}) {
    SCOPED_TRACE(direct ? "direct" : "relay");
    FakeHost from("node1"), to("node2");
    healthy(from, to);
    auto moved = execute_move(
        from, to, move_step("", direct), test_clock, [](const ProgressUpdate&) {},
        stop_once(from, "docker stop"));
    ASSERT_TRUE(moved) << moved.error().message;
    EXPECT_LT(index_of(lines(from), "zfs set flocker:owner=node2"), lines(from).size());
    EXPECT_LT(index_of(lines(to), "docker run"), lines(to).size());
    EXPECT_EQ(index_of(lines(from), "sh -c kill"), lines(from).size());
  }
}

TEST(MoveStop, TheExecutorCutsAPreCopyOnlyWhenACutIsRequested) {
  // A stop (Ctrl-C) lets the running move finish; a cut (SIGTERM) ends its pre-copy.
  for (bool cut : {false, true}) {
    SCOPED_TRACE(cut ? "cut" : "stop only");
    std::map<std::string, std::unique_ptr<Host>> hosts;
    auto* from = new FakeHost("node1");
    auto* to = new FakeHost("node2");
    hosts["node1"].reset(from);
    hosts["node2"].reset(to);
    healthy(*from, *to);
    Plan plan{.steps = {move_step()}};
    std::atomic<bool> stop = false;
    auto report = apply_plan(
        plan, hosts, 1, [&](const StepUpdate& update) { stop = stop || update.event == StepEvent::Started; },
        [&] { return stop.load(); }, [&] { return cut && stop.load(); });
    EXPECT_EQ(report.done, cut ? 0u : 1u);
    EXPECT_EQ(index_of(lines(*from), "docker stop") < lines(*from).size(), !cut);
    EXPECT_EQ(report.interrupted, cut);
  }
}

}  // namespace
}  // namespace flocker
