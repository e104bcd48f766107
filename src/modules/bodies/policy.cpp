#include "modules/bodies/policy.hpp"
#include "core/clock.hpp"
#include "modules/bodies/templates.hpp"
#include "modules/people/policy.hpp"

namespace kenes::bodies::policy {

using authz::Flag;
using authz::Grant;
using authz::Rel;

namespace {

std::string today(const Clock& clock) { return almaty::local_date(clock.now()).iso(); }

// The facts of the body that owns an object found by a query returning (body_id, date).
std::optional<authz::Facts> via_body(db::Tx& tx, const Principal& p, std::optional<db::Row> owner)
{
    if (!owner)
        return std::nullopt;
    return body_facts(tx, p, owner->i64(0), owner->str(1));
}

}

std::optional<authz::Facts> body_facts(db::Tx& tx, const Principal& p, int64_t body_id, const std::string& date)
{
    auto b = tx.query_one("SELECT confidential FROM bodies WHERE institution_id = ? AND id = ?", { p.institution_id, body_id });
    if (!b)
        return std::nullopt;
    auto facts = authz::standing(p, "bodies.manage");
    if (b->flag(0))
        facts.set(Flag::Confidential);
    if (!p.person_id)
        return facts;
    for (auto& seat : tx.query("SELECT position FROM memberships WHERE institution_id = ? AND body_id = ? AND person_id = ? AND starts_on <= ? "
                               "AND (ends_on IS NULL OR ends_on >= ?)",
             { p.institution_id, body_id, *p.person_id, date, date })) {
        facts.add(Rel::BodyMember);
        auto position = seat.str(0);
        if (chairs(position) || vice_chairs(position) || position == "secretary")
            facts.add(Rel::BodyOfficer);
    }
    return facts;
}

const authz::ObjectKind body { "body", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock& clock) { return body_facts(tx, p, id, today(clock)); },
    "a self-government body or commission; seats counted today" };

const authz::ObjectKind meeting { "meeting", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) {
        return via_body(tx, p, tx.query_one("SELECT body_id, held_on FROM meetings WHERE institution_id = ? AND id = ?", { p.institution_id, id }));
    },
    "a session of a body; seats counted on the session's date" };

const authz::ObjectKind agenda_item { "agenda_item", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock&) {
        return via_body(tx, p,
            tx.query_one("SELECT m.body_id, m.held_on FROM agenda_items i JOIN meetings m ON m.institution_id = i.institution_id AND m.id = i.meeting_id "
                         "WHERE i.institution_id = ? AND i.id = ?",
                { p.institution_id, id }));
    },
    "an agenda item of a session; seats counted on the session's date" };

const authz::ObjectKind candidacy { "membership_candidate", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock& clock) {
        auto c = tx.query_one("SELECT body_id FROM membership_candidates WHERE institution_id = ? AND id = ?", { p.institution_id, id });
        return c ? body_facts(tx, p, c->i64(0), today(clock)) : std::nullopt;
    },
    "a candidate for a seat in a body (ORG-6)" };

namespace {
const std::vector<Grant> session_readers { { Rel::BodyMember }, { Rel::BodyOfficer }, { Rel::Manager }, { Rel::Administration },
    { .rel = Rel::SameInstitution, .unless = Flag::Confidential } };
const std::vector<Grant> runners { { Rel::BodyOfficer }, { Rel::Manager } };
}

const authz::Policy read_body { "body.read", &body, { { Rel::SameInstitution } } };
const authz::Policy manage_body { "body.manage", &body, { { Rel::Manager } } };
const authz::Policy found_body { "body.found", &body, { { Rel::Administration }, { Rel::Manager } } };
const authz::Policy run_body { "body.run", &body, runners };
const authz::Policy read_sessions { "body.read_sessions", &body, session_readers };
const authz::Policy read_meeting { "meeting.read", &meeting, session_readers };
const authz::Policy run_meeting { "meeting.run", &meeting, runners };
const authz::Policy sign_protocol { "meeting.sign_protocol", &meeting, { { Rel::BodyMember } } };
const authz::Policy run_item { "agenda_item.run", &agenda_item, runners };
const authz::Policy vote_on_item { "agenda_item.vote", &agenda_item, { { Rel::BodyMember } } };
const authz::Policy decide_candidacy { "membership_candidate.decide", &candidacy, runners };

const authz::Policy person_positions { "person.read_positions", &people::policy::person,
    { { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::OwnGroup }, { Rel::Administration } } };
const authz::Policy person_sessions { "person.read_sessions", &people::policy::person, { { Rel::OwnRecord } } };

}
