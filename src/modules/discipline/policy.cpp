#include "modules/discipline/policy.hpp"
#include "modules/discipline/case_store.hpp"
#include "modules/discipline/routes.hpp"
#include "modules/bodies/policy.hpp"
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
const authz::Policy attach_to_incident { "incident.attach", &incident, { { Rel::OwnRecord }, { Rel::Manager }, { Rel::Administration } } };
const authz::Policy see_all_involved { "incident.see_all_involved", &incident, { { Rel::Manager }, { Rel::Administration }, { Rel::OwnRecord } } };
const authz::Policy see_all_involved_in_group { "group.see_all_involved", &people::policy::curated_group, { { Rel::Administration } } };
const authz::Policy group_incidents { "group.read_incidents", &people::policy::curated_group, { { Rel::OwnGroup }, { Rel::Administration } } };
const authz::Policy person_discipline { "person.read_discipline", &people::policy::person,
    { { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::OwnGroup }, { Rel::Administration } } };

}

namespace kenes::discipline::policy {

namespace {

std::string today(const Clock& clock) { return almaty::local_date(clock.now()).iso(); }

// The user's relationships to the student a record is about, and to the committee of its case.
std::optional<authz::Facts> student_facts(db::Tx& tx, const Principal& p, int64_t student, std::optional<int64_t> committee, const Clock& clock)
{
    auto facts = people::policy::person_facts(tx, p, student);
    if (!facts)
        return std::nullopt;
    // person_facts counts people.write holders as managers; here it is discipline.manage.
    facts->rels &= ~(1u << unsigned(Rel::Manager));
    if (p.can(manage_perm))
        facts->add(Rel::Manager);
    if (committee && p.person_id) {
        auto d = today(clock);
        for (auto& seat : tx.query("SELECT position FROM memberships WHERE institution_id = ? AND body_id = ? AND person_id = ? AND starts_on <= ? "
                                   "AND (ends_on IS NULL OR ends_on >= ?)",
                 { p.institution_id, *committee, *p.person_id, d, d })) {
            facts->add(Rel::BodyMember);
            auto pos = seat.str(0);
            if (pos == "chair" || pos == "vice_chair" || pos == "secretary")
                facts->add(Rel::BodyOfficer);
        }
    }
    return facts;
}

std::optional<authz::Facts> case_facts(db::Tx& tx, const Principal& p, int64_t case_id, const Clock& clock)
{
    auto c = tx.query_one("SELECT student_id, committee_body_id, non_disclosure, status FROM discipline_cases WHERE institution_id = ? AND id = ?",
        { p.institution_id, case_id });
    if (!c)
        return std::nullopt;
    auto facts = student_facts(tx, p, c->i64(0), c->i64(1), clock);
    // DISC-CASE-5: non-disclosure holds until the decision.
    if (facts && c->flag(2) && c->str(3) == "open")
        facts->set(authz::Flag::Undisclosed);
    return facts;
}

authz::Loader through_student(const char* sql)
{
    return [sql](db::Tx& tx, const Principal& p, int64_t id, const Clock& clock) -> std::optional<authz::Facts> {
        auto r = tx.query_one(sql, { p.institution_id, id });
        if (!r)
            return std::nullopt;
        return student_facts(tx, p, r->i64(0), std::nullopt, clock);
    };
}

}

const authz::ObjectKind discipline_case { "discipline_case", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock& clock) { return case_facts(tx, p, id, clock); },
    "a disciplinary case; the student is own record, the committee's seats counted today" };

const authz::ObjectKind order { "discipline_order", "id",
    through_student("SELECT person_id FROM discipline_orders WHERE institution_id = ? AND id = ?"), "a principal's order on a penalty or its withdrawal" };

const authz::ObjectKind penalty { "penalty", "id", through_student("SELECT person_id FROM penalties WHERE institution_id = ? AND id = ?"),
    "an entry of the penalty register" };

