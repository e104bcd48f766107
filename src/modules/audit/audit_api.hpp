#pragma once
#include "http/registry.hpp"

namespace kenes::audit_log {

// The audit log for administrators: filtered, paginated, newest first; and the chain check.
void register_module(http::Registry&);

}
