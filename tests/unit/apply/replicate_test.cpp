// Refreshing a replica: what runs on each node, and that no cut leaves the
// live copy changed or the application touched.
#include "apply/replicate.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "cli/progress_text.hpp"
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

testing::FakeClock test_clock;

Step replica_step(const std::string& base = "flocker-3", bool direct = false, bool openzfs = false) {
  Step step{.kind = base.empty() ? StepKind::CreateReplica : StepKind::RefreshReplica,
            .node = "node2",
            .app = "db",
            .target = "db",
            .source_node = "node1",
            .direct = direct,
            .openzfs_streams = openzfs,
            .moves = {{.volume = "data",
                       .source = "tank/flocker/db.data",
                       .target = "tank/flocker/db.data",
                       .base = base,
                       .target_exists = !base.empty(),
                       .next_snapshot = 5,
                       .generation = 2,
                       .keep = {"flocker-4"},
                       .prune_source = {"flocker-3"},
                       .prune_target =
                           base.empty() ? std::vector<std::string>{} : std::vector<std::string>{base}}}};
  return step;
}

void healthy(FakeHost& from, FakeHost& to) {
  from.on({"zfs", "send"}, {0, std::string(1000, 'z'), ""});
  from.on({"sh", "-c"}, {0, "/tmp/tmp.flocker1\n", ""});
  to.endpoint = SshEndpoint{"10.0.0.2", 2222, "root", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHostKeyOfNode2"};
  for (auto* host : {&from, &to}) {
    host->on({"zfs", "get", "-Hp", "-o", "value", "guid"}, {0, "4242\n", ""});
    host->on({"zfs", "get", "-H", "-r", "-s", "received"}, {0, "", ""});
  }
}

TEST(Replicate, SnapshotSendLabelCheckThenPrune) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  std::vector<std::string> said;
  const auto step = replica_step();
  ASSERT_TRUE(execute_replication(from, to, step, test_clock, [&](const ProgressUpdate& update) {
    said.push_back(progress_text(update.fact, step));
  }));
  auto a = lines(from), b = lines(to);
  EXPECT_LT(index_of(a, "zfs snapshot tank/flocker/db.data@flocker-5"), a.size());
  EXPECT_LT(index_of(a, "zfs send -i @flocker-3 tank/flocker/db.data@flocker-5"), a.size());
  ASSERT_EQ(to.received.size(), 1u);
  EXPECT_EQ(to.received[0].size(), 1000u);
  // A read-only standby that names the live node.
  EXPECT_LT(index_of(b, "zfs set readonly=on tank/flocker/db.data"), b.size());
  EXPECT_LT(index_of(b, "zfs set flocker:owner=node1 tank/flocker/db.data"), b.size());
  EXPECT_LT(index_of(b, "zfs set flocker:generation=2"), b.size());
  // Pruned after the check: the replica's old base, and on the live copy only what no other copy needs.
  EXPECT_LT(index_of(b, "zfs get -Hp -o value guid tank/flocker/db.data@flocker-5"),
            index_of(b, "zfs destroy tank/flocker/db.data@flocker-3"));
  EXPECT_LT(index_of(a, "zfs destroy tank/flocker/db.data@flocker-3"), a.size());
  EXPECT_EQ(index_of(a, "zfs destroy tank/flocker/db.data@flocker-4"), a.size());
  EXPECT_EQ(index_of(a, "zfs destroy tank/flocker/db.data@flocker-5"), a.size());
  // The application is not touched.
  for (const auto& line : a) EXPECT_THAT(line, ::testing::Not(HasSubstr("docker")));
  for (const auto& line : b) EXPECT_THAT(line, ::testing::Not(HasSubstr("receive -F")));
  EXPECT_THAT(said.back(), HasSubstr("the replica of db on node2 holds @flocker-5"));
}

TEST(Replicate, ASnapshotAnEarlierStepTookIsUsed) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  from.on({"zfs", "snapshot"},
          {1, "", "cannot create snapshot 'tank/flocker/db.data@flocker-5': dataset already exists\n"});
  ASSERT_TRUE(execute_replication(from, to, replica_step(), test_clock, [](const ProgressUpdate&) {}));
  EXPECT_EQ(to.received.size(), 1u);
}

TEST(Replicate, ANewReplicaIsSentWhole) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  ASSERT_TRUE(execute_replication(from, to, replica_step(""), test_clock, [](const ProgressUpdate&) {}));
  auto a = lines(from);
  EXPECT_LT(index_of(a, "zfs send tank/flocker/db.data@flocker-5"), a.size());
}

TEST(Replicate, OpenZfsResumesACutStreamAndHoldsTheBase) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  auto step = replica_step("flocker-3", false, true);
  step.moves[0].resume_token = "1-abc-def";
  from.on({"zfs", "send", "-n", "-v", "-P", "-t"},
          {0, "incremental\ttank/flocker/db.data@flocker-3\ttank/flocker/db.data@flocker-4\t500\nsize\t500\n",
           ""});
  ASSERT_TRUE(execute_replication(from, to, step, test_clock, [](const ProgressUpdate&) {}));
  auto a = lines(from), b = lines(to);
  EXPECT_LT(index_of(a, "zfs send -t 1-abc-def"), a.size());
  // The completed snapshot is the new base, held on both sides while it is sent from.
  EXPECT_LT(index_of(a, "zfs hold flocker-move tank/flocker/db.data@flocker-4"), a.size());
  EXPECT_LT(index_of(a, "zfs send -L -e -c -i @flocker-4 tank/flocker/db.data@flocker-5"), a.size());
  EXPECT_LT(index_of(b, "zfs release flocker-move tank/flocker/db.data@flocker-4"), b.size());
}

