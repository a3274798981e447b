#include "apply/executor.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>

#include "apply/steps.hpp"
#include "plan/container_config.hpp"
#include "remote/docker_commands.hpp"
#include "support/fake_host.hpp"

namespace flocker {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using testing::FakeHost;

Step create_dataset(const std::string& node, const std::string& name) {
  return Step{
      .kind = StepKind::CreateDataset, .node = node, .target = name, .properties = {{"flocker:owner", node}}};
}

Step run_step(const std::string& node, const AppSpec& app) {
  auto run = container_run(app, "tank/flocker");
  return Step{.kind = StepKind::RunContainer, .node = node, .app = app.name, .target = run.name, .run = run};
}

TEST(Executor, RunsEachNodesStepsInOrder) {
  std::map<std::string, std::unique_ptr<Host>> hosts;
  auto* node1 = new FakeHost("node1");
  auto* node2 = new FakeHost("node2");
  hosts["node1"].reset(node1);
  hosts["node2"].reset(node2);
  Plan plan{.steps = {create_dataset("node1", "tank/flocker/a.x"),
                      create_dataset("node2", "tank/flocker/b.x"),
                      create_dataset("node1", "tank/flocker/c.x")}};
  order_steps(plan);  // as diff does: the step graph
  auto report = apply_plan(plan, hosts, 4, {});
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.done, 3u);
  ASSERT_EQ(node1->commands.size(), 2u);
  EXPECT_EQ(node1->commands[0].back(), "tank/flocker/a.x");
  EXPECT_EQ(node1->commands[1].back(), "tank/flocker/c.x");
  EXPECT_EQ(node2->commands.size(), 1u);
}

TEST(Executor, AFailedStepStopsItsNodeOnly) {
  std::map<std::string, std::unique_ptr<Host>> hosts;
  auto* node1 = new FakeHost("node1");
  auto* node2 = new FakeHost("node2");
  node1->on({"zfs", "create"}, {1, "", "cannot create 'tank/flocker/a.x': out of space\n"});
  hosts["node1"].reset(node1);
  hosts["node2"].reset(node2);
  Plan plan{.steps = {create_dataset("node1", "tank/flocker/a.x"),
                      create_dataset("node1", "tank/flocker/c.x"),
                      create_dataset("node2", "tank/flocker/b.x")}};
  order_steps(plan);  // as diff does: the step graph
  std::vector<std::pair<std::string, StepEvent>> events;
  auto report = apply_plan(plan, hosts, 4, [&](const StepUpdate& update) {
    events.emplace_back(update.step.target, update.event);
  });
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.done, 1u);
  EXPECT_EQ(report.failed, 1u);
  EXPECT_EQ(report.skipped, 1u);
  EXPECT_EQ(node1->commands.size(), 1u);  // the second step never ran
  EXPECT_THAT(report.errors.at(0).message, ::testing::HasSubstr("out of space"));
  EXPECT_THAT(events, Contains(std::pair<std::string, StepEvent>("tank/flocker/c.x", StepEvent::Skipped)));
}

TEST(Executor, LinkTargetsStartFirstAcrossNodes) {
  std::map<std::string, std::unique_ptr<Host>> hosts;
  auto* node1 = new FakeHost("node1");
  auto* node2 = new FakeHost("node2");
  hosts["node1"].reset(node1);
  hosts["node2"].reset(node2);
  auto web = run_step("node1", AppSpec{.name = "web", .image = "local/busybox:1"});
  web.starts_after = {"db"};
  auto db = run_step("node2", AppSpec{.name = "db", .image = "local/busybox:1"});
  Plan plan{.steps = {web, db}};  // web comes first in the plan, on another node
  order_steps(plan);              // as diff does: the step graph
  std::vector<std::string> started;
  auto report = apply_plan(plan, hosts, 4, [&](const StepUpdate& update) {
    if (update.event == StepEvent::Started || update.event == StepEvent::Done)
      started.push_back(update.step.app + (update.event == StepEvent::Started ? " started" : " done"));
  });
  EXPECT_TRUE(report.ok());
  EXPECT_THAT(started, ElementsAre("db started", "db done", "web started", "web done"));
}

