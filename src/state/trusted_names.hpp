#pragma once
// What a node says is not trusted: names read back from a node (datasets,
// snapshots, resume tokens) are checked against what flocker itself would
// have written before they reach a command.
#include <optional>
#include <string>
#include <string_view>

namespace flocker {

// "flocker-N": a snapshot flocker takes.
bool is_flocker_snapshot(std::string_view name);
// A snapshot name zfs accepts (letters, digits, "_-.:"), up to 255 bytes: a
// common base may be one a person took.
bool is_snapshot_name(std::string_view name);
// An OpenZFS receive_resume_token: "1-" then lowercase hex and '-', bounded.
bool is_resume_token(std::string_view token);
// "<root>/<app>.<volume>" with app and volume as the manifest allows them.
bool is_flocker_dataset(std::string_view name, std::string_view root, std::string_view app,
                        std::string_view volume);

// What is wrong with a name read from node, for an error; nothing when it is fine.
std::optional<std::string> untrusted_name_problem(std::string_view node, std::string_view what,
                                                  std::string_view value, bool valid);

}  // namespace flocker