TEST(Replicate, ADivergedReplicaFailsAndNothingIsPruned) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  to.on({"zfs", "receive"},
        {1, "", "cannot receive incremental stream: destination tank/flocker/db.data has been modified\n"});
  auto done = execute_replication(from, to, replica_step(), test_clock, [](const ProgressUpdate&) {});
  ASSERT_FALSE(done);
  EXPECT_THAT(done.error().message, HasSubstr("replicating db to node2"));
  EXPECT_THAT(done.error().message, HasSubstr("db runs on untouched on node1"));
  for (const auto& line : lines(from)) EXPECT_THAT(line, ::testing::Not(HasSubstr("zfs destroy")));
  for (const auto& line : lines(to)) EXPECT_THAT(line, ::testing::Not(HasSubstr("zfs destroy")));
}

TEST(Replicate, AStopRequestCutsTheStream) {
  FakeHost from("node1"), to("node2");
  healthy(from, to);
  auto done = execute_replication(
      from, to, replica_step(), test_clock, [](const ProgressUpdate&) {}, [] { return true; });
  ASSERT_FALSE(done);
  EXPECT_THAT(done.error().message, HasSubstr("stopped as asked"));
  EXPECT_TRUE(to.received.empty());
}

// Every command of a refresh, failed in turn (and every stream cut): the live
// copy only ever gets a snapshot (no destroy unless the replica holds the new
// snapshot), the application is never touched, and the error says so.
class ReplicaCutPoint : public ::testing::TestWithParam<std::tuple<bool, bool>> {};
INSTANTIATE_TEST_SUITE_P(Replicate, ReplicaCutPoint, ::testing::Combine(::testing::Bool(), ::testing::Bool()),
                         [](const auto& case_info) {
                           return std::string(std::get<0>(case_info.param) ? "Direct" : "Relay") +
                                  (std::get<1>(case_info.param) ? "OpenZfs" : "ZfsFuse");
                         });

TEST_P(ReplicaCutPoint, LeavesTheLiveCopyAndTheApplicationAlone) {
  const auto [direct, openzfs] = GetParam();
  FakeHost probe_from("node1"), probe_to("node2");
  healthy(probe_from, probe_to);
  FaultPlan counting;
  FaultyHost counted_from(probe_from, counting), counted_to(probe_to, counting);
  const auto step = replica_step("flocker-3", direct, openzfs);
  ASSERT_TRUE(execute_replication(counted_from, counted_to, step, test_clock, [](const ProgressUpdate&) {}));
  const int total = counting.count;
  ASSERT_GT(total, 6);
  for (bool cut : {false, true}) {
    for (int n = 1; n <= total; ++n) {
      SCOPED_TRACE("failing command " + std::to_string(n) + (cut ? " (stream cut)" : ""));
      FakeHost from("node1"), to("node2");
      healthy(from, to);
      FaultPlan faults{.fail_at = n, .cut_stream = cut};
      FaultyHost faulty_from(from, faults), faulty_to(to, faults);
      auto done = execute_replication(faulty_from, faulty_to, step, test_clock, [](const ProgressUpdate&) {});
      auto a = lines(from), b = lines(to);
      for (const auto& line : a) EXPECT_THAT(line, ::testing::Not(HasSubstr("docker")));
      const auto checked = index_of(b, "zfs get -Hp -o value guid tank/flocker/db.data@flocker-5");
      const auto first_destroy = std::min(index_of(a, "zfs destroy"), a.size());
      if (!done) {
        EXPECT_THAT(done.error().message, HasSubstr("db runs on untouched on node1"));
        EXPECT_EQ(first_destroy, a.size()) << "pruned the live copy after a failure";
        EXPECT_EQ(index_of(b, "zfs destroy"), b.size()) << "pruned the replica after a failure";
      } else {
        // Only a failed prune (or release, or key revocation) lets it succeed: the replica was checked first.
        EXPECT_LT(checked, b.size());
      }
      if (direct) {
        const auto added = std::ranges::count_if(to.commands, [](const Argv& argv) {
          return argv.size() > 4 && argv[2] == authorized_keys_script() && argv[4] == "add";
        });
        const auto removed = std::ranges::count_if(to.commands, [](const Argv& argv) {
          return argv.size() > 4 && argv[2] == authorized_keys_script() && argv[4] == "remove";
        });
        // The one-time key is revoked, unless the revoking command itself is the one that failed.
        if (faults.failed.empty() ||
            faults.failed.front().find(authorized_keys_script()) == std::string::npos) {
          EXPECT_GE(removed, added);
        }
      }
    }
  }
}

}  // namespace
}  // namespace flocker
