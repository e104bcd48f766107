#pragma once
// The attendance module's route groups and permissions, for module.cpp.
#include "http/registry.hpp"

namespace kenes::attendance {

// Reading one's own, one's child's, one's group's attendance (the policy narrows it).
inline constexpr const char* read_perm = "attendance.read";
// Opening a group's journal: curators (their own group), staff who mark, the administration.
inline constexpr const char* journal_perm = "attendance.journal";
// Marking any group's journal: teachers and coordinators (staff), the administration.
inline constexpr const char* mark_perm = "attendance.mark";
// Justifications and the school's report: the coordinator (staff), the administration.
inline constexpr const char* manage_perm = "attendance.manage";
// Bringing a justification: legal representatives, coordinators, the administration.
inline constexpr const char* justify_perm = "attendance.justify";
// Signing the absences and report cards (REP-2): legal representatives.
inline constexpr const char* acknowledge_perm = "attendance.acknowledge";
// Terms and the journal's settings: the administration.
inline constexpr const char* settings_perm = "attendance.settings";

namespace detail {
void register_settings_routes(http::Registry&);
void register_journal_routes(http::Registry&);
void register_student_routes(http::Registry&);
void register_needs(http::Registry&);
void register_signature_routes(http::Registry&);   // REP-2: who has not signed
}

}
