#pragma once
// Work plans (PLAN-1) and events (PLAN-2) of the bodies, public listings (PLAN-4).
#include "http/registry.hpp"
#include <string_view>
#include <vector>

namespace kenes::activities {

void register_module(http::Registry&);

// Directions of work, shared by plan items and events (PLAN-2, PLAN-3).
inline const std::vector<std::string_view> directions { "patriotic", "legal", "cultural", "educational", "social", "sports", "volunteering",
    "meetings", "other" };

// The "needs you" entries of this module: plans to approve, events today and tomorrow.
void register_needs(http::Registry&);

namespace detail {
void register_plan_routes(http::Registry&);
void register_event_routes(http::Registry&);
void register_public_routes(http::Registry&);
void register_report_routes(http::Registry&);
}

}
