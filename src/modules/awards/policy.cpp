#include "modules/awards/policy.hpp"
#include "modules/awards/routes.hpp"
#include "modules/bodies/policy.hpp"
#include "modules/people/policy.hpp"

namespace kenes::awards::policy {

using authz::Rel;

namespace {

std::string today(const Clock& clock) { return almaty::local_date(clock.now()).iso(); }

bool is_commission(db::Tx& tx, int64_t inst, int64_t body)
{
    return tx.query_one("SELECT 1 FROM bodies WHERE institution_id = ? AND id = ? AND template = 'encouragement_commission'", { inst, body }).has_value();
}

}

const authz::ObjectKind award { "award", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        if (!tx.query_one("SELECT 1 FROM awards WHERE institution_id = ? AND id = ?", { p.institution_id, id }))
            return std::nullopt;
        auto facts = authz::standing(p, manage_perm);
        if (!p.person_id)
            return facts;
        int64_t me = *p.person_id;
        if (tx.query_one("SELECT 1 FROM award_recipients WHERE institution_id = ? AND award_id = ? AND person_id = ?", { p.institution_id, id, me }))
            facts.add(Rel::OwnRecord);
        if (tx.query_one("SELECT 1 FROM award_recipients a JOIN representatives r ON r.institution_id = a.institution_id AND r.student_id = a.person_id "
                         "WHERE a.institution_id = ? AND a.award_id = ? AND r.representative_id = ?",
                { p.institution_id, id, me }))
            facts.add(Rel::OwnChild);
        if (tx.query_one("SELECT 1 FROM award_recipients a JOIN students s ON s.institution_id = a.institution_id AND s.person_id = a.person_id "
                         "JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id WHERE a.institution_id = ? AND a.award_id = ? "
                         "AND g.curator_person_id = ?",
                { p.institution_id, id, me }))
            facts.add(Rel::OwnGroup);
        return facts;
    },
    "an award; its students are own record, their representatives own child, their curator own group" };

const authz::ObjectKind nomination { "award_nomination", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        if (!tx.query_one("SELECT 1 FROM award_nominations WHERE institution_id = ? AND id = ?", { p.institution_id, id }))
            return std::nullopt;
        return authz::standing(p, nominate_perm);
    },
    "a nomination for \"Student of the year\" or \"Best Shanyrak\"; awards.nominate holders are managers" };

const authz::ObjectKind commission { "encouragement_commission", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock& clock) -> std::optional<authz::Facts> {
        if (!is_commission(tx, p.institution_id, id))
            return std::nullopt;
        return bodies::policy::body_facts(tx, p, id, today(clock));
    },
    "an encouragement commission (AWD-2); seats counted today" };

const authz::ObjectKind session { "award_session", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) -> std::optional<authz::Facts> {
        auto s = tx.query_one("SELECT s.commission_body_id, m.held_on FROM award_sessions s JOIN meetings m ON m.institution_id = s.institution_id "
                              "AND m.id = s.meeting_id WHERE s.institution_id = ? AND s.id = ?",
            { p.institution_id, id });
        if (!s)
            return std::nullopt;
        return bodies::policy::body_facts(tx, p, s->i64(0), s->str(1));
    },
    "the encouragement commission's scoring of a contest; seats counted on the date of its meeting" };

namespace {
const std::vector<authz::Grant> institution_wide { { Rel::SameInstitution } };
const std::vector<authz::Grant> commission_readers { { Rel::BodyMember }, { Rel::BodyOfficer }, { Rel::Administration } };
const std::vector<authz::Grant> commission_runners { { Rel::BodyOfficer }, { Rel::Administration } };
const std::vector<authz::Grant> principal { { Rel::Administration }, { Rel::Manager } };
}

// Institution-wide routes: their permission says who; the policy keeps them in the institution.
const authz::Policy read_kinds { "award_kind.list", &authz::institution, institution_wide };
const authz::Policy add_kind { "award_kind.add", &authz::institution, institution_wide };
const authz::Policy read_shanyrak_members { "shanyrak.read_members", &authz::institution, institution_wide };
const authz::Policy set_shanyrak_members { "shanyrak.set_members", &authz::institution, institution_wide };
const authz::Policy read_deadline { "award_nomination.deadline", &authz::institution, institution_wide };
const authz::Policy nominate { "award_nomination.create", &authz::institution, institution_wide };
const authz::Policy list_nominations { "award_nomination.list", &authz::institution, institution_wide };
const authz::Policy discuss_nomination { "award_nomination.discuss", &nomination, { { Rel::Manager }, { Rel::Administration } } };
const authz::Policy open_session { "encouragement_commission.open_session", &commission, commission_runners };
const authz::Policy commission_sessions { "encouragement_commission.read_sessions", &commission, commission_readers };
const authz::Policy read_session { "award_session.read", &session, commission_readers };
const authz::Policy score { "award_session.score", &session, { { Rel::BodyMember } } };
const authz::Policy close_session { "award_session.close", &session, commission_runners };
const authz::Policy issue_award { "award.issue", &authz::institution, institution_wide };
const authz::Policy list_awards { "award.list", &authz::institution, institution_wide };
const authz::Policy read_award { "award.read", &award, { { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::OwnGroup }, { Rel::Administration }, { Rel::Manager } } };
const authz::Policy publish_award { "award.publish", &award, principal };
const authz::Policy person_awards { "person.read_awards", &people::policy::person, { { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::OwnGroup }, { Rel::Administration } } };

}
