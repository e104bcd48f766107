#pragma once
#include "http/metrics.hpp"
#include "http/registry.hpp"
#include <memory>

namespace kenes::app {

// The one place that lists the modules. The registry is not movable: routes keep references to it.
std::unique_ptr<http::Registry> build_registry(http::Metrics&);

}
