// The application model in plans and on the nodes: docker argvs, secrets
// kept out of argvs, labels and plans, quota changes made in place, start order.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "apply/steps.hpp"
#include "manifest/load.hpp"
#include "plan/container_config.hpp"
#include "plan/diff.hpp"
#include "plan/render.hpp"
#include "remote/docker_commands.hpp"
#include "support/fake_host.hpp"

namespace flocker {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

std::string secret_value = "hunter2-secret";

std::optional<std::string> env(const std::string& name) {
  if (name == "PW") return secret_value;
  return std::nullopt;
}

Manifest manifest_of(const std::string& apps) {
  auto manifest = parse_manifest(
      {{"flocker.yaml",
        "nodes:\n  node1: {pool: tank, address: 10.0.0.1}\n  node2: {pool: tank, address: 10.0.0.2}\n" +
            apps}},
      env);
  if (!manifest) throw std::runtime_error(format_diagnostic(manifest.error().front()));
  return *manifest;
}

std::string apps(const std::string& quota = "64M", const std::string& image = "local/busybox:1") {
  return R"(
applications:
  db:
    image: )" +
         image + R"(
    environment:
      USER: app
      PASSWORD: {value: "${PW}", secret: true}
    ports: [{internal: 80, external: 8080, host_ip: 10.0.0.2}]
    volumes:
      data: {mountpoint: /data, maximum_size: )" +
         quota + R"(}
    restart_policy: {name: on-failure, maximum_retry_count: 3}
    mem_limit: 128M
    cpu_shares: 512
    labels: {tier: data}
  api:
    image: local/busybox:1
    entrypoint: ["/bin/sh", "-c"]
    command: ["exec httpd -f"]
    links: [{alias: db, local_port: 80, remote_port: 8080}]
deployment:
  node1: []
  node2: [db, api]
)";
}

NodeState node(const std::string& name) {
  return NodeState{.node = name, .reachable = true, .zfs_root = "tank/flocker", .root_exists = true};
}

// node2 exactly as the manifest asks, with the given refquota on db.data (holding `referenced` bytes).
Observed converged(const Manifest& manifest, unsigned long long refquota, unsigned long long referenced = 0) {
  Observed observed;
  observed.nodes["node1"] = node("node1");
  observed.nodes["node2"] = node("node2");
  observed.nodes["node2"].datasets.push_back(DatasetState{.name = "tank/flocker/db.data",
                                                          .referenced = referenced,
                                                          .refquota = refquota,
                                                          .mountpoint = "/tank/flocker/db.data",
                                                          .mounted = true,
                                                          .app = "db",
                                                          .volume = "data",
                                                          .owner = "node2",
                                                          .generation = 1});
  for (const auto& app : {"db", "api"}) {
    auto run = container_run(manifest.applications.at(app), "tank/flocker");
    observed.nodes["node2"].containers.push_back(
        ContainerState{.name = run.name,
                       .id = app,
                       .image = run.image,
                       .state = "running",
                       .app = app,
                       .config_hash = run.labels.at(kConfigHashLabel),
                       .config = run.labels.at(kConfigLabel)});
  }
  return observed;
}

TEST(AppModelRun, DockerArgvCarriesEveryFieldButNoSecret) {
  const auto manifest = manifest_of(apps());
  const auto run = container_run(manifest.applications.at("db"), "tank/flocker");
  docker::RunSpec spec{run.name,    run.image,        run.command,    run.environment,        {},
                       run.labels,  run.stop_timeout, run.entrypoint, run.secret_environment, run.publish,
                       run.restart, run.memory,       run.cpu_shares};
  const auto argv = docker::run(spec);
  const auto line = quote_argv(argv);
  EXPECT_THAT(line, HasSubstr("--publish 10.0.0.2:8080:80/tcp"));
  EXPECT_THAT(line, HasSubstr("--restart on-failure:3"));
  EXPECT_THAT(line, HasSubstr("--memory 134217728"));
  EXPECT_THAT(line, HasSubstr("--cpu-shares 512"));
  EXPECT_THAT(argv, Contains("tier=data"));
  EXPECT_THAT(argv, Contains("USER=app"));
  EXPECT_THAT(line, HasSubstr("--env-file /dev/stdin"));
  EXPECT_THAT(line, Not(HasSubstr(secret_value)));
  EXPECT_EQ(docker::env_file_input(spec), "PASSWORD=" + secret_value + "\n");
  // The config label keeps a digest, not the value.
  EXPECT_THAT(run.labels.at(kConfigLabel), Not(HasSubstr(secret_value)));
  EXPECT_THAT(run.labels.at(kConfigLabel), HasSubstr("pbkdf2-sha256:100000:"));
}

