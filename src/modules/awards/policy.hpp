#pragma once
// Who may do what with awards: the only place of the module that decides it. Sessions of the
// encouragement commission concern minors (confidential, GEN-3): its members, officers and the
// administration; an award: its students (own record), their representatives (own child), the
// curator of their group, the principal; a published award: anyone.
#include "security/policy.hpp"

namespace kenes::awards::policy {

extern const authz::ObjectKind award;          // an award; its students are own record, their representatives own child
extern const authz::ObjectKind nomination;     // a nomination; awards.nominate holders are managers
extern const authz::ObjectKind commission;     // a body of the encouragement commission template; seats today
extern const authz::ObjectKind session;        // a scoring session; seats on the date of its meeting

extern const authz::Policy read_kinds;         // the institution
extern const authz::Policy add_kind;           // the principal (awards.manage; AWD-1 "the principal may add others")
extern const authz::Policy read_shanyrak_members;
extern const authz::Policy set_shanyrak_members; // the principal (awards.manage)
extern const authz::Policy read_deadline;      // the institution
extern const authz::Policy nominate;           // awards.nominate holders of the institution
extern const authz::Policy list_nominations;   // awards.nominate holders of the institution
extern const authz::Policy discuss_nomination; // awards.nominate holders and the administration (AWD-4: the unions' decision)
extern const authz::Policy open_session;       // the commission's officers and the administration
extern const authz::Policy commission_sessions; // the commission's members, officers and the administration
extern const authz::Policy read_session;       // the commission's members, officers and the administration
extern const authz::Policy score;              // the commission's members (voting and not recused: rules)
extern const authz::Policy close_session;      // the commission's officers and the administration
extern const authz::Policy issue_award;        // the principal (AWD-5)
extern const authz::Policy list_awards;        // the principal
extern const authz::Policy read_award;         // own record, own child, own group, the principal
extern const authz::Policy publish_award;      // the principal
extern const authz::Policy person_awards;      // the overview's section: the student, representatives, curator, administration

}
