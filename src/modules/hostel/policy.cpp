#include "modules/hostel/policy.hpp"
#include "modules/hostel/routes.hpp"
#include "modules/bodies/policy.hpp"
#include "modules/people/policy.hpp"

namespace kenes::hostel::policy {

using authz::Rel;

namespace {

std::string today(const Clock& clock) { return almaty::local_date(clock.now()).iso(); }

// The user's seat in the campaign's commission today: BodyMember, BodyOfficer; Manager is
// hostel.manage here, not bodies.manage.
void add_commission(db::Tx& tx, const Principal& p, int64_t campaign_id, const Clock& clock, authz::Facts& facts)
{
    auto c = tx.query_one("SELECT commission_body_id FROM hostel_campaigns WHERE institution_id = ? AND id = ?", { p.institution_id, campaign_id });
    if (!c)
        return;
    if (auto b = bodies::policy::body_facts(tx, p, c->i64(0), today(clock))) {
        if (b->has(Rel::BodyMember))
            facts.add(Rel::BodyMember);
        if (b->has(Rel::BodyOfficer))
            facts.add(Rel::BodyOfficer);
    }
}

// The user's relationships to a student (own record, own child, own group), with hostel.manage as
// the managing permission.
std::optional<authz::Facts> student_facts(db::Tx& tx, const Principal& p, int64_t student)
{
    auto facts = people::policy::person_facts(tx, p, student);
    if (!facts)
        return std::nullopt;
    facts->rels &= ~(1u << unsigned(Rel::Manager));
    if (p.can(manage_perm))
        facts->add(Rel::Manager);
    return facts;
}

std::optional<authz::Facts> application_facts(db::Tx& tx, const Principal& p, int64_t id, const Clock& clock)
{
    auto a = tx.query_one("SELECT student_id, campaign_id FROM hostel_applications WHERE institution_id = ? AND id = ?", { p.institution_id, id });
    if (!a)
        return std::nullopt;
    auto facts = student_facts(tx, p, a->i64(0));
    if (facts)
        add_commission(tx, p, a->i64(1), clock, *facts);
    return facts;
}

// An object found by `sql` (institution_id, id) -> the id of its application / resident.
authz::Loader through_application(const char* sql)
{
    return [sql](db::Tx& tx, const Principal& p, int64_t id, const Clock& clock) -> std::optional<authz::Facts> {
        auto r = tx.query_one(sql, { p.institution_id, id });
        if (!r)
            return std::nullopt;
        return application_facts(tx, p, r->i64(0), clock);
    };
}

authz::Loader through_resident(const char* sql)
{
    return [sql](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        auto r = tx.query_one(sql, { p.institution_id, id });
        if (!r)
            return std::nullopt;
        return student_facts(tx, p, r->i64(0));
    };
}

}

const authz::ObjectKind hostel { "hostel", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        if (!tx.query_one("SELECT 1 FROM hostels WHERE institution_id = ? AND id = ?", { p.institution_id, id }))
            return std::nullopt;
        return authz::standing(p, manage_perm);
    },
    "a hostel with its rooms and places; hostel.manage holders are managers" };

const authz::ObjectKind campaign { "hostel_campaign", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock& clock) -> std::optional<authz::Facts> {
        if (!tx.query_one("SELECT 1 FROM hostel_campaigns WHERE institution_id = ? AND id = ?", { p.institution_id, id }))
            return std::nullopt;
        auto facts = authz::standing(p, manage_perm);
        add_commission(tx, p, id, clock, facts);
        return facts;
    },
    "a year's application campaign; members and officers of its allocation commission, hostel.manage holders as managers" };

const authz::ObjectKind application { "hostel_application", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock& clock) { return application_facts(tx, p, id, clock); },
    "an application; own record, own child, own group as for persons, the campaign's commission, hostel.manage holders" };

