#include "modules/discipline/policy.hpp"
#include "modules/discipline/routes.hpp"
#include "modules/people/policy.hpp"

namespace kenes::discipline::policy {

using authz::Rel;

namespace {

// The curator of a group one of the students belongs to.
bool curates_one_of(db::Tx& tx, const Principal& p, const char* students_sql, int64_t id)
{
    return p.person_id
        && tx.query_one(std::string("SELECT 1 FROM students s JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id "
                                    "WHERE s.institution_id = ? AND g.curator_person_id = ? AND s.person_id IN (")
                + students_sql + ")",
            { p.institution_id, *p.person_id, p.institution_id, id });
}

}

const authz::ObjectKind incident { "incident", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        auto i = tx.query_one("SELECT reported_by FROM incidents WHERE institution_id = ? AND id = ?", { p.institution_id, id });
        if (!i)
            return std::nullopt;
        auto facts = authz::standing(p, manage_perm);
        if (p.person_id && !i->is_null(0) && i->i64(0) == *p.person_id)
            facts.add(Rel::OwnRecord);   // the user reported it
        if (curates_one_of(tx, p, "SELECT person_id FROM incident_students WHERE institution_id = ? AND incident_id = ?", id))
            facts.add(Rel::OwnGroup);
        return facts;
    },
    "an incident; the reporter counts as own record, the curator of an involved student as own group" };

namespace {
const std::vector<authz::Grant> managers { { Rel::Manager }, { Rel::Administration } };
}

const authz::Policy read_catalogue { "discipline.read_catalogue", &authz::institution, { { Rel::SameInstitution } } };
// Institution-wide routes: their permission (discipline.manage) says who; the policy keeps them in the institution.
const authz::Policy manage_catalogue { "discipline.manage_catalogue", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy record_incident { "incident.record", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy list_incidents { "incident.list", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy read_incident { "incident.read", &incident, { { Rel::Manager }, { Rel::Administration }, { Rel::OwnGroup }, { Rel::OwnRecord } } };
const authz::Policy reverse_incident { "incident.reverse", &incident, managers };
const authz::Policy group_incidents { "group.read_incidents", &people::policy::curated_group, { { Rel::OwnGroup }, { Rel::Administration } } };
const authz::Policy person_discipline { "person.read_discipline", &people::policy::person,
    { { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::OwnGroup }, { Rel::Administration } } };

}
