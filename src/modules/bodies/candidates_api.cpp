// Candidates for membership (ORG-6): proposed to a body, considered by it as an agenda item of
// the kind "membership_candidates" (MTG-2), and seated or turned down by that decision.
#include "core/json_fields.hpp"
#include "modules/bodies/policy.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/bodies/notices.hpp"
#include "modules/bodies/templates.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include <boost/json/array.hpp>

namespace kenes::bodies {

using namespace http;
using boost::json::array;
using boost::json::object;
using modules::json_or_null;

namespace {

std::optional<object> candidate_json(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT c.id, c.body_id, c.person_id, c.position, c.note, c.status, c.proposed_at, c.decision_item_id, c.membership_id, "
                          "p.surname, p.name, p.patronymic "
                          "FROM membership_candidates c JOIN persons p ON p.institution_id = c.institution_id AND p.id = c.person_id "
                          "WHERE c.institution_id = ? AND c.id = ?",
        { inst, id });
    if (!r)
        return std::nullopt;
    return object { { "id", r->i64(0) }, { "body_id", r->i64(1) }, { "person_id", r->i64(2) },
        { "full_name", people::full_name(*r, 9) }, { "position", r->str(3) }, { "note", r->str(4) },
        { "status", r->str(5) }, { "proposed_at", r->i64(6) }, { "decision_item_id", json_or_null(r->opt_i64(7)) },
        { "membership_id", json_or_null(r->opt_i64(8)) } };
}

Result<Response> list_candidates(Context& ctx)
{
    int64_t body_id = TRY(ctx.id_param("id"));
    int64_t inst = ctx.institution_id();
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        if (!body_exists(tx, inst, body_id))
            return Error::not_found();
        array items;
        for (auto& r : tx.query("SELECT id FROM membership_candidates WHERE institution_id = ? AND body_id = ? ORDER BY proposed_at DESC, id DESC LIMIT ?",
                 { inst, body_id, modules::short_list_cap }))
            items.push_back(*candidate_json(tx, inst, r.i64(0)));
        return Response::ok(object { { "items", items } });
    });
}

Result<Response> propose(Context& ctx)
{
    int64_t body_id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto person = in.integer("person_id", Presence::Required, 1, INT64_MAX);
    auto position = in.text("position", Presence::Required, 64);
    auto note = in.text("note", Presence::Optional, 2000);
    if (position && std::find(all_positions().begin(), all_positions().end(), *position) == all_positions().end())
        in.add_error("position", "invalid");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        if (!people::exists(tx, inst, *person))
            return Error::field("person_id", "not_found");
        // One open candidacy per person and body; a current member is not a candidate.
        if (tx.query_one("SELECT 1 FROM membership_candidates WHERE institution_id = ? AND body_id = ? AND person_id = ? AND status = 'proposed'",
                { inst, body_id, *person })
            || tx.query_one("SELECT 1 FROM memberships WHERE institution_id = ? AND body_id = ? AND person_id = ? AND starts_on <= ? "
                            "AND (ends_on IS NULL OR ends_on >= ?)",
                { inst, body_id, *person, modules::today(ctx), modules::today(ctx) }))
            return Error { ErrorCode::Conflict, {}, {}, {}, { FieldError { "person_id", "duplicate" } } };
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO membership_candidates (institution_id, id, body_id, person_id, position, note, status, proposed_at) VALUES (?, ?, ?, ?, ?, ?, 'proposed', ?)",
            { inst, id, body_id, *person, *position, note.value_or(""), ctx.clock().now() });
        modules::audit_change(ctx, tx, "candidate.propose", "membership_candidate", id, nullptr,
            object { { "body_id", body_id }, { "person_id", *person }, { "position", *position } });
        notices::candidacy_changed(tx, ctx.clock(), inst, id, "proposed");
        return *candidate_json(tx, inst, id);
    }));
    return Response::created(out);
}