const authz::ObjectKind document { "hostel_document", "id",
    through_application("SELECT application_id FROM hostel_documents WHERE institution_id = ? AND id = ?"),
    "a document of an application (HST-APP-2); the user stands to it as to its application" };

const authz::ObjectKind decision { "hostel_decision", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock& clock) -> std::optional<authz::Facts> {
        auto d = tx.query_one("SELECT campaign_id FROM hostel_decisions WHERE institution_id = ? AND id = ?", { p.institution_id, id });
        if (!d)
            return std::nullopt;
        auto facts = authz::standing(p, manage_perm);
        add_commission(tx, p, d->i64(0), clock, facts);
        return facts;
    },
    "a decision of the allocation commission and its order; through its campaign" };

const authz::ObjectKind offer { "hostel_offer", "id",
    through_application("SELECT application_id FROM hostel_offers WHERE institution_id = ? AND id = ?"),
    "an offer of a place from the reserve list (HST-RES-1); through its application" };

const authz::ObjectKind resident { "hostel_resident", "id",
    through_resident("SELECT person_id FROM hostel_residents WHERE institution_id = ? AND id = ?"),
    "a line of the residents' register; own record, own child, own group as for its student, hostel.manage holders" };

const authz::ObjectKind leave { "hostel_leave", "id",
    through_resident("SELECT r.person_id FROM hostel_leaves l JOIN hostel_residents r ON r.institution_id = l.institution_id AND r.id = l.resident_id "
                     "WHERE l.institution_id = ? AND l.id = ?"),
    "a leave (HST-LV-1); through its resident" };

const authz::ObjectKind violation { "hostel_violation", "id",
    through_resident("SELECT person_id FROM hostel_violations WHERE institution_id = ? AND id = ?"),
    "an entry of the violation register (HST-VIOL-1); through its student" };

const authz::ObjectKind eviction { "hostel_eviction", "id",
    through_resident("SELECT person_id FROM hostel_evictions WHERE institution_id = ? AND id = ?"),
    "an eviction (HST-EV-1, HST-EV-2); through its student" };

const authz::ObjectKind order { "hostel_order", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock& clock) -> std::optional<authz::Facts> {
        auto o = tx.query_one("SELECT o.person_id, d.campaign_id FROM hostel_orders o LEFT JOIN hostel_decisions d ON d.institution_id = o.institution_id "
                              "AND d.id = o.decision_id WHERE o.institution_id = ? AND o.id = ?",
            { p.institution_id, id });
        if (!o)
            return std::nullopt;
        if (!o->is_null(0))
            return student_facts(tx, p, o->i64(0));
        auto facts = authz::standing(p, manage_perm);
        if (!o->is_null(1))
            add_commission(tx, p, o->i64(1), clock, facts);
        return facts;
    },
    "a principal's hostel order; through its student, or through its decision's campaign" };

namespace {
const std::vector<authz::Grant> managers { { Rel::Manager }, { Rel::Administration } };
const std::vector<authz::Grant> family { { Rel::OwnRecord }, { Rel::OwnChild } };
const std::vector<authz::Grant> concerned { { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::OwnGroup }, { Rel::Manager }, { Rel::Administration } };
const std::vector<authz::Grant> desk { { Rel::Manager }, { Rel::Administration }, { Rel::BodyMember }, { Rel::BodyOfficer } };
}

