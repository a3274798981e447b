#include "remote/zfs_errors.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "support/fake_host.hpp"

namespace flocker {
namespace {

using Expected = std::map<std::string, ZfsFailure>;

// Every recorded failure of the flavour, with its kind. A file that is not
// listed must have succeeded: a newly recorded error fails the test until it
// is classified here.
void expect_every_recorded_failure(const std::string& flavour, int recorded_files, const Expected& failures) {
  const auto folder = std::filesystem::path(FLOCKER_TEST_DATA) / "fixtures/zfs" / flavour;
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    const auto name = entry.path().stem().string();
    const auto recorded = testing::zfs_fixture(flavour, name);
    auto expected = failures.find(name);
    const auto want = expected == failures.end() ? ZfsFailure::None : expected->second;
    EXPECT_EQ(zfs_failure_name(classify_zfs_failure(recorded)), zfs_failure_name(want))
        << flavour << "/" << name << ": " << recorded.err;
    ++files;
  }
  EXPECT_EQ(files, recorded_files);
}

TEST(ZfsFailure, EveryRecordedOpenZfsOutput) {
  expect_every_recorded_failure("openzfs-2.3.2", 42,
                                {
                                    {"07-create-existing", ZfsFailure::AlreadyExists},
                                    {"08-create-bad-name", ZfsFailure::InvalidName},
                                    {"14-list-missing", ZfsFailure::NotFound},
                                    {"15-list-pool-missing", ZfsFailure::NotFound},
                                    {"19-send-missing-snap", ZfsFailure::NotFound},
                                    {"24-incr-target-modified", ZfsFailure::Modified},
                                    {"26-incr-missing-base", ZfsFailure::NotFound},
                                    {"27-receive-out-of-space", ZfsFailure::NoSpace},
                                    {"28-receive-partial", ZfsFailure::IncompleteStream},
                                    {"32-after-abort", ZfsFailure::NotFound},
                                    {"35-destroy-held", ZfsFailure::Held},
                                    {"42-destroy-missing", ZfsFailure::NotFound},
                                });
}

TEST(ZfsFailure, EveryRecordedZfsFuseOutput) {
  expect_every_recorded_failure("zfs-fuse-0.7.0", 49,
                                {
                                    {"01-version", ZfsFailure::Unsupported},
                                    {"04-zpool-list", ZfsFailure::Unsupported},
                                    {"07-create-existing", ZfsFailure::AlreadyExists},
                                    {"08-create-bad-name", ZfsFailure::InvalidName},
                                    {"10-list-p", ZfsFailure::Unsupported},
                                    {"14-list-missing", ZfsFailure::NotFound},
                                    {"15-list-pool-missing", ZfsFailure::NotFound},
                                    {"16-send-estimate-full", ZfsFailure::Unsupported},
                                    {"17-send-estimate-incr", ZfsFailure::Unsupported},
                                    {"18-send-estimate-flags", ZfsFailure::Unsupported},
                                    {"19-send-missing-snap", ZfsFailure::NotFound},
                                    {"22-incr-again-exists", ZfsFailure::NotIncremental},
                                    {"23-list-target-p", ZfsFailure::Unsupported},
                                    {"24-incr-target-modified", ZfsFailure::Modified},
                                    {"25-incr-target-diverged", ZfsFailure::NotIncremental},
                                    {"26-incr-missing-base", ZfsFailure::NotFound},
                                    {"27-receive-out-of-space", ZfsFailure::NoSpace},
                                    {"28-receive-partial", ZfsFailure::IncompleteStream},
                                    {"29-resume-token", ZfsFailure::Unsupported},
                                    {"30-resume-estimate", ZfsFailure::Unsupported},
                                    {"31-resume-abort", ZfsFailure::Unsupported},
                                    {"32-after-abort", ZfsFailure::NotFound},
                                    {"34-holds", ZfsFailure::Unsupported},
                                    // zfs-fuse words a held snapshot "busy": no wait releases it.
                                    {"35-destroy-held", ZfsFailure::Held},
                                    {"37-bookmark", ZfsFailure::Unsupported},
                                    {"38-list-bookmarks", ZfsFailure::Unsupported},
                                    {"40-rename", ZfsFailure::Busy},
                                    {"41-destroy-r", ZfsFailure::NotFound},
                                    {"42-destroy-missing", ZfsFailure::NotFound},
                                    // zfs-fuse has no receive -x (flocker checks the received copy instead).
                                    {"48-receive-x", ZfsFailure::Unsupported},
                                    {"49-unmount-unmounted", ZfsFailure::NotMounted},
                                });
}

// Seen on a zfs-fuse lab node, not in the recorded sequence.
TEST(ZfsFailure, ZfsFuseTextsSeenOnALabNode) {
  // `destroy -r` of a dataset whose snapshot is held names the snapshot.
  EXPECT_EQ(classify_zfs_failure({1, "", "cannot destroy 'tank/t@s': dataset is busy\n"}), ZfsFailure::Held);
  EXPECT_EQ(classify_zfs_failure({1, "", "cannot destroy 'tank/t': dataset is busy\n"}), ZfsFailure::Busy);
  EXPECT_EQ(classify_zfs_failure({1, "", "cannot unmount '/tank/t': Device or resource busy\n"}),
            ZfsFailure::Busy);
  EXPECT_EQ(classify_zfs_failure({1, "", "cannot hold 'tank/t@s': tag already exists on this dataset\n"}),
            ZfsFailure::AlreadyExists);
  EXPECT_EQ(classify_zfs_failure({1, "", "cannot unmount 'tank/t': not currently mounted\n"}),
            ZfsFailure::NotMounted);
  EXPECT_EQ(classify_zfs_failure({1, "", "cannot create 'tank/t': permission denied\n"}),
            ZfsFailure::PermissionDenied);
  EXPECT_EQ(classify_zfs_failure({1, "", "something new\n"}), ZfsFailure::Other);
}

}  // namespace
}  // namespace flocker
