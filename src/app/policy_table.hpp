#pragma once
// The policy layer as data: each route with its permission and object policy (`kenes routes`),
// the table of who may do what to which object (`kenes policies`, kept in docs/architecture.md),
// and the abilities of the signed-in user on one object (GET /api/v1/me/abilities), which the UI
// asks instead of repeating the rules.
#include "http/registry.hpp"
#include <boost/json/object.hpp>
#include <string>

namespace kenes::app {

boost::json::object route_json(const http::Route&);
std::string policy_table(const http::Registry&);
void register_abilities_route(http::Registry&);

}
