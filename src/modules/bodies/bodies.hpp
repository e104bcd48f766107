#pragma once
// Self-government bodies, their members and their sessions (ORG-*, MTG-*).
#include "http/registry.hpp"
#include "modules/bodies/rules.hpp"
#include "storage/database.hpp"
#include <boost/json/object.hpp>

namespace kenes::bodies {

void register_module(http::Registry&);

// Rules in force for a body on a date (DISC-VER-1: versioned by effective date).
BodyRules rules_on(db::Tx&, int64_t institution_id, int64_t body_id, const std::string& date);
boost::json::object rules_json(const BodyRules&);
Result<BodyRules> parse_rules(const boost::json::object&, const BodyRules& base);

namespace detail {
void register_body_routes(http::Registry&);
void register_meeting_routes(http::Registry&);
void register_protocol_routes(http::Registry&);
}

}
