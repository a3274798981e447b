#pragma once
// diff(Desired, Observed) -> Plan: a pure function, no I/O, no clock.
#include "manifest/model.hpp"
#include "plan/model.hpp"
#include "plan/replicas.hpp"
#include "state/model.hpp"
#include "util/result.hpp"

namespace flocker {

struct PlanOptions {
  // Plan the destruction of datasets whose application or volume is no longer
  // in the manifest; without it they are kept, and a note says so.
  bool allow_destroy = false;
  // When a replica is due for a refresh.
  ReplicaPolicy replicas;
};

// REQUIRES: every node of the manifest is in observed and ok().
// Fails when the manifest asks for something flocker will not do safely,
// saying why; the plan is then not made at all.
Result<Plan> diff(const Manifest& manifest, const Observed& observed, const PlanOptions& options = {});

}  // namespace flocker