TEST(Executor, AFailedLinkTargetSkipsItsLinker) {
  std::map<std::string, std::unique_ptr<Host>> hosts;
  auto* node1 = new FakeHost("node1");
  auto* node2 = new FakeHost("node2");
  node2->on({"docker", "run"}, {125, "", "Unable to find image\n"});
  hosts["node1"].reset(node1);
  hosts["node2"].reset(node2);
  auto web = run_step("node1", AppSpec{.name = "web", .image = "local/busybox:1"});
  web.starts_after = {"db"};
  Plan plan{.steps = {web, run_step("node2", AppSpec{.name = "db", .image = "local/busybox:1"})}};
  order_steps(plan);  // as diff does: the step graph
  auto report = apply_plan(plan, hosts, 4, {});
  EXPECT_EQ(report.failed, 1u);
  EXPECT_EQ(report.skipped, 1u);
  EXPECT_TRUE(node1->commands.empty());
}

TEST(Executor, OutputThatFailsDoesNotCutTheApplyShort) {
  // After SIGHUP the terminal is gone and every write fails: the steps must
  // still run to their end, not die with the output in a worker thread.
  std::map<std::string, std::unique_ptr<Host>> hosts;
  auto* node1 = new FakeHost("node1");
  hosts["node1"].reset(node1);
  Plan plan{
      .steps = {create_dataset("node1", "tank/flocker/a.x"), create_dataset("node1", "tank/flocker/b.x")}};
  order_steps(plan);  // as diff does: the step graph
  auto report =
      apply_plan(plan, hosts, 4, [](const StepUpdate&) { throw std::runtime_error("cannot write to file"); });
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.done, 2u);
  EXPECT_EQ(node1->commands.size(), 2u);
}

TEST(Executor, AStepThatFailsOnceAStopWasRequestedCountsAsInterrupted) {
  // A move cut by the stop request fails; nothing is left to skip, but the
  // apply was still interrupted.
  std::map<std::string, std::unique_ptr<Host>> hosts;
  auto* node1 = new FakeHost("node1");
  node1->on({"zfs", "create"}, {1, "", "cut\n"});
  hosts["node1"].reset(node1);
  Plan plan{.steps = {create_dataset("node1", "tank/flocker/a.x")}};
  order_steps(plan);  // as diff does: the step graph
  std::atomic<bool> stop = false;
  auto report = apply_plan(
      plan, hosts, 4, [&](const StepUpdate& update) { stop = stop || update.event == StepEvent::Started; },
      [&] { return stop.load(); });
  EXPECT_EQ(report.failed, 1u);
  EXPECT_EQ(report.skipped, 0u);
  EXPECT_TRUE(report.interrupted);
}

TEST(Executor, EachSkippedStepSaysWhyItWasNotStarted) {
  std::map<std::string, std::unique_ptr<Host>> hosts;
  auto* node1 = new FakeHost("node1");
  auto* node2 = new FakeHost("node2");
  node1->on({"zfs", "create"}, {1, "", "out of space\n"});
  hosts["node1"].reset(node1);
  hosts["node2"].reset(node2);
  // node1: a fails, b is behind it; node2: c, then d (one step at a time). The
  // stop comes with a's failure.
  Plan plan{
      .steps = {create_dataset("node1", "tank/flocker/a.x"), create_dataset("node1", "tank/flocker/b.x"),
                create_dataset("node2", "tank/flocker/c.x"), create_dataset("node2", "tank/flocker/d.x")}};
  order_steps(plan);  // as diff does: the step graph
  std::map<std::string, SkipReason> reasons;
  std::atomic<bool> stop = false;
  auto report = apply_plan(
      plan, hosts, 1,
      [&](const StepUpdate& update) {
        if (update.event == StepEvent::Failed) stop = true;
        if (update.event == StepEvent::Skipped) reasons[update.step.target] = update.skip_reason;
      },
      [&] { return stop.load(); });
  EXPECT_TRUE(report.interrupted);
  // b would not have run after a's failure, stop or no stop; c and d were stopped.
  EXPECT_EQ(reasons, (std::map<std::string, SkipReason>{{"tank/flocker/b.x", SkipReason::EarlierStepFailed},
                                                        {"tank/flocker/c.x", SkipReason::Interrupted},
                                                        {"tank/flocker/d.x", SkipReason::Interrupted}}));
}

