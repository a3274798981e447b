#include "state/zfs_parse.hpp"

#include <gtest/gtest.h>

#include "support/fake_host.hpp"

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
      "tank/flocker/a.b\tflocker:owner\t-\t-\ntank/flocker/a.b\tused\t1024\t-\ntank/flocker/a.b\tmounted\tyes\t-\n",
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

}  // namespace
}  // namespace flocker