const authz::ObjectKind device_withdrawal { "device_withdrawal", "id",
    through_student("SELECT person_id FROM device_withdrawals WHERE institution_id = ? AND id = ?"), "a phone withdrawn in a lesson (DISC-DEV-1)" };

const authz::ObjectKind evidence { "case_evidence", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock& clock) -> std::optional<authz::Facts> {
        auto e = tx.query_one("SELECT case_id FROM case_evidence WHERE institution_id = ? AND id = ?", { p.institution_id, id });
        return e ? case_facts(tx, p, e->i64(0), clock) : std::nullopt;
    },
    "an item of a case file, through its case" };

const authz::ObjectKind evidence_authorship { "case_evidence_author", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        auto e = tx.query_one("SELECT added_by FROM case_evidence WHERE institution_id = ? AND id = ?", { p.institution_id, id });
        if (!e)
            return std::nullopt;
        auto facts = authz::standing(p);
        if (!e->is_null(0) && e->i64(0) == p.user_id)
            facts.add(Rel::OwnRecord);
        return facts;
    },
    "an item of a case file; the user who added it is own record" };

namespace {
using authz::Flag;
const std::vector<authz::Grant> committee_runners { { Rel::BodyOfficer }, { Rel::Manager } };
const std::vector<authz::Grant> principal { { Rel::Administration }, { Rel::Manager } };
}

const authz::Policy open_case { "discipline_case.open", &authz::institution, { { Rel::SameInstitution } } };
// A Disciplinary Committee, as a body: other bodies are not found under this kind.
const authz::ObjectKind committee { "disciplinary_committee", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock& clock) -> std::optional<authz::Facts> {
        if (!store::is_disciplinary_committee(tx, p.institution_id, id))
            return std::nullopt;
        return bodies::policy::body_facts(tx, p, id, today(clock));
    },
    "a Disciplinary Committee; seats counted today" };

const authz::Policy committee_cases { "disciplinary_committee.read_cases", &committee,
    { { Rel::BodyMember }, { Rel::BodyOfficer }, { Rel::Administration } } };
const authz::Policy list_cases { "discipline_case.list", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy read_case { "discipline_case.read", &discipline_case,
    { { Rel::BodyMember }, { Rel::BodyOfficer }, { Rel::Manager }, { Rel::OwnRecord }, { Rel::OwnChild }, { .rel = Rel::OwnGroup, .unless = Flag::Undisclosed },
        { .rel = Rel::Administration, .unless = Flag::Undisclosed } } };
const authz::Policy run_case { "discipline_case.run", &discipline_case, committee_runners };
const authz::Policy contribute_to_case { "discipline_case.add_evidence", &discipline_case,
    { { Rel::BodyMember }, { Rel::BodyOfficer }, { Rel::Manager }, { Rel::OwnRecord }, { Rel::OwnChild } } };
const authz::Policy defend_in_case { "discipline_case.defend", &discipline_case, { { Rel::OwnRecord }, { Rel::OwnChild } } };
const authz::Policy decide_case { "discipline_case.decide", &discipline_case, committee_runners };
const authz::Policy issue_order { "discipline_case.issue_order", &discipline_case, principal };
const authz::Policy report_to_law { "discipline_case.report_to_law", &discipline_case, principal };
const authz::Policy read_order { "discipline_order.read", &order,
    { { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::OwnGroup }, { Rel::Administration }, { Rel::Manager } } };
const authz::Policy deliver_order { "discipline_order.deliver", &order, principal };
const authz::Policy withdraw_penalty { "penalty.withdraw", &penalty, principal };
const authz::Policy person_penalties { "person.penalties", &people::policy::person, { { Rel::SameInstitution } } };
const authz::Policy read_evidence { "case_evidence.read", &evidence, read_case.grants };
const authz::Policy withdraw_evidence { "case_evidence.withdraw", &evidence_authorship, { { Rel::OwnRecord } } };
const authz::Policy record_device { "device_withdrawal.record", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy return_device { "device_withdrawal.return", &device_withdrawal, { { Rel::SameInstitution } } };

}
