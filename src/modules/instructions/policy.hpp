#pragma once
// Who may do what to instructions (ORG-11): the one place where the instructions module decides it.
#include "security/policy.hpp"

namespace kenes::instructions::policy {

// An instruction, found by {id}: the user's seat in the issuing body (Council or Small Assembly /
// Student Government) today, in the Secretariat it binds (bound body member), and whether it is
// assigned to them (own record).
extern const authz::ObjectKind instruction;

extern const authz::Policy issue;          // on a body: its officers (the Council's officers, the President) and managers
extern const authz::Policy list;           // on a body: its members, officers, managers, the administration
extern const authz::Policy report;         // on a Secretariat: its officers and managers report to the Council
extern const authz::Policy read;           // the issuing body's members, the Secretariat, the assignee, managers, administration
extern const authz::Policy update;         // the assignee and the Secretariat's members carry it out
extern const authz::Policy cancel;         // the issuing side: the body's officers and managers

}
