#include "state/zfs_parse.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/fake_host.hpp"
#include "util/text.hpp"

namespace flocker {
namespace {

using testing::zfs_fixture;

class BothFlavours : public ::testing::TestWithParam<std::string> {};
INSTANTIATE_TEST_SUITE_P(Zfs, BothFlavours, ::testing::Values("openzfs-2.3.2", "zfs-fuse-0.7.0"));

TEST(ZfsVersion, OpenZfs) {
  auto recorded = zfs_fixture("openzfs-2.3.2", "01-version");
  auto version = parse_zfs_version(recorded.exit_code, recorded.out, recorded.err);
  ASSERT_TRUE(version);
  EXPECT_EQ(version->flavour, ZfsFlavour::OpenZfs);
  EXPECT_EQ(version->version, "2.3.2");
}

TEST(ZfsVersion, ZfsFuseHasNoVersionCommand) {
  auto recorded = zfs_fixture("zfs-fuse-0.7.0", "01-version");
  ASSERT_NE(recorded.exit_code, 0);
  auto version = parse_zfs_version(recorded.exit_code, recorded.out, recorded.err);
  ASSERT_TRUE(version);
  EXPECT_EQ(version->flavour, ZfsFlavour::ZfsFuse);
}

TEST(ZfsVersion, MissingZfsIsAnError) {
  auto version = parse_zfs_version(127, "", "sh: 1: zfs: not found\n");
  ASSERT_FALSE(version);
  EXPECT_NE(version.error().message.find("zfs: not found"), std::string::npos);
}

TEST_P(BothFlavours, GetListsDatasetsWithSnapshotsAndUserProperties) {
  auto recorded = zfs_fixture(GetParam(), "12-get-p-props");
  ASSERT_EQ(recorded.exit_code, 0);
  auto datasets = parse_zfs_get(recorded.out, "fxa/flocker");
  ASSERT_TRUE(datasets) << datasets.error().message;
  ASSERT_EQ(datasets->size(), 1u);  // the root itself is not listed
  const auto& web = datasets->front();
  EXPECT_EQ(web.name, "fxa/flocker/web.www");
  EXPECT_EQ(web.owner, "node1");
  EXPECT_EQ(web.generation, 1);
  EXPECT_GT(web.used, 16'000'000u);
  EXPECT_FALSE(web.readonly);
  ASSERT_EQ(web.snapshots.size(), 2u);
  EXPECT_EQ(web.snapshots[0].name, "flocker-1");
  EXPECT_EQ(web.snapshots[1].name, "flocker-2");
  EXPECT_LT(web.snapshots[0].createtxg, web.snapshots[1].createtxg);
  // guids are exact 64-bit numbers, never humanized ("4.53E")
  EXPECT_GE(web.snapshots[0].guid.size(), 15u);
  EXPECT_EQ(web.snapshots[0].guid.find('E'), std::string::npos);
}

TEST(ZfsGet, UnsetUserPropertiesAreEmpty) {
  auto datasets = parse_zfs_get(
      "tank/flocker/a.b\tflocker:owner\t-\t-\ntank/flocker/a.b\tused\t1024\t-\ntank/flocker/"
      "a.b\tmounted\tyes\t-\n",
      "tank/flocker");
  ASSERT_TRUE(datasets);
  EXPECT_EQ(datasets->front().owner, "");
  EXPECT_TRUE(datasets->front().mounted);
}

TEST(ZfsGet, RejectsGarbage) {
  EXPECT_FALSE(parse_zfs_get("no tabs here\n", "tank/flocker"));
  EXPECT_FALSE(parse_zfs_get("other/x\tused\t1\t-\n", "tank/flocker"));
  EXPECT_FALSE(parse_zfs_get("tank/flocker/x\tused\t4.5G\t-\n", "tank/flocker"));
}

TEST_P(BothFlavours, MissingDatasetIsRecognized) {
  auto recorded = zfs_fixture(GetParam(), "14-list-missing");
  EXPECT_NE(recorded.exit_code, 0);
  EXPECT_TRUE(is_missing_dataset_error(recorded.err));
  EXPECT_FALSE(is_missing_dataset_error(zfs_fixture(GetParam(), "07-create-existing").err));
}

TEST(ZfsList, OpenZfsTableWithSnapshotsUserPropertiesAndExactNumbers) {
  // The recorded table has fewer columns than flocker asks for: put it in flocker's order.
  const auto fixture = zfs_fixture("openzfs-2.3.2", "10-list-p");
  std::string out;
  for (auto line : split_lines(fixture.out)) {
    auto f = split(line, '\t');
    ASSERT_EQ(f.size(), 17u);
    // name type guid createtxg creation used referenced available mountpoint mounted readonly
    // quota refquota flocker:app flocker:volume flocker:owner flocker:generation
    const bool snapshot = f[1] == "snapshot";
    out += fmt::format("{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t-\t{}\t{}\t{}\n", f[0], f[1],
                       f[2], f[3], f[5], snapshot ? "12288" : "4096", f[8], f[9], f[10],
                       f[0] == "fxa/flocker/web.www" ? "1-abc" : "-", f[13], f[14], f[15], f[16], f[6],
                       f[0] == "fxa/flocker/web.www" ? "67108864" : f[12], f[4]);
  }
  auto datasets = parse_zfs_list(out, "fxa/flocker");
  ASSERT_TRUE(datasets) << datasets.error().message;
  ASSERT_EQ(datasets->size(), 1u);
  const auto& web = datasets->front();
  EXPECT_EQ(web.name, "fxa/flocker/web.www");
  EXPECT_EQ(web.used, 16828416u);
  EXPECT_EQ(web.referenced, 16816128u);
  EXPECT_EQ(web.refquota, 64u << 20);
  EXPECT_EQ(web.written, 4096u);
  EXPECT_TRUE(web.mounted);
  EXPECT_FALSE(web.readonly);
  EXPECT_EQ(web.app, "web");
  EXPECT_EQ(web.owner, "node1");
  EXPECT_EQ(web.generation, 1);
  EXPECT_EQ(web.lock, "");
  EXPECT_EQ(web.resume_token, "1-abc");
  ASSERT_EQ(web.snapshots.size(), 2u);
  EXPECT_EQ(web.snapshots[0].name, "flocker-1");
  EXPECT_EQ(web.snapshots[0].guid, "13428089933231102456");  // exact, not 1.34E
  EXPECT_EQ(web.snapshots[1].createtxg, 13u);
  EXPECT_EQ(web.snapshots[1].written, 12288u);
  EXPECT_GT(web.snapshots[0].creation, 1'700'000'000);  // seconds since the epoch, as recorded
  EXPECT_LE(web.snapshots[0].creation, web.snapshots[1].creation);
}

TEST(ZfsList, RejectsGarbageAndDatasetsOutsideTheRoot) {
  EXPECT_TRUE(parse_zfs_list(
      "fxa/flocker/x\tfilesystem\t1\t2\t3\t4\t/x\tyes\toff\t-\t-\t-\t-\t-\t-\t5\t0\t1795801339\n",
      "fxa/flocker"));
  EXPECT_FALSE(parse_zfs_list("fxa/flocker/x\tfilesystem\n", "fxa/flocker"));
  EXPECT_FALSE(parse_zfs_list(
      "other/x\tfilesystem\t1\t2\t3\t4\t/x\tyes\toff\t-\t-\t-\t-\t-\t-\t5\t0\t1795801339\n", "fxa/flocker"));
  EXPECT_FALSE(parse_zfs_list(
      "fxa/flocker/x\tfilesystem\t1\t2\t3.5K\t4\t/x\tyes\toff\t-\t-\t-\t-\t-\t-\t5\t0\t1795801339\n",
      "fxa/flocker"));
  EXPECT_FALSE(parse_zfs_list(
      "fxa/flocker/x\tfilesystem\t1\t2\t3\t4\t/x\tyes\toff\t-\t-\t-\t-\t-\t-\t5\t1G\t1795801339\n",
      "fxa/flocker"));
}

// What refquota limits, and the refquota itself, as `zfs get -Hp` prints them on both flavours.
TEST_P(BothFlavours, GetReadsReferencedAndRefquota) {
  auto recorded = zfs_fixture(GetParam(), "13-get-all");
  ASSERT_EQ(recorded.exit_code, 0);
  auto datasets = parse_zfs_get(recorded.out, "fxa/flocker");
  ASSERT_TRUE(datasets) << datasets.error().message;
  ASSERT_EQ(datasets->size(), 1u);
  const auto& web = datasets->front();
  EXPECT_GT(web.referenced, 16'000'000u);
  EXPECT_LT(web.referenced, web.used);  // used counts the snapshots too
  EXPECT_EQ(web.refquota, 0u);
  EXPECT_THAT(observed_zfs_properties(), ::testing::IsSupersetOf({"referenced", "refquota"}));
  EXPECT_THAT(listed_zfs_properties(), ::testing::IsSupersetOf({"referenced", "refquota"}));
}

TEST(SendEstimate, FullIncrementalCompressedAndResumed) {
  auto full = parse_send_estimate(zfs_fixture("openzfs-2.3.2", "16-send-estimate-full").out);
  ASSERT_TRUE(full);
  EXPECT_EQ(full->bytes, 16821360u);
  EXPECT_EQ(full->to, "fxa/flocker/web.www@flocker-1");
  auto incremental = parse_send_estimate(zfs_fixture("openzfs-2.3.2", "17-send-estimate-incr").out);
  ASSERT_TRUE(incremental);
  EXPECT_EQ(incremental->bytes, 7280u);
  EXPECT_EQ(incremental->to, "fxa/flocker/web.www@flocker-2");
  auto compressed = parse_send_estimate(zfs_fixture("openzfs-2.3.2", "18-send-estimate-flags").out);
  ASSERT_TRUE(compressed);
  EXPECT_LT(compressed->bytes, incremental->bytes);  // -c: blocks as stored
  // Resuming: only what the interrupted receive lacks (12.9 of 16.8 MB here).
  auto resumed = parse_send_estimate(zfs_fixture("openzfs-2.3.2", "30-resume-estimate").out);
  ASSERT_TRUE(resumed);
  EXPECT_EQ(resumed->bytes, 12877280u);
  EXPECT_LT(resumed->bytes, full->bytes);
  EXPECT_EQ(resumed->to, "fxa/flocker/web.www@flocker-1");
}

TEST(SendEstimate, ZfsFuseHasNone) {
  const auto fuse = zfs_fixture("zfs-fuse-0.7.0", "16-send-estimate-full");
  EXPECT_NE(fuse.exit_code, 0);
  EXPECT_FALSE(parse_send_estimate(fuse.out));
}

}  // namespace
}  // namespace flocker
