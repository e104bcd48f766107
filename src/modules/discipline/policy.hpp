#pragma once
// Who may do what in discipline. Cases are confidential (GEN-3): the committee, the administration,
// the student, their legal representatives and the curator of their group; nobody else.
#include "security/policy.hpp"

namespace kenes::discipline::policy {

extern const authz::ObjectKind incident;

extern const authz::Policy read_catalogue;      // the institution
extern const authz::Policy manage_catalogue;    // discipline.manage holders of the institution
extern const authz::Policy record_incident;     // the institution (discipline.record)
extern const authz::Policy list_incidents;      // discipline.manage holders of the institution
extern const authz::Policy read_incident;       // managers, administration, the curator, the reporter
extern const authz::Policy reverse_incident;    // managers and the administration
extern const authz::Policy group_incidents;     // the curator of the group, managers, administration
extern const authz::Policy person_discipline;   // the student, their representatives, curator, administration

}