TEST(AppModelRun, EntrypointAndLinkVariables) {
  const auto manifest = manifest_of(apps());
  const auto run = container_run(manifest.applications.at("api"), "tank/flocker");
  docker::RunSpec spec{run.name,    run.image,        run.command,    run.environment,        {},
                       run.labels,  run.stop_timeout, run.entrypoint, run.secret_environment, run.publish,
                       run.restart, run.memory,       run.cpu_shares};
  const auto argv = docker::run(spec);
  EXPECT_THAT(quote_argv(argv), HasSubstr("--entrypoint /bin/sh local/busybox:1 -c 'exec httpd -f'"));
  EXPECT_EQ(run.environment.at("DB_PORT_80_TCP"), "tcp://10.0.0.2:8080");
  EXPECT_EQ(run.environment.at("DB_PORT_80_TCP_ADDR"), "10.0.0.2");
}

TEST(AppModelRun, SecretsReachDockerOnStdin) {
  const auto manifest = manifest_of(apps());
  testing::FakeHost host("node2");
  auto run = container_run(manifest.applications.at("db"), "tank/flocker");
  run.volumes.clear();  // no `zfs get` to answer
  ASSERT_TRUE(run_container(host, run));
  ASSERT_FALSE(host.inputs.empty());
  EXPECT_EQ(host.inputs.back(), "PASSWORD=" + secret_value + "\n");
  for (const auto& argv : host.commands) EXPECT_THAT(quote_argv(argv), Not(HasSubstr(secret_value)));
}

TEST(AppModelPlan, ConvergedIsEmpty) {
  const auto manifest = manifest_of(apps());
  auto plan = diff(manifest, converged(manifest, 64u << 20));
  ASSERT_TRUE(plan) << plan.error().message;
  EXPECT_TRUE(plan->empty()) << render_plan_text(*plan, Style{});
}

TEST(AppModelPlan, QuotaChangeIsAnInPlaceUpdate) {
  const auto before = manifest_of(apps("64M"));
  const auto manifest = manifest_of(apps("1G"));
  auto plan = diff(manifest, converged(before, 64u << 20));
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->steps.size(), 1u) << render_plan_text(*plan, Style{});
  const auto& step = plan->steps.front();
  EXPECT_EQ(step.kind, StepKind::UpdateQuota);
  EXPECT_EQ(step.reason_code, ReasonCode::QuotaChanged);
  EXPECT_EQ(step.target, "tank/flocker/db.data");
  EXPECT_THAT(step.changes, ElementsAre("refquota: 64M → 1G"));
  EXPECT_EQ(step.properties.at("refquota"), "1073741824");
  EXPECT_THAT(render_plan_text(*plan, Style{}), HasSubstr("~ update quota of tank/flocker/db.data"));
  EXPECT_EQ(summarize(*plan).change, 1);

  testing::FakeHost host("node2");
  ASSERT_TRUE(execute_step(host, step, system_clock()));
  EXPECT_THAT(host.commands, ElementsAre(Argv{"zfs", "set", "refquota=1073741824", "tank/flocker/db.data"}));
}

// ZFS refuses a refquota below what the dataset references: the plan says so
// instead of failing half applied. Above the data, a shrink is fine.
TEST(AppModelPlan, QuotaBelowTheDataIsRefusedAtPlanTime) {
  const auto observed = converged(manifest_of(apps("64M")), 64u << 20, 48u << 20);
  auto plan = diff(manifest_of(apps("32M")), observed);
  ASSERT_FALSE(plan);
  EXPECT_THAT(
      plan.error().message,
      HasSubstr(
          "application db, volume \"data\" on node2: maximum_size 32M is below the 48.0 MiB its dataset "
          "tank/flocker/db.data already references"));
  EXPECT_THAT(plan.error().message,
              HasSubstr("raise maximum_size to at least 48M, or delete data in the volume first"));

  auto shrink = diff(manifest_of(apps("50M")), observed);
  ASSERT_TRUE(shrink) << shrink.error().message;
  ASSERT_EQ(shrink->steps.size(), 1u);
  EXPECT_THAT(shrink->steps[0].changes, ElementsAre("refquota: 64M → 50M"));

  // Moving: the copy it makes holds the same data, and gets the quota after the move.
  auto moved = apps("32M");
  moved.replace(moved.find("node1: []\n  node2: [db, api]"), 28, "node1: [db]\n  node2: [api]");
  auto move_plan = diff(manifest_of(moved), observed);
  ASSERT_FALSE(move_plan);
  EXPECT_THAT(move_plan.error().message,
              HasSubstr("application db, volume \"data\" on node2: maximum_size 32M is below"));
}