// Institution-wide routes: their permission says who; the policy keeps them in the institution.
const authz::Policy read_routine { "hostel.read_routine", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy edit_routine { "hostel.edit_routine", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy manage_places { "hostel.manage_places", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy open_campaign { "hostel.open_campaign", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy list_campaigns { "hostel.list_campaigns", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy apply { "hostel.apply", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy door { "hostel.door", &authz::institution, { { Rel::SameInstitution } } };

const authz::Policy read_hostel { "hostel.read", &hostel, managers };
const authz::Policy edit_hostel { "hostel.edit", &hostel, managers };
const authz::Policy read_campaign { "hostel_campaign.read", &campaign, desk };
const authz::Policy edit_campaign { "hostel_campaign.edit", &campaign, managers };
const authz::Policy decide_in_campaign { "hostel_campaign.decide", &campaign, { { Rel::BodyOfficer }, { Rel::Administration } } };
const authz::Policy read_application { "hostel_application.read", &application,
    { { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::Manager }, { Rel::Administration }, { Rel::BodyMember }, { Rel::BodyOfficer } } };
const authz::Policy edit_application { "hostel_application.edit", &application, { { Rel::OwnChild }, { Rel::Manager }, { Rel::Administration } } };
const authz::Policy read_documents { "hostel_document.read", &document, { { Rel::OwnChild }, { Rel::BodyMember }, { Rel::BodyOfficer } } };
const authz::Policy inspect { "hostel_application.inspect", &application, { { Rel::BodyMember }, { Rel::BodyOfficer } } };
const authz::Policy read_decision { "hostel_decision.read", &decision, desk };
const authz::Policy answer_offer { "hostel_offer.answer", &offer, { { Rel::OwnChild }, { Rel::Manager } } };
const authz::Policy read_resident { "hostel_resident.read", &resident, concerned };
const authz::Policy manage_resident { "hostel_resident.manage", &resident, managers };
const authz::Policy sign_certificate { "hostel_resident.sign_certificate", &resident, { { Rel::OwnChild } } };
const authz::Policy apply_for_leave { "hostel_resident.apply_for_leave", &resident, { { Rel::OwnChild }, { Rel::Manager } } };
const authz::Policy explain_violation { "hostel_violation.explain", &violation, family };
const authz::Policy read_order { "hostel_order.read", &order, { { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::OwnGroup }, { Rel::Manager },
    { Rel::Administration }, { Rel::BodyMember }, { Rel::BodyOfficer } } };
const authz::Policy order_eviction { "hostel_eviction.order", &eviction, managers };

// A student before any application of theirs exists: the family applies for them, the head
// registers a paper application naming them (HST-APP-1).
const authz::ObjectKind student { "hostel_student", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        if (!tx.query_one("SELECT 1 FROM students WHERE institution_id = ? AND person_id = ?", { p.institution_id, id }))
            return std::nullopt;
        return student_facts(tx, p, id);
    },
    "a student as the subject of hostel applications; own record, own child, own group, hostel.manage holders" };
const authz::Policy apply_for_student { "hostel_student.apply", &student, { { Rel::OwnChild }, { Rel::Manager }, { Rel::Administration } } };
const authz::Policy read_student_applications { "hostel_student.read_applications", &student,
    { { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::Manager }, { Rel::Administration } } };
const authz::Policy adopt_decision { "hostel_decision.adopt", &decision, { { Rel::BodyOfficer }, { Rel::Administration } } };
const authz::Policy consider_bumping { "hostel_application.bumping", &application, { { Rel::BodyMember }, { Rel::BodyOfficer }, { Rel::Administration } } };
const authz::Policy propose_bumping { "hostel_application.propose_bumping", &application, { { Rel::BodyOfficer }, { Rel::Administration } } };

// The hostel section of a student's overview: the student, their representatives, the administration.
const authz::Policy person_hostel { "person.read_hostel", &people::policy::person, { { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::Administration } } };

// Residence side.
const authz::Policy read_register { "hostel.read_register", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy settle { "hostel.settle", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy my_residence { "hostel.my_residence", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy manage_visitors { "hostel.manage_visitors", &authz::institution, { { Rel::SameInstitution } } };
const authz::Policy read_violation { "hostel_violation.read", &violation, concerned };
const authz::Policy familiarise_violation { "hostel_violation.familiarise", &violation, { { Rel::OwnRecord } } };
const authz::Policy manage_violation { "hostel_violation.manage", &violation, managers };
const authz::Policy read_eviction { "hostel_eviction.read", &eviction, concerned };
const authz::Policy manage_eviction { "hostel_eviction.manage", &eviction, managers };

}
