#pragma once
// A move's names come partly from the nodes (the source dataset, the common
// base snapshot, a resume token): each is checked before any reaches a command.
#include "plan/model.hpp"
#include "util/result.hpp"

namespace flocker {

Status check_move_names(const Step& step);

}  // namespace flocker