TEST(AppModelPlan, NewDatasetsGetTheirQuotaWhenCreated) {
  const auto manifest = manifest_of(apps());
  Observed observed;
  observed.nodes["node1"] = node("node1");
  observed.nodes["node2"] = node("node2");
  auto plan = diff(manifest, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->steps.front().kind, StepKind::CreateDataset);
  EXPECT_EQ(plan->steps.front().properties.at("refquota"), "67108864");
  // db starts before api, which links to it, though "api" sorts first.
  std::vector<std::string> runs;
  for (const auto& step : plan->steps)
    if (step.kind == StepKind::RunContainer) runs.push_back(step.app);
  EXPECT_THAT(runs, ElementsAre("db", "api"));
}

TEST(AppModelPlan, ChangedSecretIsAReplaceThatShowsNoValue) {
  const auto before = manifest_of(apps());
  const auto observed = converged(before, 64u << 20);
  const auto old_secret = secret_value;
  secret_value = "another-secret";
  const auto manifest = manifest_of(apps());
  secret_value = old_secret;
  auto plan = diff(manifest, observed);
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->steps.size(), 1u);
  EXPECT_EQ(plan->steps.front().kind, StepKind::ReplaceContainer);
  EXPECT_THAT(plan->steps.front().changes, ElementsAre("environment.PASSWORD: (secret) → (secret, changed)"));
  const auto text = render_plan_text(*plan, Style{}) + plan_to_json(*plan).dump();
  EXPECT_THAT(text, Not(HasSubstr("another-secret")));
  EXPECT_THAT(text, Not(HasSubstr(old_secret)));
  EXPECT_THAT(text, Not(HasSubstr("pbkdf2")));
}

TEST(AppModelPlan, EveryFieldChangeIsNamed) {
  const auto before = manifest_of(apps());
  auto changed = apps("64M", "local/busybox:2");
  auto replace = [&](const std::string& from, const std::string& to) {
    changed.replace(changed.find(from), from.size(), to);
  };
  replace("external: 8080, host_ip: 10.0.0.2", "external: 9090, host_ip: 10.0.0.2");
  replace("remote_port: 8080", "remote_port: 9090");
  replace("maximum_retry_count: 3", "maximum_retry_count: 5");
  replace("mem_limit: 128M", "mem_limit: 256M");
  replace("cpu_shares: 512", "cpu_shares: 1024");
  replace("tier: data", "tier: storage");
  replace("USER: app", "USER: admin");
  auto plan = diff(manifest_of(changed), converged(before, 64u << 20));
  ASSERT_TRUE(plan) << plan.error().message;
  ASSERT_EQ(plan->steps.size(), 2u) << render_plan_text(*plan, Style{});
  EXPECT_EQ(plan->steps[0].app, "db");  // the link target first
  EXPECT_THAT(
      plan->steps[0].changes,
      ElementsAre("cpu_shares: 512 → 1024", "environment.USER: \"app\" → \"admin\"",
                  "image: \"local/busybox:1\" → \"local/busybox:2\"", "labels.tier: \"data\" → \"storage\"",
                  "mem_limit: \"128M\" → \"256M\"", "ports.10.0.0.2:8080/tcp: 80 → (none)",
                  "ports.10.0.0.2:9090/tcp: (none) → 80", "restart: \"on-failure:3\" → \"on-failure:5\""));
  EXPECT_THAT(plan->steps[1].changes,
              ElementsAre("links.db:80: \"tcp://10.0.0.2:8080 (db)\" → \"tcp://10.0.0.2:9090 (db)\""));
}

TEST(AppModelPlan, ConfigurationsWithoutNewFieldsKeepTheirHash) {
  // A container started before ports, links and limits existed must not be replaced.
  AppSpec app{
      .name = "web", .image = "local/busybox:1", .command = {"sleep", "1"}, .environment = {{"A", "b"}}};
  EXPECT_EQ(container_config(app).dump(),
            R"({"command":["sleep","1"],"environment":{"A":"b"},"image":"local/busybox:1","volumes":{}})");
}

}  // namespace
}  // namespace flocker
