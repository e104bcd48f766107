#pragma once
// Who may do what in attendance (GEN-3: a student's attendance is for the student, their legal
// representatives, the curator of their group, the staff who keep the journal and the
// administration; other students and parents see nothing). Default deny.
#include "security/policy.hpp"

namespace kenes::attendance::policy {

// A study group; its curator is own group, holders of attendance.mark are managers.
extern const authz::ObjectKind group;
// A student; own record, own child, own group as for persons; attendance.manage holders are managers.
extern const authz::ObjectKind student;
// A justification of absences: the student's (own record), their representatives' (own child),
// the curator's (own group); attendance.manage holders are managers.
extern const authz::ObjectKind justification;
// A proposal of an infraction (DISC-ESC-1): the curator of the student's group is own group.
extern const authz::ObjectKind proposal;

extern const authz::Policy read_settings;        // the institution
extern const authz::Policy edit_settings;        // attendance.settings holders (the administration)
extern const authz::Policy school_report;        // attendance.manage holders of the institution
extern const authz::Policy list_justifications;  // attendance.manage holders of the institution
extern const authz::Policy journal;              // the group's curator, markers, administration
extern const authz::Policy group_summary;        // the group's curator, markers, administration
extern const authz::Policy read_student;         // the student, representatives, curator, managers, administration
extern const authz::Policy justify;              // the representatives, managers, administration
extern const authz::Policy acknowledge;          // the representatives (REP-2)
extern const authz::Policy decide_justification; // managers and the administration
extern const authz::Policy attach_document;      // the representatives, managers, administration
extern const authz::Policy read_document;        // the student, representatives, curator, managers, administration
extern const authz::Policy resolve_proposal;     // the curator of the group, the administration
extern const authz::Policy person_attendance;    // the person overview's section

}
