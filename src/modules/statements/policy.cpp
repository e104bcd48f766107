#include "modules/statements/policy.hpp"
#include "modules/statements/routes.hpp"
#include "modules/statements/store.hpp"

namespace kenes::statements::policy {

using authz::Rel;

namespace {

std::string today(const Clock& clock) { return almaty::local_date(clock.now()).iso(); }

bool represents(db::Tx& tx, const Principal& p, int64_t student)
{
    return p.person_id && store::represents(tx, p.institution_id, *p.person_id, student);
}

}

bool is_ombudsman(db::Tx& tx, int64_t inst, int64_t person, const std::string& day)
{
    return tx.query_one("SELECT 1 FROM memberships m JOIN bodies b ON b.institution_id = m.institution_id AND b.id = m.body_id "
                        "WHERE m.institution_id = ? AND m.person_id = ? AND m.position = 'ombudsman' AND b.template = 'student_government' "
                        "AND m.starts_on <= ? AND (m.ends_on IS NULL OR m.ends_on >= ?)",
        { inst, person, day, day })
        .has_value();
}

const authz::ObjectKind statement { "statement", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        auto s = tx.query_one("SELECT filer_person_id, student_id, assignee_person_id FROM statements WHERE institution_id = ? AND id = ?", { p.institution_id, id });
        if (!s)
            return std::nullopt;
        auto facts = authz::standing(p, manage_perm);
        if (p.person_id) {
            if (s->i64(0) == *p.person_id || (!s->is_null(1) && s->i64(1) == *p.person_id))
                facts.add(Rel::OwnRecord);
            if (!s->is_null(1) && represents(tx, p, s->i64(1)))
                facts.add(Rel::OwnChild);
            if (!s->is_null(2) && s->i64(2) == *p.person_id)
                facts.add(Rel::Involved);
        }
        return facts;
    },
    "a written statement (APL-2); filer and student are own record, the assignee involved" };

const authz::ObjectKind complaint { "ombudsman_complaint", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock& clock) -> std::optional<authz::Facts> {
        auto c = tx.query_one("SELECT complainant_person_id FROM ombudsman_complaints WHERE institution_id = ? AND id = ?", { p.institution_id, id });
        if (!c)
            return std::nullopt;
        // APL-4: no administration or manager standing here; only the relationships below.
        authz::Facts facts;
        facts.add(Rel::SameInstitution);
        if (p.person_id) {
            if (c->i64(0) == *p.person_id)
                facts.add(Rel::OwnRecord);
            if (represents(tx, p, c->i64(0)))
                facts.add(Rel::OwnChild);
            if (is_ombudsman(tx, p.institution_id, *p.person_id, today(clock)))
                facts.add(Rel::Ombudsman);
            if (tx.query_one("SELECT 1 FROM ombudsman_shares WHERE institution_id = ? AND complaint_id = ? AND person_id = ?", { p.institution_id, id, *p.person_id }))
                facts.add(Rel::Involved);
        }
        return facts;
    },
    "a complaint to the ombudsman (APL-4), confidential; the complainant is own record, people it was shared with involved" };

const authz::ObjectKind reception_slot { "reception_slot", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        auto s = tx.query_one("SELECT booked_by_person_id, booked_for_student_id, receiver_person_id FROM reception_slots WHERE institution_id = ? AND id = ?",
            { p.institution_id, id });
        if (!s)
            return std::nullopt;
        auto facts = authz::standing(p, manage_perm);
        if (p.person_id) {
            if ((!s->is_null(0) && s->i64(0) == *p.person_id) || (!s->is_null(1) && s->i64(1) == *p.person_id))
                facts.add(Rel::OwnRecord);
            if (!s->is_null(1) && represents(tx, p, s->i64(1)))
                facts.add(Rel::OwnChild);
            if (!s->is_null(2) && s->i64(2) == *p.person_id)
                facts.add(Rel::Involved);
        }
        return facts;
    },
    "a slot of personal reception (APL-3); the booker is own record, the receiver involved" };

namespace {
const std::vector<authz::Grant> handlers { { Rel::Manager }, { Rel::Administration } };
}

const authz::Policy file_statement { "statement.file", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy register_statements { "statement.register", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy mine { "statement.mine", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy read_statement { "statement.read", &statement,
    { { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::Involved }, { Rel::Manager }, { Rel::Administration } } };
const authz::Policy handle_statement { "statement.handle", &statement, handlers };
const authz::Policy answer_statement { "statement.answer", &statement, { { Rel::Involved }, { Rel::Manager }, { Rel::Administration } } };
const authz::Policy file_complaint { "ombudsman_complaint.file", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy read_complaint { "ombudsman_complaint.read", &complaint, { { Rel::Ombudsman }, { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::Involved } } };
const authz::Policy handle_complaint { "ombudsman_complaint.handle", &complaint, { { Rel::Ombudsman } } };
const authz::Policy publish_reception { "reception.publish", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy read_schedule { "reception.schedule", &authz::institution, { { Rel::SameInstitution } } };
const authz::ObjectKind reception_schedule { "reception_schedule", "",
    [](db::Tx&, const Principal& p, int64_t, const Clock&) -> std::optional<authz::Facts> { return authz::standing(p, manage_perm); },
    "the institution's reception schedule (APL-3), for the flag of a month without reception" };
const authz::Policy keep_schedule { "reception.keep_schedule", &reception_schedule, handlers };
const authz::Policy read_slot { "reception_slot.read", &reception_slot,
    { { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::Involved }, { Rel::Manager }, { Rel::Administration } } };
const authz::Policy book_slot { "reception_slot.book", &reception_slot, { { Rel::SameInstitution } } };
const authz::Policy record_outcome { "reception_slot.record_outcome", &reception_slot, { { Rel::Involved }, { Rel::Manager }, { Rel::Administration } } };

}
