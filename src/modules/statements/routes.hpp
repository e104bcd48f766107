#pragma once
// The statements module's route groups and permissions, for module.cpp.
#include "http/registry.hpp"

namespace kenes::statements {

// Filing written statements and complaints, booking reception: students and legal representatives.
inline constexpr const char* file_perm = "statements.file";
// The register of statements and the reception schedule: the administration and staff it entrusts.
inline constexpr const char* manage_perm = "statements.manage";

namespace detail {
void register_statement_routes(http::Registry&);
void register_ombudsman_routes(http::Registry&);
void register_reception_routes(http::Registry&);
void register_contributions(http::Registry&);   // "needs you" and the escalation job
}
void register_notice_kinds();
// Marks statements whose deadline passed as escalated and notifies the administration (a job; idempotent).
int64_t escalate_overdue(db::Database&, const Clock&);

}
