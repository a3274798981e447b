#pragma once
// What `flocker status` shows: pure functions of the manifest and the observed state.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "manifest/model.hpp"
#include "plan/replicas.hpp"
#include "state/model.hpp"
#include "util/style.hpp"

namespace flocker {

std::string render_status_text(const Manifest& manifest, const Observed& observed, const Style& style);
nlohmann::json status_to_json(const Manifest& manifest, const Observed& observed);

// How a replica volume stands against its max_lag.
enum class ReplicaState {
  Ok,       // within its bound
  Behind,   // its lag passed max_lag, or is unknown
  Missing,  // no copy on its node yet
  Problem,  // it cannot be refreshed (diverged, no common snapshot), or cannot be seen
};

// "ok", "behind", "missing", "problem": the JSON's words.
std::string_view replica_state_name(ReplicaState state);

struct ReplicaStatus {
  ReplicaVolume replica;
  ReplicaState state = ReplicaState::Ok;
  // Problem: why; the first line is a sentence, further lines list details.
  std::string problem;
  std::string hint;
  // Problem because its node, or the node of the live copy, could not be read.
  bool unseen = false;
};

// Every replica volume the manifest asks for (replica_volumes), with its state.
std::vector<ReplicaStatus> replica_statuses(const Manifest& manifest, const Observed& observed);

// What `status --check` exits with, and the lines it prints to stderr: one
// for each replica that is not within its bound, naming its application,
// volume and node with its lag and max_lag, or its problem.
struct StatusCheck {
  int exit_code = 0;  // exit_code::kOk, kError (a node could not be read), kReplicasBehind
  std::vector<std::string> messages;
};

StatusCheck check_status(const Manifest& manifest, const Observed& observed);

}  // namespace flocker
