// The application model as each parser reads it, and its pure helpers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "manifest/app_fields.hpp"
#include "manifest/detect.hpp"
#include "manifest/interpolate.hpp"
#include "manifest/link_env.hpp"
#include "manifest/load.hpp"
#include "plan/container_config.hpp"

namespace flocker {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

std::optional<std::string> env(const std::string& name) {
  if (name == "USER_NAME") return "ada";
  if (name == "EMPTY") return "";
  return std::nullopt;
}

std::string expand(std::string_view text) {
  auto result = interpolate(text, env);
  return result ? *result : "error: " + result.error().message;
}

TEST(Interpolate, ComposeSyntax) {
  EXPECT_EQ(expand("hello ${USER_NAME}!"), "hello ada!");
  EXPECT_EQ(expand("$USER_NAME/x"), "ada/x");
  EXPECT_EQ(expand("$$USER_NAME costs $$5"), "$USER_NAME costs $5");
  EXPECT_EQ(expand("${MISSING:-fallback}"), "fallback");
  EXPECT_EQ(expand("${EMPTY:-fallback}"), "fallback");
  EXPECT_EQ(expand("${EMPTY-fallback}"), "");
  EXPECT_EQ(expand("${MISSING-}"), "");
  EXPECT_EQ(expand("${USER_NAME:?needed}"), "ada");
  EXPECT_EQ(expand("${MISSING:?ask ops}"), "error: environment variable MISSING is not set: ask ops");
  EXPECT_EQ(expand("${MISSING}"), "error: environment variable MISSING is not set");
  EXPECT_EQ(expand("${USER_NAME"), "error: \"${USER_NAME\" has a '${' without its closing '}'");
  EXPECT_EQ(expand("${A B}"), "error: \"${A B}\" is not a valid reference to an environment variable");
  EXPECT_EQ(expand("5 $"), "error: \"5 $\" has a '$' that starts no variable");
}

TEST(Interpolate, NativeFilesReadOnlyBracedReferences) {
  auto braced = [](std::string_view text) {
    auto result = interpolate(text, env, InterpolationSyntax::Braced);
    return result ? *result : "error: " + result.error().message;
  };
  EXPECT_EQ(braced("it's $HOME; `not` run, costs $5 and $$"), "it's $HOME; `not` run, costs $5 and $$");
  EXPECT_EQ(braced("${USER_NAME} and $${USER_NAME}"), "ada and ${USER_NAME}");
  EXPECT_EQ(braced("${MISSING:-x}"), "x");
  EXPECT_EQ(braced("${MISSING}"), "error: environment variable MISSING is not set");
}

TEST(Interpolate, ErrorsNeverQuoteASecretValue) {
  auto secret = [](std::string_view text) {
    auto result = interpolate(text, env, InterpolationSyntax::Compose, /*secret=*/true);
    return result ? *result : "error: " + result.error().message;
  };
  // The same text, not secret, is quoted (and a bare $ss names the variable).
  EXPECT_EQ(expand("pa${ss"), "error: \"pa${ss\" has a '${' without its closing '}'");
  EXPECT_EQ(expand("pa$ss"), "error: environment variable ss is not set");
  EXPECT_EQ(secret("pa${ss"), "error: the value (a secret, not shown) has a '${' without its closing '}'");
  EXPECT_EQ(secret("pa$ss"),
            "error: the value (a secret, not shown) has a '$' followed by a name that is not a set "
            "environment variable");
  EXPECT_EQ(secret("pa${s s}"),
            "error: the value (a secret, not shown) has a '${...}' that is not a valid reference to an "
            "environment variable");
  EXPECT_EQ(secret("pa$ 5"), "error: the value (a secret, not shown) has a '$' that starts no variable");
  // A deliberate ${NAME} is named, and a ${NAME:?message} shows its message, written to be shown.
  EXPECT_EQ(secret("${MISSING}"), "error: environment variable MISSING is not set");
  EXPECT_EQ(secret("${MISSING:?ask ops}"), "error: environment variable MISSING is not set: ask ops");
  EXPECT_EQ(secret("pa$$ss-${USER_NAME}"), "pa$ss-ada");
}

TEST(Sizes, ParseAndFormat) {
  EXPECT_EQ(parse_size("1024"), 1024u);
  EXPECT_EQ(parse_size("100M"), 100u << 20);
  EXPECT_EQ(parse_size("1G"), 1u << 30);
  EXPECT_EQ(parse_size("1g"), 1u << 30);
  EXPECT_EQ(parse_size("2GiB"), 2ull << 30);
  EXPECT_EQ(parse_size("512kb"), 512u << 10);
  EXPECT_EQ(parse_size("1T"), 1ull << 40);
  EXPECT_EQ(parse_size("1.5G"), std::nullopt);
  EXPECT_EQ(parse_size("G"), std::nullopt);
  EXPECT_EQ(parse_size("10X"), std::nullopt);
  EXPECT_EQ(parse_size("99999999999999999999"), std::nullopt);
  EXPECT_EQ(format_size(1u << 30), "1G");
  EXPECT_EQ(format_size(1536u << 20), "1536M");
  EXPECT_EQ(format_size(1000), "1000");
}

TEST(LinkEnvironment, DockerStyleVariables) {
  LinkSpec link{.alias = "my-db",
                .local_port = 5432,
                .remote_port = 15432,
                .application = "db",
                .protocol = "tcp",
                .address = "10.0.0.2"};
  EXPECT_THAT(link_environment({link}), ElementsAre(Pair("MY_DB_PORT", "tcp://10.0.0.2:15432"),
                                                    Pair("MY_DB_PORT_5432_TCP", "tcp://10.0.0.2:15432"),
                                                    Pair("MY_DB_PORT_5432_TCP_ADDR", "10.0.0.2"),
                                                    Pair("MY_DB_PORT_5432_TCP_PORT", "15432"),
                                                    Pair("MY_DB_PORT_5432_TCP_PROTO", "tcp")));
}

// <ALIAS>_PORT is the alias's first port as Docker sorts a link's ports: tcp
// before udp whatever the numbers, then the lowest (local) port.
TEST(LinkEnvironment, AliasPortIsTheFirstPortTcpBeforeUdp) {
  auto link = [](std::string alias, int local, int remote, std::string protocol,
                 std::string address = "10.0.0.2") {
    return LinkSpec{.alias = std::move(alias),
                    .local_port = local,
                    .remote_port = remote,
                    .application = "x",
                    .protocol = std::move(protocol),
                    .address = std::move(address)};
  };
  const std::vector<LinkSpec> links = {link("db", 53, 5353, "udp"),
                                       link("db", 5433, 15433, "tcp"),
                                       link("db", 5432, 15432, "tcp"),
                                       link("dns", 54, 5454, "udp"),
                                       link("dns", 53, 5353, "udp", "fd00::2"),
                                       link("later", 1, 1, "tcp", "")};  // unresolved: no variables
  const auto environment = link_environment(links);
  EXPECT_EQ(environment.at("DB_PORT"), "tcp://10.0.0.2:15432");
  EXPECT_EQ(environment.at("DNS_PORT"), "udp://[fd00::2]:5353");  // no tcp port: the lowest udp one
  EXPECT_EQ(environment.at("DNS_PORT_53_UDP_ADDR"), "fd00::2");
  EXPECT_FALSE(environment.contains("LATER_PORT"));
  EXPECT_EQ(environment.size(), 2u + 5 * 4);
  // Only the first port's link sets it, so a clash names that link.
  EXPECT_FALSE(link_variables(links, 1).contains("DB_PORT"));
  EXPECT_TRUE(link_variables(links, 2).contains("DB_PORT"));
}

Manifest parse(const std::vector<ManifestSource>& sources) {
  auto manifest = parse_manifest(sources, env);
  if (!manifest) throw std::runtime_error(format_diagnostic(manifest.error().front()));
  return *manifest;
}

const char* kNodes = "nodes:\n  n1: {pool: tank, address: 192.0.2.1}\n  n2: {host: h2.example, pool: tank}\n";

TEST(NativeModel, ReadsEveryField) {
  auto manifest = parse({{"nodes.yaml", kNodes}, {"apps.yaml", R"(
applications:
  web:
    image: nginx:1.25
    entrypoint: ["/bin/sh", "-c"]
    command: "exec nginx"
    environment:
      NAME: ${USER_NAME}
      TOKEN: {value: "t-${USER_NAME}", secret: true}
    ports:
      - {internal: 80, external: 8080}
      - {internal: 53, external: 5353, protocol: udp, host_ip: "127.0.0.1"}
    links:
      - {alias: db, local_port: 5432, remote_port: 15432}
    restart_policy: {name: on-failure, maximum_retry_count: 4}
    mem_limit: 512M
    cpu_shares: 256
    labels: {team: web}
    volumes:
      www: {mountpoint: /www, maximum_size: 2G}
  db:
    image: postgres:16
    ports: [{internal: 5432, external: 15432}]
    restart_policy: never
deployment:
  n1: [web]
  n2: [db]
)"}});
  const auto& web = manifest.applications.at("web");
  EXPECT_EQ(web.entrypoint, (std::vector<std::string>{"/bin/sh", "-c"}));
  EXPECT_THAT(web.environment, ElementsAre(Pair("NAME", "ada"), Pair("TOKEN", "t-ada")));
  EXPECT_THAT(web.secret_environment, ElementsAre("TOKEN"));
  ASSERT_EQ(web.ports.size(), 2u);
  EXPECT_EQ(web.ports[1].protocol, "udp");
  EXPECT_EQ(web.ports[1].host_ip, "127.0.0.1");
  ASSERT_EQ(web.links.size(), 1u);
  EXPECT_EQ(web.links[0].application, "db");      // found by its published port
  EXPECT_EQ(web.links[0].address, "h2.example");  // n2 has no address: its host
  EXPECT_EQ(web.restart, (RestartSpec{RestartPolicy::OnFailure, 4}));
  EXPECT_EQ(web.mem_limit, 512u << 20);
  EXPECT_EQ(web.cpu_shares, 256);
  EXPECT_THAT(web.labels, ElementsAre(Pair("team", "web")));
  EXPECT_EQ(web.volumes.at(0).maximum_size, 2ull << 30);
  EXPECT_FALSE(manifest.applications.at("db").restart);  // never is the default
  EXPECT_THAT(manifest.start_order, ElementsAre("db", "web"));
  EXPECT_EQ(manifest.nodes.at("n1").reachable_address(), "192.0.2.1");
}

TEST(NativeModel, SecretErrorsNameTheVariableNotTheValue) {
  // The value comes after `secret: true`, and before it: neither is quoted.
  auto manifest = parse_manifest({{"apps.yaml",
                                   "applications:\n  web:\n    image: x\n    environment:\n"
                                   "      A: {secret: true, value: \"pa${ss\"}\n"
                                   "      B: {value: \"pa${ss\", secret: true}\n"}},
                                 env);
  ASSERT_FALSE(manifest);
  int secret_errors = 0;
  for (const auto& diagnostic : manifest.error()) {
    EXPECT_EQ(diagnostic.message.find("pa$"), std::string::npos) << diagnostic.message;
    if (diagnostic.message.find("a secret, not shown") != std::string::npos) ++secret_errors;
  }
  EXPECT_EQ(secret_errors, 2);
}

TEST(NativeModel, ALoneDollarInASecretStaysAsWritten) {
  auto manifest = parse({{"nodes.yaml", std::string(kNodes) + "deployment:\n  n1: [web]\n"},
                         {"apps.yaml",
                          "applications:\n  web:\n    image: x\n    environment:\n"
                          "      PASSWORD: {value: \"pa$ss\", secret: true}\n"}});
  EXPECT_EQ(manifest.applications.at("web").environment.at("PASSWORD"), "pa$ss");
}

TEST(ComposeModel, ReadsTheSupportedKeys) {
  auto manifest =
      parse({{"nodes.yaml", std::string(kNodes) + "deployment:\n  n1: [web, worker]\n  n2: [db]\n"},
             {"docker-compose.yml", R"(
version: "3.8"
x-common: &common
  restart: always
services:
  web:
    image: nginx:1.25
    <<: *common
    environment: ["A=1", "USER_NAME", "B=${USER_NAME}x"]
    ports:
      - "127.0.0.1:8080:80"
      - "[::1]:8443:443/tcp"
      - {target: 53, published: "5353", protocol: udp}
    links: ["db:database"]
    labels: ["tier=front"]
    depends_on:
      worker: {condition: service_started, restart: true, required: true}
    stop_grace_period: 1m30s
  worker:
    image: busybox
    deploy: {resources: {limits: {memory: 128M}}}
    entrypoint: sh -c
    command: ["sleep", "1d"]
    restart: "no"
  db:
    image: postgres:16
    ports: ["15432:5432"]
    volumes: ["pgdata:/var/lib/postgresql/data"]
    restart: on-failure
volumes:
  pgdata:
    driver: local
    x-flocker: {maximum_size: 10G}
)"}});
  const auto& web = manifest.applications.at("web");
  EXPECT_THAT(web.environment, ElementsAre(Pair("A", "1"), Pair("B", "adax"), Pair("USER_NAME", "ada")));
  ASSERT_EQ(web.ports.size(), 3u);
  EXPECT_EQ(web.ports[0].host_ip, "127.0.0.1");
  EXPECT_EQ(web.ports[1].host_ip, "::1");
  EXPECT_EQ(web.ports[1].external, 8443);
  EXPECT_EQ(web.ports[2].protocol, "udp");
  ASSERT_EQ(web.links.size(), 1u);
  EXPECT_EQ(web.links[0].alias, "database");
  EXPECT_EQ(web.links[0].local_port, 5432);
  EXPECT_EQ(web.links[0].remote_port, 15432);
  EXPECT_EQ(web.restart, (RestartSpec{RestartPolicy::Always, std::nullopt}));
  EXPECT_EQ(web.stop_timeout, 90);
  EXPECT_THAT(web.labels, ElementsAre(Pair("tier", "front")));
  EXPECT_EQ(manifest.applications.at("worker").entrypoint, (std::vector<std::string>{"sh", "-c"}));
  EXPECT_EQ(manifest.applications.at("worker").mem_limit, 128u << 20);  // deploy.resources.limits.memory
  EXPECT_FALSE(manifest.applications.at("worker").restart);
  EXPECT_EQ(manifest.applications.at("db").volumes.at(0).name, "pgdata");
  EXPECT_EQ(manifest.applications.at("db").volumes.at(0).maximum_size, 10ull << 30);
  EXPECT_THAT(manifest.start_order, ElementsAre("db", "worker", "web"));
}

TEST(ComposeModel, InterpolatesEveryScalarValueOnceAndNoKey) {
  auto manifest = parse(
      {{"nodes.yaml", std::string(kNodes) + "deployment:\n  n1: [web, worker]\n"}, {"docker-compose.yml", R"(
x-common: &common
  command: sh -c "echo $$HOME"
  labels: {"owner$$": "${USER_NAME}"}
x-shell: &shell "echo $$PATH"
services:
  web:
    <<: *common
    image: nginx:${TAG:-1.25}
    ports: ["${WEB_PORT:-8080}:80", {target: 443, published: "${TLS_PORT:-8443}"}]
    volumes: ["${VOLUME:-site}:/srv/$$www"]
    mem_limit: ${MEM:-256m}
    stop_grace_period: ${GRACE:-1m}
    environment: {GREETING: "hi $USER_NAME", PRICE: "$$5"}
  worker:
    <<: *common
    image: busybox
    entrypoint: ["sh", "-c", *shell]
    restart: ${RESTART:-always}
volumes:
  site:
    x-flocker: {maximum_size: "${SIZE:-2G}"}
)"}});
  for (const auto* name : {"web", "worker"}) {
    const auto& app = manifest.applications.at(name);
    // The anchor is shared: "$$HOME" became "$HOME" once, not a variable the second time.
    EXPECT_EQ(app.command, (std::vector<std::string>{"sh", "-c", "echo $HOME"})) << name;
    EXPECT_THAT(app.labels, ElementsAre(Pair("owner$$", "ada"))) << name;
  }
  const auto& web = manifest.applications.at("web");
  EXPECT_EQ(web.image, "nginx:1.25");
  ASSERT_EQ(web.ports.size(), 2u);
  EXPECT_EQ(web.ports[0].external, 8080);
  EXPECT_EQ(web.ports[1].external, 8443);
  ASSERT_EQ(web.volumes.size(), 1u);
  EXPECT_EQ(web.volumes[0].name, "site");
  EXPECT_EQ(web.volumes[0].mountpoint, "/srv/$www");
  EXPECT_EQ(web.volumes[0].maximum_size, 2ull << 30);
  EXPECT_EQ(web.mem_limit, 256u << 20);
  EXPECT_EQ(web.stop_timeout, 60);
  EXPECT_THAT(web.environment, ElementsAre(Pair("GREETING", "hi ada"), Pair("PRICE", "$5")));
  const auto& worker = manifest.applications.at("worker");
  EXPECT_EQ(worker.entrypoint, (std::vector<std::string>{"sh", "-c", "echo $PATH"}));
  EXPECT_EQ(worker.restart, (RestartSpec{RestartPolicy::Always, std::nullopt}));
}

TEST(ComposeModel, AnErrorAfterInterpolationPointsAtTheScalar) {
  auto manifest = parse_manifest(
      {{"nodes.yaml", std::string(kNodes) + "deployment:\n  n1: [web]\n"},
       {"docker-compose.yml", "services:\n  web:\n    image: x\n    ports:\n      - \"${NONE:-0}:80\"\n"}},
      env);
  ASSERT_FALSE(manifest);
  ASSERT_EQ(manifest.error().size(), 1u);
  EXPECT_EQ(
      format_diagnostic(manifest.error()[0]),
      "docker-compose.yml:5:9: error: port \"0:80\" of service \"web\": ports are numbers from 1 to 65535");
}

TEST(Flocker0Model, DeploymentNodesTakeTheirDetailsFromANativeFileOrDefaults) {
  auto manifest =
      parse({{"deployment.yml", "version: 1\nnodes:\n  192.0.2.10: [web]\n  n1: []\n"},
             {"application.yml",
              "version: 1\napplications:\n  web:\n    image: nginx\n    volume: {mountpoint: /data}\n"},
             {"nodes.yaml", kNodes}});
  const auto& by_address = manifest.nodes.at("192.0.2.10");
  EXPECT_EQ(by_address.host, "192.0.2.10");  // SSH details come from the SSH config
  EXPECT_EQ(by_address.zfs_root, "flocker/flocker");
  EXPECT_EQ(manifest.nodes.at("n1").zfs_root, "tank/flocker");  // the native definition wins
  EXPECT_EQ(manifest.applications.at("web").volumes.at(0).name, "data");
  EXPECT_EQ(manifest.node_of("web"), "192.0.2.10");
}

TEST(FigModel, ReadsOnlyBracedReferencesInEnvironmentAndImage) {
  auto manifest = parse({{"nodes.yaml", std::string(kNodes) + "deployment:\n  n1: [web]\n"}, {"fig.yml", R"(
web:
  image: nginx:${TAG:-1}
  command: sh -c "echo $HOME $$"
  environment: {A: "${USER_NAME} $HOME $$"}
)"}});
  const auto& web = manifest.applications.at("web");
  EXPECT_EQ(web.image, "nginx:1");
  EXPECT_EQ(web.command, (std::vector<std::string>{"sh", "-c", "echo $HOME $$"}));
  EXPECT_THAT(web.environment, ElementsAre(Pair("A", "ada $HOME $$")));
}

TEST(FigModel, ServicesAtTheTopLevel) {
  auto manifest =
      parse({{"nodes.yaml", std::string(kNodes) + "deployment:\n  n1: [web]\n  n2: [db]\n"}, {"fig.yml", R"(
web:
  image: nginx
  ports: ["8080:80"]
  links: ["db:db"]
db:
  image: postgres
  ports: ["5432:5432"]
  volumes: ["/var/lib/postgresql/data"]
)"}});
  EXPECT_EQ(manifest.applications.at("db").volumes.at(0).name, "data");
  EXPECT_EQ(manifest.applications.at("web").links.at(0).remote_port, 5432);
}

// A link points where the target's port is published: its host_ip when it
// names one address, else the target node's address; the tcp port when the
// number is published for both protocols.
TEST(Links, PointWhereThePortIsPublished) {
  auto manifest = parse({{"nodes.yaml", kNodes}, {"apps.yaml", R"(
applications:
  web:
    image: nginx:1.25
    links:
      - {alias: db, local_port: 5432, remote_port: 15432}
      - {alias: dns, local_port: 53, remote_port: 5353}
      - {alias: cache, local_port: 11211, remote_port: 11211}
  db:
    image: postgres:16
    ports: [{internal: 5432, external: 15432, host_ip: 198.51.100.7}]
  dns:
    image: local/dns:1
    ports:
      - {internal: 53, external: 5353, protocol: udp}
      - {internal: 53, external: 5353, host_ip: "127.0.0.1"}
      - {internal: 53, external: 5353, host_ip: 192.0.2.11}
  cache:
    image: local/cache:1
    ports: [{internal: 11211, external: 11211, host_ip: "0.0.0.0"}]
deployment:
  n1: [web, dns]
  n2: [db, cache]
)"}});
  const auto& links = manifest.applications.at("web").links;
  ASSERT_EQ(links.size(), 3u);
  EXPECT_EQ(links[0].address, "198.51.100.7");  // its host_ip, not n2's host
  EXPECT_EQ(links[1].protocol, "tcp");          // listed after the udp one
  EXPECT_EQ(links[1].address, "192.0.2.11");    // the one not on the loopback
  EXPECT_EQ(links[2].address, "h2.example");    // 0.0.0.0: the node's
}

// DB_PORT is also a common setting of an image's own: the environment's value
// wins over the link's, as with Docker; the per-port names still clash.
TEST(Links, EnvironmentOverridesTheAliasPortVariable) {
  auto manifest = parse({{"nodes.yaml", kNodes}, {"apps.yaml", R"(
applications:
  web:
    image: nginx:1.25
    environment: {DB_PORT: "5432"}
    links: [{alias: db, local_port: 5432, remote_port: 15432}]
  db:
    image: postgres:16
    ports: [{internal: 5432, external: 15432}]
deployment:
  n1: [web]
  n2: [db]
)"}});
  const auto run = container_run(manifest.applications.at("web"), "tank/flocker");
  EXPECT_EQ(run.environment.at("DB_PORT"), "5432");
  EXPECT_EQ(run.environment.at("DB_PORT_5432_TCP"), "tcp://h2.example:15432");
}

// Compose links one per published port, each of its own protocol, leaving out
// ports published on a loopback address.
TEST(ComposeModel, LinksEachPortWithItsProtocol) {
  auto manifest = parse({{"nodes.yaml", std::string(kNodes) + "deployment:\n  n1: [web]\n  n2: [dns]\n"},
                         {"docker-compose.yml", R"(
services:
  web:
    image: nginx:1.25
    links: [dns]
  dns:
    image: local/dns:1
    ports: ["5353:53", "5353:53/udp", "127.0.0.1:8053:8053"]
)"}});
  const auto& links = manifest.applications.at("web").links;
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].protocol, "tcp");
  EXPECT_EQ(links[1].protocol, "udp");
  const auto environment = link_environment(links);
  EXPECT_EQ(environment.at("DNS_PORT_53_UDP"), "udp://h2.example:5353");
  EXPECT_EQ(environment.at("DNS_PORT"), "tcp://h2.example:5353");
}

ManifestFormat format_of(const char* text) {
  return detect_format(YAML::Load(text));
}

TEST(DetectFormat, ByContent) {
  EXPECT_EQ(format_of("services: {web: {image: x}}"), ManifestFormat::Compose);
  EXPECT_EQ(format_of("version: 1\nnodes: {a: [web]}"), ManifestFormat::Flocker0Deployment);
  EXPECT_EQ(format_of("nodes: {a: {pool: tank}}"), ManifestFormat::Native);
  EXPECT_EQ(format_of("version: 1\napplications: {web: {image: x, volume: {mountpoint: /d}}}"),
            ManifestFormat::Flocker0Applications);
  EXPECT_EQ(format_of("version: 1\napplications: {web: {image: x, volumes: {d: /d}}}"),
            ManifestFormat::Native);
  EXPECT_EQ(format_of("web: {image: x}\ndb: {image: y}"), ManifestFormat::Fig);
  EXPECT_EQ(format_of("applications: {}\ndeployment: {}"), ManifestFormat::Native);
}

TEST(Validate, AllErrorsAtOnceAcrossFormats) {
  auto manifest = parse_manifest(
      {{"nodes.yaml", std::string(kNodes) + "deployment:\n  n1: [web]\n"},
       {"compose.yml", "services:\n  web:\n    build: .\n    image: x\n    ports: [\"80\"]\n"}},
      env);
  ASSERT_FALSE(manifest);
  EXPECT_EQ(manifest.error().size(), 2u);
}

}  // namespace
}  // namespace flocker
