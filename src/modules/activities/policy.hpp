#pragma once
// Who may do what to work plans, their items, reports and events: each belongs to a body, so the
// user's relationships to it are those to the body (bodies/policy.hpp).
#include "security/policy.hpp"

namespace kenes::activities::policy {

extern const authz::ObjectKind plan;        // a work plan of a body (PLAN-1)
extern const authz::ObjectKind plan_item;   // an item of a work plan
extern const authz::ObjectKind report;      // a report of a body (PLAN-3)
extern const authz::ObjectKind event;       // an event organised by a body (PLAN-2)

extern const authz::Policy read_plan;       // the institution
extern const authz::Policy edit_plan;       // the body's officers and the managers of bodies
extern const authz::Policy edit_plan_item;
extern const authz::Policy read_report;
extern const authz::Policy edit_report;
extern const authz::Policy read_event;      // the institution; its participants only for the organisers
extern const authz::Policy join_event;      // registering oneself: the institution
extern const authz::Policy run_event;       // attendance and the participant list: the organising body's officers
extern const authz::Policy person_events;   // overview section: the events a person registered for (self, parents, curator, administration)

}