// Records the body's decision on a candidacy. The decision is a closed vote on a
// "membership_candidates" item of a session of this body (ORG-6, MTG-2): adopted seats the
// candidate from starts_on (with the recorded acceptance of the regulation, ORG-4); rejected
// closes the candidacy.
Result<Response> decide_candidacy(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto item = in.integer("agenda_item_id", Presence::Required, 1, INT64_MAX);
    auto starts = in.date("starts_on", Presence::Optional);
    auto accepted = in.boolean("accepted_regulation", Presence::Optional);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto c = tx.query_one("SELECT body_id, person_id, position, status FROM membership_candidates WHERE institution_id = ? AND id = ?", { inst, id });
        if (!c)
            return Error::not_found();
        int64_t body_id = c->i64(0);
        if (c->str(3) != "proposed")
            return Error { ErrorCode::Conflict, "candidate.decided" };
        auto decision = tx.query_one("SELECT m.body_id, i.outcome, b.template, b.parent_id FROM agenda_items i JOIN meetings m ON m.institution_id = i.institution_id "
                                     "AND m.id = i.meeting_id JOIN bodies b ON b.institution_id = m.institution_id AND b.id = m.body_id "
                                     "WHERE i.institution_id = ? AND i.id = ? AND i.kind = 'membership_candidates' AND i.outcome IS NOT NULL",
            { inst, *item });
        auto target = tx.query_one("SELECT template FROM bodies WHERE institution_id = ? AND id = ?", { inst, body_id });
        if (target && target->str(0) == "hostel_council") {
            // MTG-8, HST-CNC-1: the hostel council's members are elected by the general meeting of
            // the residents (a general meeting under the council), not by the council itself.
            if (!decision || decision->str(2) != "general_meeting" || decision->opt_i64(3) != std::optional<int64_t>(body_id))
                return Error::rule_refusal("MTG-8", "rule.hostel_council_by_meeting", {}, "agenda_item_id");
        } else if (!decision || decision->i64(0) != body_id)   // ORG-6: only this body's own decision on a candidacy counts.
            return Error::rule_refusal("ORG-6", "rule.candidate_decision", {}, "agenda_item_id");
        bool adopted = decision->str(1) == "adopted";
        std::optional<int64_t> membership;
        if (adopted) {
            if (!starts)
                return Error::field("starts_on", "required");
            // ORG-4: membership requires the recorded acceptance of the body's regulation.
            if (!accepted.value_or(false))
                return Error::rule_refusal("ORG-4", "rule.acceptance_required", {}, "accepted_regulation");
            auto seated = TRY(detail::seat_member(tx, ctx, { body_id, c->i64(1), c->str(2), std::nullopt, *starts, std::nullopt, false, *item }));
            membership = seated.at("id").as_int64();
        }
        std::string status = adopted ? "accepted" : "rejected";
        tx.exec("UPDATE membership_candidates SET status = ?, decision_item_id = ?, membership_id = ?, decided_at = ? WHERE institution_id = ? AND id = ?",
            { status, *item, db::nullable(membership), ctx.clock().now(), inst, id });
        modules::audit_change(ctx, tx, "candidate.decide", "membership_candidate", id, object { { "status", "proposed" } },
            object { { "status", status }, { "agenda_item_id", *item }, { "membership_id", json_or_null(membership) } });
        notices::candidacy_changed(tx, ctx.clock(), inst, id, status);
        return *candidate_json(tx, inst, id);
    }));
    return Response::ok(out);
}

}

void detail::register_candidate_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/bodies/{id}/candidates", "bodies.read", policy::read_body, Body::None, list_candidates);
    r.router.add("POST", "/api/v1/bodies/{id}/candidates", "meetings.run", policy::run_body, Body::Json, propose);
    r.router.add("POST", "/api/v1/membership-candidates/{id}/decision", "meetings.run", policy::decide_candidacy, Body::Json, decide_candidacy);
}

}