TEST(Steps, RunContainerBindsTheDatasetMountpoint) {
  FakeHost host("node1");
  host.on({"zfs", "get"},
          {0,
           "tank/flocker/web.www\tmountpoint\t/tank/flocker/web.www\ntank/flocker/web.www\tmounted\tno\n"
           "tank/flocker\tmountpoint\t/tank/flocker\n",
           ""});
  AppSpec app{.name = "web",
              .image = "local/busybox:1",
              .command = {"httpd", "-f"},
              .environment = {{"A", "1"}},
              .volumes = {{.name = "www", .mountpoint = "/www"}},
              .stop_timeout = 20};
  ASSERT_TRUE(execute_step(host, run_step("node1", app), system_clock()));
  ASSERT_EQ(host.commands.size(), 3u);
  EXPECT_EQ(host.commands[1], (Argv{"zfs", "mount", "tank/flocker/web.www"}));  // it was not mounted
  const auto& run = host.commands[2];
  EXPECT_THAT(run, Contains("/tank/flocker/web.www:/www"));
  EXPECT_THAT(run, Contains("A=1"));
  EXPECT_THAT(run, Contains("--init"));
  EXPECT_EQ(*(std::ranges::find(run, "--stop-timeout") + 1), "20");
  EXPECT_EQ(run[run.size() - 3], "local/busybox:1");
  EXPECT_THAT(std::vector<std::string>(run.end() - 2, run.end()), ElementsAre("httpd", "-f"));
}

TEST(Steps, FailedRunLeavesNoHalfCreatedContainer) {
  FakeHost host("node1");
  host.on({"docker", "inspect"}, {1, "", "Error: No such object: flocker--web\n"});
  host.on({"docker", "run"},
          {125, "", "docker: Error response from daemon: pull access denied for nosuch/image.\n"});
  AppSpec app{.name = "web", .image = "nosuch/image"};
  auto result = execute_step(host, run_step("node1", app), system_clock());
  ASSERT_FALSE(result);
  EXPECT_THAT(result.error().message, ::testing::HasSubstr("pull access denied"));
  // It asks what holds the name; nothing does, so nothing is removed
  // (apply/run_container_test.cpp: what it removes when its run made one).
  EXPECT_EQ(host.commands.back(), docker::identify("flocker--web"));
}

TEST(Steps, ReplaceStopsRemovesThenRuns) {
  FakeHost host("node1");
  AppSpec app{.name = "web", .image = "local/busybox:2"};
  auto step = run_step("node1", app);
  step.kind = StepKind::ReplaceContainer;
  ASSERT_TRUE(execute_step(host, step, system_clock()));
  ASSERT_EQ(host.commands.size(), 3u);
  EXPECT_EQ(host.commands[0], (Argv{"docker", "stop", "flocker--web"}));
  EXPECT_EQ(host.commands[1], (Argv{"docker", "rm", "flocker--web"}));
  EXPECT_EQ(host.commands[2][1], "run");
}

TEST(Steps, RemovingAContainerThatIsAlreadyGoneSucceeds) {
  FakeHost host("node1");
  host.on({"docker"}, {1, "", "Error response from daemon: No such container: flocker--web\n"});
  ASSERT_TRUE(execute_step(host,
                           Step{.kind = StepKind::RemoveContainer, .node = "node1", .target = "flocker--web"},
                           system_clock()));
}

// Every argv a step sends stays one word per argument through a real shell,
// whatever the manifest holds.
TEST(Steps, HostileManifestValuesNeverReachTheShellUnquoted) {
  FakeHost host("node1");
  host.on({"zfs", "get"},
          {0,
           "tank/flocker/web.www\tmountpoint\t/tank/flocker/web.www\ntank/flocker/web.www\tmounted\tyes\n"
           "tank/flocker\tmountpoint\t/tank/flocker\n",
           ""});
  AppSpec app{.name = "web",
              .image = "local/busybox:1;reboot",
              .command = {"sh", "-c", "echo $HOME `id` $(touch /tmp/pwned) 'q' \"d\" > /dev/null; exit 0"},
              .environment = {{"PASSWORD", "p@ss w0rd'\"$x`y`\n;&|"}},
              .volumes = {{.name = "www", .mountpoint = "/www dir"}}};
  ASSERT_TRUE(execute_step(host, run_step("node1", app), system_clock()));
  const auto& run = host.commands.back();
  EXPECT_THAT(run, Contains("PASSWORD=p@ss w0rd'\"$x`y`\n;&|"));
  EXPECT_THAT(run, Contains("local/busybox:1;reboot"));
  for (const auto& argv : host.commands) {
    std::string script = "for a in " + quote_argv(argv) + "; do printf '%s\\0' \"$a\"; done";
    FILE* pipe = popen(("/bin/sh -c " + quote_arg(script)).c_str(), "r");
    std::string output;
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
    ASSERT_EQ(pclose(pipe), 0);
    Argv seen;
    size_t start = 0;
    for (size_t end; (end = output.find('\0', start)) != std::string::npos; start = end + 1)
      seen.push_back(output.substr(start, end - start));
    EXPECT_EQ(seen, argv);
  }
}

}  // namespace
}  // namespace flocker
