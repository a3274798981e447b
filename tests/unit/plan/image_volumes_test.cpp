#include "plan/image_volumes.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace flocker {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<VolumeSpec> volumes_at(std::vector<std::string> mountpoints) {
  std::vector<VolumeSpec> volumes;
  for (auto& mountpoint : mountpoints)
    volumes.push_back(VolumeSpec{.name = "v" + std::to_string(volumes.size()), .mountpoint = mountpoint});
  return volumes;
}

TEST(ImageVolumes, AVolumeAtThePathOrAboveItCoversIt) {
  EXPECT_THAT(uncovered_image_volumes(volumes_at({"/data"}), {"/data"}), IsEmpty());
  EXPECT_THAT(uncovered_image_volumes(volumes_at({"/var/lib"}), {"/var/lib/db"}), IsEmpty());
  EXPECT_THAT(uncovered_image_volumes(volumes_at({"/www", "/var/lib/db"}), {"/var/lib/db/"}), IsEmpty());
}

TEST(ImageVolumes, AVolumeBelowThePathOrBesideItDoesNot) {
  EXPECT_THAT(uncovered_image_volumes({}, {"/data"}), ElementsAre("/data"));
  // Only part of /var/lib would move.
  EXPECT_THAT(uncovered_image_volumes(volumes_at({"/var/lib/db"}), {"/var/lib"}), ElementsAre("/var/lib"));
  // A prefix of the name is not a parent.
  EXPECT_THAT(uncovered_image_volumes(volumes_at({"/data"}), {"/database", "/data2/x"}),
              ElementsAre("/data2/x", "/database"));
}

TEST(ImageVolumes, PathsAreNormalizedSortedAndListedOnce) {
  EXPECT_THAT(
      uncovered_image_volumes(volumes_at({"/www"}), {"/var/lib/db/", "/logs", "/var//lib/db", "/a/./b"}),
      ElementsAre("/a/b", "/logs", "/var/lib/db"));
  EXPECT_THAT(uncovered_image_volumes(volumes_at({"/"}), {"/anything"}), IsEmpty());
  EXPECT_THAT(uncovered_image_volumes({}, {"relative", ""}), IsEmpty());
}

TEST(ImageVolumes, NotesNameTheAppTheImageThePathAndTheNode) {
  AppSpec app{.name = "web", .image = "local/db:1", .volumes = volumes_at({"/www"})};
  EXPECT_THAT(
      image_volume_notes(app, "node1", "", {"/var/lib/db", "/www/cache"}),
      ElementsAre("web: the image local/db:1 declares VOLUME /var/lib/db, which no flocker volume "
                  "covers: what the container writes there stays on node1 and does not move with web; "
                  "add a volume with mountpoint /var/lib/db"));
  EXPECT_THAT(image_volume_notes(app, "node2", "node1", {"/var/lib/db"}),
              ElementsAre("web: the image local/db:1 declares VOLUME /var/lib/db, which no flocker volume "
                          "covers: what the container wrote there stays on node1 and does not move with web "
                          "to node2; add a volume with mountpoint /var/lib/db"));
  EXPECT_THAT(image_volume_notes(app, "node1", "", {}), IsEmpty());
}

}  // namespace
}  // namespace flocker
