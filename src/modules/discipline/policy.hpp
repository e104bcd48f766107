#pragma once
// Who may do what in discipline. Cases are confidential (GEN-3): the committee, the administration,
// the student, their legal representatives and the curator of their group; nobody else.
#include "security/policy.hpp"

namespace kenes::discipline::policy {

extern const authz::ObjectKind incident;
// A case: the committee's members and officers (seats today), managers, the administration, the
// student (own record), their representatives (own child) and curator (own group). Flagged
// undisclosed while the student's request for non-disclosure holds (until the decision).
extern const authz::ObjectKind discipline_case;
extern const authz::ObjectKind order;          // a principal's order: through its student
extern const authz::ObjectKind penalty;        // an entry of the penalty register
extern const authz::ObjectKind device_withdrawal;
extern const authz::ObjectKind committee;             // a body of the Disciplinary Committee template
extern const authz::ObjectKind evidence;              // an item of a case file, through its case
extern const authz::ObjectKind evidence_authorship;   // the same item; the user who added it is own record

extern const authz::Policy read_catalogue;      // the institution
extern const authz::Policy manage_catalogue;    // discipline.manage holders of the institution
extern const authz::Policy record_incident;     // the institution (discipline.record)
extern const authz::Policy list_incidents;      // discipline.manage holders of the institution
extern const authz::Policy read_incident;       // managers, administration, the curator, the reporter
extern const authz::Policy reverse_incident;    // managers and the administration
extern const authz::Policy attach_to_incident;  // the reporter, managers and the administration
extern const authz::Policy group_incidents;     // the curator of the group and the administration (managers: GET /incidents?group=)
// Who sees every student of an incident; a curator (own group) sees only their own students.
extern const authz::Policy see_all_involved;          // on an incident: managers, administration, the reporter
extern const authz::Policy see_all_involved_in_group; // on a group's list: the administration
extern const authz::Policy person_discipline;   // the student, their representatives, curator, administration

extern const authz::Policy open_case;           // discipline.manage holders of the institution
extern const authz::Policy list_cases;          // discipline.manage holders of the institution
extern const authz::Policy committee_cases;     // a committee's cases: its members and officers, managers, the administration
extern const authz::Policy read_case;           // everyone the case concerns; curator and administration not while undisclosed
extern const authz::Policy run_case;            // the committee's officers and managers: facts, agenda, refusal act
extern const authz::Policy contribute_to_case;  // committee members, managers, the student and representatives: evidence
extern const authz::Policy defend_in_case;      // the student and representatives: explanation, petition, non-disclosure (DISC-CASE-5)
extern const authz::Policy decide_case;         // the committee's officers and managers
extern const authz::Policy issue_order;         // the administration (the principal) and managers (DISC-PEN-4)
extern const authz::Policy report_to_law;       // the administration and managers (DISC-LAW-1)
extern const authz::Policy read_order;          // the student, representatives, curator, administration, managers
extern const authz::Policy deliver_order;       // the administration and managers
extern const authz::Policy withdraw_penalty;    // the administration and managers (DISC-PEN-5)
extern const authz::Policy person_penalties;    // a student's register: penalties.manage holders of the institution
extern const authz::Policy read_evidence;       // as the case
extern const authz::Policy withdraw_evidence;   // the user who added it (DISC-CASE-5)
extern const authz::Policy record_device;       // discipline.record holders of the institution
extern const authz::Policy return_device;       // discipline.record holders of the institution

}
