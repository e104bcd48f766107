#pragma once
// The discipline module's route groups and permissions, for module.cpp.
#include "http/registry.hpp"

namespace kenes::discipline {

// Recording incidents: staff (teachers, coordinators, duty officers, hostel staff) and curators.
inline constexpr const char* record_perm = "discipline.record";
// The catalogue, cases, decisions and orders: the administration and staff it entrusts.
inline constexpr const char* manage_perm = "discipline.manage";
// The penalty register: recording paper orders, withdrawals (named before this module existed).
inline constexpr const char* penalties_perm = "penalties.manage";

namespace detail {
void register_catalogue_routes(http::Registry&);
void register_incident_routes(http::Registry&);
void register_case_routes(http::Registry&);
void register_decision_routes(http::Registry&);   // decisions and orders
void register_penalty_routes(http::Registry&);    // the register, withdrawal
void register_device_routes(http::Registry&);
void register_contributions(http::Registry&);
void register_statistics_routes(http::Registry&);  // statistics, XLSX, the violations journal, the refusal act     // "needs you" and the overview's section
}
void register_notice_kinds();
namespace detail {
}

}
