#pragma once
#include "http/metrics.hpp"
#include "http/registry.hpp"

namespace kenes::system_routes {

// /healthz (the process answers), /readyz (database reachable and migrations applied), /metrics.
void register_module(http::Registry&, http::Metrics&);

}
