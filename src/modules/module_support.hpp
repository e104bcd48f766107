#pragma once
// Small helpers shared by the modules' API code.
#include "http/context.hpp"
#include "security/audit.hpp"
#include <boost/json/value.hpp>
#include <optional>

namespace kenes::modules {

inline boost::json::value json_or_null(const std::optional<std::string>& s) { return s ? boost::json::value(*s) : boost::json::value(nullptr); }
inline boost::json::value json_or_null(const std::optional<int64_t>& n) { return n ? boost::json::value(*n) : boost::json::value(nullptr); }

// Writes the audit entry of a change made by the current user, in the caller's transaction.
inline void audit_change(const http::Context& ctx, db::Tx& tx, std::string action, std::string entity, std::optional<int64_t> entity_id,
    boost::json::value before, boost::json::value after)
{
    audit::record(tx, ctx.clock(), { ctx.institution_id(), ctx.user().actor(), std::move(action), std::move(entity), entity_id, std::move(before), std::move(after) });
}

}
