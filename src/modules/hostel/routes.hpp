#pragma once
// The hostel module's route groups and permissions, for module.cpp.
#include "http/registry.hpp"

namespace kenes::hostel {

// Residents, families and staff reading the routine, their own application and residence.
inline constexpr const char* read_perm = "hostel.read";
// Legal representatives applying for their child, asking for leave.
inline constexpr const char* apply_perm = "hostel.apply";
// The head of the hostel (and the administration): places, the journal, settlement, violations.
inline constexpr const char* manage_perm = "hostel.manage";
// Duty officers at the door: departures and returns, visitors.
inline constexpr const char* door_perm = "hostel.door";

namespace detail {
// Allocation side (places, campaign, applications, documents, ranking, decisions, reserve, bumping).
void register_place_routes(http::Registry&);
void register_campaign_routes(http::Registry&);
void register_application_routes(http::Registry&);
void register_allocation_routes(http::Registry&);
void register_allocation_contributions(http::Registry&);   // its "needs you" entries and overview section
void register_allocation_notices();
// Residence side (register, certificate, relocation, routine, leave, visits, violations, eviction).
void register_resident_routes(http::Registry&);
void register_door_routes(http::Registry&);
void register_violation_routes(http::Registry&);
void register_residence_contributions(http::Registry&);
void register_residence_notices();
}

}
