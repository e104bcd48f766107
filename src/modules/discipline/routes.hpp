#pragma once
// The discipline module's route groups and permissions, for module.cpp.
#include "http/registry.hpp"

namespace kenes::discipline {

// Recording incidents: staff (teachers, coordinators, duty officers, hostel staff) and curators.
inline constexpr const char* record_perm = "discipline.record";
// The catalogue, cases, decisions and orders: the administration and staff it entrusts.
inline constexpr const char* manage_perm = "discipline.manage";

namespace detail {
void register_catalogue_routes(http::Registry&);
void register_incident_routes(http::Registry&);
}

}
