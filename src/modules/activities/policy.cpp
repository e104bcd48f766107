#include "modules/activities/policy.hpp"
#include "modules/people/policy.hpp"
#include "modules/bodies/policy.hpp"

namespace kenes::activities::policy {

using authz::Rel;

namespace {

// The object belongs to the body the query returns; seats count today.
authz::Loader owned_by_body(const char* sql)
{
    return [sql](db::Tx& tx, const Principal& p, int64_t id, const Clock& clock) -> std::optional<authz::Facts> {
        auto owner = tx.query_one(sql, { p.institution_id, id });
        if (!owner)
            return std::nullopt;
        return bodies::policy::body_facts(tx, p, owner->i64(0), almaty::local_date(clock.now()).iso());
    };
}

const std::vector<authz::Grant> institution { { Rel::SameInstitution } };
const std::vector<authz::Grant> runners { { Rel::BodyOfficer }, { Rel::Manager } };

}

const authz::ObjectKind plan { "plan", "id", owned_by_body("SELECT body_id FROM work_plans WHERE institution_id = ? AND id = ?"),
    "a work plan, belonging to its body" };
const authz::ObjectKind plan_item { "plan_item", "id",
    owned_by_body("SELECT w.body_id FROM plan_items i JOIN work_plans w ON w.institution_id = i.institution_id AND w.id = i.plan_id "
                  "WHERE i.institution_id = ? AND i.id = ?"),
    "an item of a work plan, belonging to the plan's body" };
const authz::ObjectKind report { "report", "id", owned_by_body("SELECT body_id FROM reports WHERE institution_id = ? AND id = ?"),
    "a report, belonging to its body" };
// Who runs an event is decided by the seats on the event's date.
const authz::ObjectKind event { "event", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        auto e = tx.query_one("SELECT organiser_body_id, held_on FROM events WHERE institution_id = ? AND id = ?", { p.institution_id, id });
        return e ? bodies::policy::body_facts(tx, p, e->i64(0), e->str(1)) : std::nullopt;
    },
    "an event, belonging to its organising body; seats counted on the event's date" };

const authz::Policy read_plan { "plan.read", &plan, institution };
const authz::Policy edit_plan { "plan.edit", &plan, runners };
const authz::Policy edit_plan_item { "plan_item.edit", &plan_item, runners };
const authz::Policy read_report { "report.read", &report, institution };
const authz::Policy edit_report { "report.edit", &report, runners };
const authz::Policy read_event { "event.read", &event, institution };
const authz::Policy join_event { "event.join", &event, institution };
const authz::Policy run_event { "event.run", &event, runners };

const authz::Policy person_events { "person.read_events", &people::policy::person,
    { { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::OwnGroup }, { Rel::Administration } } };

}
