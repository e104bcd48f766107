#include "modules/attendance/policy.hpp"
#include "modules/attendance/routes.hpp"
#include "modules/people/policy.hpp"

namespace kenes::attendance::policy {

using authz::Rel;

namespace {

// The relationships of the user to a student, with attendance.manage as the managing permission.
std::optional<authz::Facts> student_facts(db::Tx& tx, const Principal& p, int64_t person)
{
    auto facts = people::policy::person_facts(tx, p, person);
    if (!facts)
        return std::nullopt;
    authz::Facts out = authz::standing(p, manage_perm);
    for (auto r : { Rel::OwnRecord, Rel::OwnChild, Rel::OwnGroup })
        if (facts->has(r))
            out.add(r);
    return out;
}

}

const authz::ObjectKind group { "attendance_group", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        auto g = tx.query_one("SELECT curator_person_id FROM groups WHERE institution_id = ? AND id = ?", { p.institution_id, id });
        if (!g)
            return std::nullopt;
        auto facts = authz::standing(p, mark_perm);
        if (p.person_id && !g->is_null(0) && g->i64(0) == *p.person_id)
            facts.add(Rel::OwnGroup);
        return facts;
    },
    "a study group's journal; its curator counts as own group, holders of attendance.mark as managers" };

const authz::ObjectKind student { "attendance_student", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) { return student_facts(tx, p, id); },
    "a student's attendance; own record, own child, own group as for persons, attendance.manage holders as managers" };

const authz::ObjectKind justification { "attendance_justification", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        auto j = tx.query_one("SELECT person_id FROM attendance_justifications WHERE institution_id = ? AND id = ?", { p.institution_id, id });
        if (!j)
            return std::nullopt;
        return student_facts(tx, p, j->i64(0));
    },
    "a justification of absences; the user stands to it as to its student" };

const authz::ObjectKind proposal { "attendance_proposal", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        auto x = tx.query_one("SELECT person_id FROM attendance_proposals WHERE institution_id = ? AND id = ?", { p.institution_id, id });
        if (!x)
            return std::nullopt;
        auto facts = authz::standing(p, manage_perm);
        if (p.person_id
            && tx.query_one("SELECT 1 FROM students s JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id "
                            "WHERE s.institution_id = ? AND s.person_id = ? AND g.curator_person_id = ?",
                { p.institution_id, x->i64(0), *p.person_id }))
            facts.add(Rel::OwnGroup);
        return facts;
    },
    "an infraction proposed by the journal (DISC-ESC-1); the curator of the student's group counts as own group" };

namespace {
const std::vector<authz::Grant> keepers { { Rel::OwnGroup }, { Rel::Manager }, { Rel::Administration } };
const std::vector<authz::Grant> concerned { { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::OwnGroup }, { Rel::Manager }, { Rel::Administration } };
}

// Institution-wide routes: their permission says who; the policy keeps them in the institution.
const authz::Policy read_settings { "attendance.read_settings", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy edit_settings { "attendance.edit_settings", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy school_report { "attendance.school_report", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy list_justifications { "attendance.list_justifications", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy journal { "attendance.journal", &group, keepers };
const authz::Policy group_summary { "attendance.group_summary", &group, keepers };
const authz::Policy read_student { "attendance.read_student", &student, concerned };
const authz::Policy justify { "attendance.justify", &student, { { Rel::OwnChild }, { Rel::Manager }, { Rel::Administration } } };
const authz::Policy acknowledge { "attendance.acknowledge", &student, { { Rel::OwnChild } } };
const authz::Policy decide_justification { "attendance.decide_justification", &justification, { { Rel::Manager }, { Rel::Administration } } };
const authz::Policy attach_document { "attendance.attach_document", &justification, { { Rel::OwnChild }, { Rel::Manager }, { Rel::Administration } } };
const authz::Policy read_document { "attendance.read_document", &justification, concerned };
const authz::Policy resolve_proposal { "attendance.resolve_proposal", &proposal, { { Rel::OwnGroup }, { Rel::Administration } } };
const authz::Policy person_attendance { "person.read_attendance", &people::policy::person,
    { { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::OwnGroup }, { Rel::Administration } } };

}
