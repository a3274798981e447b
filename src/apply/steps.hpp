#pragma once
// How each kind of step is carried out on a node.
#include "plan/model.hpp"
#include "remote/host.hpp"

namespace flocker {

Status execute_step(Host& host, const Step& step);

}  // namespace flocker
