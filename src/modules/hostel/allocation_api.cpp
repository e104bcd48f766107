// The allocation (seed 004 hostel rules): the ranking (HST-PRI-1..3), the commission's decision
// on a session of its own (MTG-4 held at the vote of the agenda item; ORG-9 composition shown by
// the bodies module), deviations only with a recorded reason, paid places after the grants
// (HST-PAID-1), the reserve list and its offers (HST-RES-1), bumping (HST-BUMP-1), the
// principal's order and the notices to the families.
#include "i18n/dates.hpp"
#include "core/json_fields.hpp"
#include "docs/pdf.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/hostel/allocation_notices.hpp"
#include "modules/hostel/allocation_store.hpp"
#include "modules/hostel/interfaces.hpp"
#include "modules/hostel/orders.hpp"
#include "modules/hostel/policy.hpp"
#include "modules/hostel/routes.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>

namespace kenes::hostel {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

struct Proposal {
    std::vector<rules::Standing> ranked;
    std::vector<rules::Line> lines;
    std::map<int64_t, store::Application> apps;
};

Proposal propose(db::Tx& tx, int64_t inst, const store::Campaign& c)
{
    Proposal p;
    std::vector<rules::Applicant> all;
    for (auto& a : store::applications_of(tx, inst, c.id, { "registered" })) {
        all.push_back(a.applicant());
        p.apps.emplace(a.id, a);
    }
    p.ranked = rules::rank(all);
    p.lines = rules::allocate(p.ranked, all, int(c.grant_places), int(c.paid_places));
    return p;
}

object ranking_line(db::Tx& tx, int64_t inst, const store::Application& a, const rules::Standing& s, size_t of, const std::string& outcome)
{
    auto line = store::journal_line(tx, inst, a);
    line["standing"] = store::standing_json(s, of);
    line["outcome"] = outcome;
    line["missing"] = int64_t(rules::missing(rules::checklist(int(a.priority_group), rules::parse_subgroups(a.subgroups)), store::document_kinds_of(tx, inst, a.id)).size());
    line["inspected"] = tx.query_one("SELECT 1 FROM hostel_inspections WHERE institution_id = ? AND application_id = ?", { inst, a.id }).has_value();
    return line;
}

// GET /api/v1/hostel/campaigns/{id}/ranking: every registered applicant with why they stand there
// and what the plan gives them, for the commission.
Result<Response> ranking(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = ctx.institution_id();
        auto c = store::load_campaign(tx, inst, id);
        if (!c)
            return Error::not_found();
        auto p = propose(tx, inst, *c);
        array items;
        for (size_t i = 0; i < p.ranked.size(); ++i)
            items.push_back(ranking_line(tx, inst, p.apps.at(p.ranked[i].id), p.ranked[i], p.ranked.size(), std::string(rules::outcome_code(p.lines[i].outcome))));
        return Response::ok(object { { "campaign", store::campaign_json(tx, inst, *c, modules::today(ctx)) }, { "items", items } });
    });
}

struct Meeting {
    std::string held_on, body;
    int64_t number, id;
};
std::optional<Meeting> meeting_of_item(db::Tx& tx, const Context& ctx, int64_t item)
{
    auto m = tx.query_one("SELECT m.held_on, m.number, b.name, b.name_key, m.id FROM agenda_items i JOIN meetings m ON m.institution_id = i.institution_id AND m.id = i.meeting_id "
                          "JOIN bodies b ON b.institution_id = m.institution_id AND b.id = m.body_id WHERE i.institution_id = ? AND i.id = ?",
        { ctx.institution_id(), item });
    if (!m)
        return std::nullopt;
    return Meeting { m->str(0), bodies::display_name(ctx.services.catalog, ctx.lang, m->str(2), m->opt_str(3)), m->i64(1), m->i64(4) };
}

object decision_json(db::Tx& tx, const Context& ctx, int64_t id)
{
    int64_t inst = ctx.institution_id();
    auto d = tx.query_one("SELECT campaign_id, kind, agenda_item_id, decided_at, order_number, order_date, snapshot FROM hostel_decisions WHERE institution_id = ? AND id = ?",
        { inst, id });
    object out { { "id", id }, { "campaign_id", d->i64(0) }, { "kind", d->str(1) }, { "agenda_item_id", modules::json_or_null(d->opt_i64(2)) },
        { "decided_at", d->is_null(3) ? boost::json::value(nullptr) : boost::json::value(almaty::iso_datetime(d->i64(3))) },
        { "order_number", modules::json_or_null(d->opt_str(4)) }, { "order_date", modules::json_or_null(d->opt_str(5)) } };
    out["item_outcome"] = d->is_null(2) ? "" : bodies::item_outcome(tx, inst, d->i64(2));
    if (auto m = d->is_null(2) ? std::nullopt : meeting_of_item(tx, ctx, d->i64(2)))
        out["session"] = object { { "held_on", m->held_on }, { "number", m->number }, { "body", m->body }, { "meeting_id", m->id } };
    array lines;
    for (auto& l : tx.query("SELECT l.application_id, l.rank, l.outcome, l.deviation_reason, a.student_id, a.priority_group, a.number, a.status FROM hostel_decision_lines l "
                            "JOIN hostel_applications a ON a.institution_id = l.institution_id AND a.id = l.application_id WHERE l.institution_id = ? AND l.decision_id = ? "
                            "ORDER BY l.rank, l.application_id",
             { inst, id }))
        lines.push_back(object { { "application_id", l.i64(0) }, { "rank", l.i64(1) }, { "outcome", l.str(2) }, { "deviation_reason", l.str(3) },
            { "student_id", l.i64(4) }, { "student_name", people::name_of(tx, inst, l.i64(4)) }, { "priority_group", l.i64(5) }, { "number", l.i64(6) },
            { "status", l.str(7) } });
    out["lines"] = lines;
    out["snapshot"] = d->is_null(6) ? boost::json::value(nullptr) : boost::json::parse(d->str(6));
    return out;
}

// POST /api/v1/hostel/campaigns/{id}/allocation: the ranking with the commission's deviations,
// put on the agenda of its session. Recorded only when the item is adopted (adopt_decision).
Result<Response> propose_allocation(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto meeting = in.integer("meeting_id", Presence::Required, 1, INT64_MAX);
    struct Deviation {
        int64_t application_id;
        rules::Outcome outcome;
        std::string reason;
    };
    std::vector<Deviation> deviations;
    if (auto* list = in.array("deviations", Presence::Optional, 10000))
        for (auto& item : *list) {
            if (!item.is_object()) {
                in.add_error("deviations", "wrong_type");
                break;
            }
            FieldReader d(item.as_object());
            auto app = d.integer("application_id", Presence::Required, 1, INT64_MAX);
            auto outcome = d.one_of("outcome", Presence::Required, { "grant", "paid", "reserve", "refused" });
            auto reason = d.text("reason", Presence::Optional, 2000, Lines::Multi);
            if (!d.finish()) {
                in.add_error("deviations", "invalid");
                break;
            }
            deviations.push_back({ *app, *rules::parse_outcome(*outcome), reason.value_or("") });
        }
    TRY(in.finish());
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = ctx.institution_id();
        auto c = store::load_campaign(tx, inst, id);
        if (!c)
            return Error::not_found();
        // HST-APP-1: the ranking is considered once no more applications can come.
        if (c->accepting(modules::today(ctx)))
            return Error::rule_refusal("HST-APP-1", "rule.hostel.allocation.before_deadline", { { "last_day", c->last_day() } });
        if (tx.query_one("SELECT 1 FROM hostel_decisions WHERE institution_id = ? AND campaign_id = ? AND kind = 'allocation' AND decided_at IS NOT NULL", { inst, id }))
            return Error { ErrorCode::Conflict, "hostel.campaign.decided" };
        for (auto& r : tx.query("SELECT agenda_item_id FROM hostel_decisions WHERE institution_id = ? AND campaign_id = ? AND kind = 'allocation' AND decided_at IS NULL",
                 { inst, id }))
            if (r.is_null(0) || bodies::item_outcome(tx, inst, r.i64(0)) != "rejected")
                return Error { ErrorCode::Conflict, "hostel.allocation.pending" };
        auto p = propose(tx, inst, *c);
        std::map<int64_t, size_t> at;
        for (size_t i = 0; i < p.lines.size(); ++i)
            at[p.lines[i].id] = i;
        std::vector<std::string> reasons(p.lines.size());
        std::map<int64_t, bool> seen;
        for (auto& d : deviations) {
            auto it = at.find(d.application_id);
            if (it == at.end() || seen[d.application_id])
                return Error::field("deviations", it == at.end() ? "not_found" : "duplicate");
            seen[d.application_id] = true;
            if (p.lines[it->second].outcome == d.outcome)
                continue;
            // A departure from the ranking needs its reason recorded on the line.
            if (d.reason.size() < 3)
                return Error::rule_refusal("HST-PRI-1", "rule.hostel.allocation.deviation_reason", { { "number", p.apps.at(d.application_id).number } }, "deviations");
            p.lines[it->second].outcome = d.outcome;
            reasons[it->second] = d.reason;
        }
        // The plan holds: no more grant or paid places than planned; paid places only to those
        // who asked, and only once no grant place is left (HST-PAID-1).
        int64_t grants = 0, paid = 0;
        for (auto& l : p.lines) {
            grants += l.outcome == rules::Outcome::Grant;
            paid += l.outcome == rules::Outcome::Paid;
            if (l.outcome == rules::Outcome::Paid && !p.apps.at(l.id).wants_paid)
                return Error::rule_refusal("HST-PAID-1", "rule.hostel.allocation.paid_not_asked", { { "number", p.apps.at(l.id).number } }, "deviations");
        }
        if (grants > c->grant_places)
            return Error::rule_refusal("HST-PRI-1", "rule.hostel.allocation.too_many_grants", { { "places", c->grant_places } }, "deviations");
        if (paid > c->paid_places)
            return Error::rule_refusal("HST-PAID-1", "rule.hostel.allocation.too_many_paid", { { "places", c->paid_places } }, "deviations");
        if (paid > 0 && grants < c->grant_places)
            return Error::rule_refusal("HST-PAID-1", "rule.hostel.allocation.paid_before_grants", {}, "deviations");
        int64_t decision = tx.next_id();
        auto& cat = ctx.services.catalog;
        Lang lang = ctx.lang;
        int64_t item = TRY(bodies::put_on_agenda(tx, ctx.clock(), ctx.user().actor(), inst,
            { *meeting, c->commission_body_id, "hostel_allocation", cat.format(lang, "hostel.allocation.item_title", { { "year", c->academic_year } }),
                cat.format(lang, "hostel.allocation.item_motion", { { "year", c->academic_year }, { "grant", grants }, { "paid", paid } }), {} }));
        tx.exec("INSERT INTO hostel_decisions (institution_id, id, campaign_id, kind, agenda_item_id, created_by, created_at) VALUES (?, ?, ?, 'allocation', ?, ?, ?)",
            { inst, decision, id, item, ctx.user().user_id, ctx.clock().now() });
        for (size_t i = 0; i < p.lines.size(); ++i)
            tx.exec("INSERT INTO hostel_decision_lines (institution_id, decision_id, application_id, rank, outcome, deviation_reason) VALUES (?, ?, ?, ?, ?, ?)",
                { inst, decision, p.lines[i].id, p.lines[i].position, std::string(rules::outcome_code(p.lines[i].outcome)), reasons[i] });
        modules::audit_change(ctx, tx, "hostel_decision.propose", "hostel_decision", decision, nullptr,
            object { { "campaign_id", id }, { "agenda_item_id", item }, { "grant", grants }, { "paid", paid }, { "deviations", int64_t(deviations.size()) } });
        return Response::created(decision_json(tx, ctx, decision));
    });
}

Result<Response> get_decision(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> { return Response::ok(decision_json(tx, ctx, id)); });
}

object decision_facts(const Meeting& m) { return object { { "body", m.body }, { "held_on", m.held_on }, { "protocol", m.number } }; }

Status adopt_allocation(db::Tx& tx, const Context& ctx, int64_t id, const store::Campaign& c, const Meeting& m, const std::string& today)
{
    int64_t inst = ctx.institution_id();
    array students;
    for (auto& l : tx.query("SELECT l.application_id, l.outcome, l.deviation_reason, a.student_id, a.priority_group, a.grade, a.status FROM hostel_decision_lines l "
                            "JOIN hostel_applications a ON a.institution_id = l.institution_id AND a.id = l.application_id WHERE l.institution_id = ? AND l.decision_id = ? "
                            "ORDER BY l.rank",
             { inst, id })) {
        if (l.str(6) != "registered")   // withdrawn since the proposal
            continue;
        auto outcome = l.str(1);
        std::string status = outcome == "grant" ? "allocated_grant" : outcome == "paid" ? "allocated_paid" : outcome;
        tx.exec("UPDATE hostel_applications SET status = ?, status_reason = ? WHERE institution_id = ? AND id = ?", { status, l.str(2), inst, l.i64(0) });
        notices::outcome(tx, ctx.clock(), inst, l.i64(0), outcome);
        object s { { "person_id", l.i64(3) }, { "name", people::name_of(tx, inst, l.i64(3)) }, { "priority_group", l.i64(4) }, { "grade", l.i64(5) }, { "line", outcome } };
        if (!l.str(2).empty())
            s["deviation"] = l.str(2);
        students.push_back(s);
    }
    auto issued = orders::issue(tx, ctx, { orders::Kind::Allocation, std::nullopt, id, today,
                                                 object { { "students", students }, { "grounds", "" }, { "decision", decision_facts(m) }, { "academic_year", c.academic_year } } });
    tx.exec("UPDATE hostel_decisions SET decided_at = ?, order_number = ?, order_date = ?, snapshot = ? WHERE institution_id = ? AND id = ?",
        { ctx.clock().now(), issued.number.empty() ? db::Value() : db::Value(issued.number), today, boost::json::serialize(object { { "students", students }, { "order_id", issued.id } }),
            inst, id });
    return Ok {};
}

Status adopt_bumping(db::Tx& tx, const Context& ctx, int64_t id, const store::Campaign& c, const Meeting& m, const std::string& today)
{
    int64_t inst = ctx.institution_id();
    auto d = tx.query_one("SELECT snapshot FROM hostel_decisions WHERE institution_id = ? AND id = ?", { inst, id });
    auto snap = boost::json::parse(d->str(0)).as_object();
    int64_t resident = snap.at("resident_id").as_int64();
    auto r = tx.query_one("SELECT person_id, priority_group, evicted_on FROM hostel_residents WHERE institution_id = ? AND id = ?", { inst, resident });
    if (!r || !r->is_null(2))
        return Error { ErrorCode::Conflict, "hostel.bumping.resident_gone" };
    // HST-BUMP-1, HST-EV-1: the head's submission to evict for bumping follows the decision.
    auto details = snap.contains("reason") ? std::string(snap.at("reason").as_string()) : std::string();
    int64_t eviction = TRY(detail::submit_eviction(tx, ctx, resident, "bumping", details));
    array students { object { { "person_id", r->i64(0) }, { "name", people::name_of(tx, inst, r->i64(0)) }, { "priority_group", r->i64(1) }, { "line", "vacate" } } };
    auto issued = orders::issue(tx, ctx, { orders::Kind::Bumping, r->i64(0), id, today,
                                                 object { { "students", students }, { "grounds", details }, { "decision", decision_facts(m) }, { "academic_year", c.academic_year } } });
    snap["eviction_id"] = eviction;
    snap["order_id"] = issued.id;
    tx.exec("UPDATE hostel_decisions SET decided_at = ?, order_number = ?, order_date = ?, snapshot = ? WHERE institution_id = ? AND id = ?",
        { ctx.clock().now(), issued.number.empty() ? db::Value() : db::Value(issued.number), today, boost::json::serialize(snap), inst, id });
    return Ok {};
}

// POST /api/v1/hostel/decisions/{id}/adopt: records the decision once its agenda item was adopted
// by the commission's session (MTG-4: quorum and majority held at the vote), then the order.
Result<Response> adopt(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    TRY(in.finish());
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = ctx.institution_id();
        auto d = tx.query_one("SELECT campaign_id, kind, agenda_item_id, decided_at FROM hostel_decisions WHERE institution_id = ? AND id = ?", { inst, id });
        if (!d)
            return Error::not_found();
        if (!d->is_null(3))
            return Error { ErrorCode::Conflict, "hostel.decision.decided" };
        auto c = store::load_campaign(tx, inst, d->i64(0));
        if (d->is_null(2) || bodies::adopting_body(tx, inst, d->i64(2), "hostel_allocation") != std::optional<int64_t>(c->commission_body_id))
            return Error::rule_refusal("MTG-4", "rule.hostel.decision.not_adopted");
        auto m = meeting_of_item(tx, ctx, d->i64(2));
        auto today = modules::today(ctx);
        if (d->str(1) == "allocation")
            TRY(adopt_allocation(tx, ctx, id, *c, *m, today));
        else
            TRY(adopt_bumping(tx, ctx, id, *c, *m, today));
        modules::audit_change(ctx, tx, "hostel_decision.adopt", "hostel_decision", id, nullptr, object { { "kind", d->str(1) }, { "agenda_item_id", d->i64(2) } });
        return Response::ok(decision_json(tx, ctx, id));
    });
}

// HST-RES-1: the reserve list (appendix 7) in the adopted order.
std::vector<db::Row> reserve_rows(db::Tx& tx, int64_t inst, int64_t campaign)
{
    return tx.query("SELECT a.id, l.rank, a.student_id, a.priority_group, a.subgroups, a.grade, a.registered_at, a.status, a.number, a.gender FROM hostel_applications a "
                    "JOIN hostel_decision_lines l ON l.institution_id = a.institution_id AND l.application_id = a.id "
                    "JOIN hostel_decisions d ON d.institution_id = l.institution_id AND d.id = l.decision_id AND d.kind = 'allocation' AND d.decided_at IS NOT NULL "
                    "WHERE a.institution_id = ? AND a.campaign_id = ? AND a.status IN ('reserve', 'offered') ORDER BY l.rank, a.id",
        { inst, campaign });
}

Result<Response> reserve(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = ctx.institution_id();
        if (!store::load_campaign(tx, inst, id))
            return Error::not_found();
        store::sweep_offers(tx, ctx);
        array items;
        int64_t position = 0;
        for (auto& r : reserve_rows(tx, inst, id)) {
            auto a = store::load_application(tx, inst, r.i64(0));
            auto line = store::journal_line(tx, inst, *a);
            line["position"] = ++position;
            line["rank"] = r.i64(1);
            auto offer = store::open_offer_json(tx, inst, a->id);
            line["offer"] = offer && a->status == "offered" ? boost::json::value(*offer) : boost::json::value(nullptr);
            items.push_back(line);
        }
        return Response::ok(object { { "items", items } });
    });
}

Result<Response> reserve_pdf(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto lang = TRY(modules::document_lang(ctx));
    auto& cat = ctx.services.catalog;
    auto bytes = TRY(ctx.db().read([&](db::Tx& tx) -> Result<std::string> {
        int64_t inst = ctx.institution_id();
        auto c = store::load_campaign(tx, inst, id);
        if (!c)
            return Error::not_found();
        docs::PdfWriter pdf;
        pdf.number_pages();
        auto name = tx.query_one("SELECT name FROM institutions WHERE id = ?", { inst });
        pdf.small(name ? name->str(0) : "");
        pdf.small(cat.format(lang, "hostel.allocation.appendix_7"));
        pdf.title(cat.format(lang, "hostel.allocation.reserve_title", { { "year", c->academic_year } }));
        std::vector<std::vector<std::string>> rows { { "№", cat.format(lang, "hostel.application.student"), cat.format(lang, "hostel.application.grade"),
            cat.format(lang, "hostel.application.group"), cat.format(lang, "hostel.application.subgroups"), cat.format(lang, "hostel.application.registered_at") } };
        int position = 0;
        for (auto& r : reserve_rows(tx, inst, id)) {
            std::string subs;
            for (auto s : rules::parse_subgroups(r.str(4)))
                subs += (subs.empty() ? "" : ", ") + cat.format(lang, "hostel.application.subgroup." + std::string(rules::subgroup_code(s)));
            rows.push_back({ std::to_string(++position), people::name_of(tx, inst, r.i64(2)), std::to_string(r.i64(5)), std::to_string(r.i64(3)), subs.empty() ? "—" : subs,
                i18n::long_date_time_seconds(lang, r.i64(6)) });
        }
        pdf.table(rows, { 0.07, 0.3, 0.08, 0.08, 0.27, 0.2 });
        return pdf.finish();
    }));
    return modules::pdf_response(std::move(bytes), "hostel-reserve", lang);
}

// HST-RES-1: the representative answers an offer before its deadline.
Result<Response> answer_offer(Context& ctx, bool accept)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    TRY(in.finish());
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = ctx.institution_id();
        store::sweep_offers(tx, ctx);
        auto o = tx.query_one("SELECT o.application_id, o.state, o.place_id, a.campaign_id, a.gender FROM hostel_offers o JOIN hostel_applications a ON a.institution_id = o.institution_id "
                              "AND a.id = o.application_id WHERE o.institution_id = ? AND o.id = ?",
            { inst, id });
        if (!o)
            return Error::not_found();
        if (o->str(1) != "open")
            return Error::rule_refusal("HST-RES-1", o->str(1) == "expired" ? "rule.hostel.offer.expired" : "rule.hostel.offer.answered");
        int64_t app = o->i64(0);
        tx.exec("UPDATE hostel_offers SET state = ?, answered_by = ?, answered_at = ? WHERE institution_id = ? AND id = ?",
            { accept ? "accepted" : "declined", ctx.user().user_id, ctx.clock().now(), inst, id });
        // Accepted: allocated a (grant) place, ready for settlement; declined: off the list.
        tx.exec("UPDATE hostel_applications SET status = ?, status_reason = ? WHERE institution_id = ? AND id = ?",
            { accept ? "allocated_grant" : "declined", accept ? "reserve_offer" : "offer_declined", inst, app });
        modules::audit_change(ctx, tx, accept ? "hostel_offer.accept" : "hostel_offer.decline", "hostel_offer", id, object { { "state", "open" } },
            object { { "state", accept ? "accepted" : "declined" }, { "application_id", app } });
        if (!accept && !o->is_null(2))
            store::offer_next(tx, ctx, o->i64(3), o->i64(2), o->str(4));
        return Response::ok(store::application_json(tx, inst, *store::load_application(tx, inst, app)));
    });
}

Result<Response> accept_offer(Context& ctx) { return answer_offer(ctx, true); }
Result<Response> decline_offer(Context& ctx) { return answer_offer(ctx, false); }

// HST-BUMP-1: whether the applicant may have a resident vacate: groups 1-3 only, and only when
// no place of their gender is free.
Status bumping_refusal(db::Tx& tx, int64_t inst, const store::Application& a)
{
    if (!rules::may_bump(int(a.priority_group)))
        return Error::rule_refusal("HST-BUMP-1", "rule.hostel.bumping.group", { { "group", a.priority_group } });
    auto free = tx.query_one("SELECT count(*) FROM hostel_places p JOIN hostel_rooms r ON r.institution_id = p.institution_id AND r.id = p.room_id "
                             "WHERE p.institution_id = ? AND r.gender = ? AND p.out_of_use = 0 AND NOT EXISTS (SELECT 1 FROM hostel_residents x WHERE x.institution_id = p.institution_id "
                             "AND x.place_id = p.id AND x.evicted_on IS NULL) AND NOT EXISTS (SELECT 1 FROM hostel_offers o WHERE o.institution_id = p.institution_id "
                             "AND o.place_id = p.id AND o.state = 'open')",
        { inst, a.gender });
    if (free->i64(0) > 0)
        return Error::rule_refusal("HST-BUMP-1", "rule.hostel.bumping.place_free", { { "free", free->i64(0) } });
    return Ok {};
}

// The appendix 4 list: residents of groups 4-5 of the applicant's gender with their families'
// social status (their application's subgroups), the weakest claim first.
array bumping_list(db::Tx& tx, int64_t inst, const std::string& gender)
{
    std::vector<rules::Applicant> residents;
    std::map<int64_t, db::Row> rows;
    for (auto& r : tx.query("SELECT x.id, x.person_id, x.priority_group, coalesce(a.subgroups, ''), coalesce(a.grade, 0), coalesce(a.registered_at, x.recorded_at), "
                            "rm.number, p.label, x.basis FROM hostel_residents x JOIN hostel_places p ON p.institution_id = x.institution_id AND p.id = x.place_id "
                            "JOIN hostel_rooms rm ON rm.institution_id = p.institution_id AND rm.id = p.room_id LEFT JOIN hostel_applications a ON a.institution_id = x.institution_id "
                            "AND a.id = x.application_id WHERE x.institution_id = ? AND x.evicted_on IS NULL AND x.priority_group IN (4, 5) AND rm.gender = ?",
             { inst, gender })) {
        residents.push_back({ r.i64(0), int(r.i64(2)), rules::parse_subgroups(r.str(3)), int(r.i64(4)), r.i64(5), false });
        rows.emplace(r.i64(0), r);
    }
    array out;
    for (auto& s : rules::bumping_order(residents)) {
        auto& r = rows.at(s.id);
        array subs;
        for (auto sg : rules::parse_subgroups(r.str(3)))
            subs.push_back(boost::json::value(std::string(rules::subgroup_code(sg))));
        out.push_back(object { { "position", s.position }, { "resident_id", s.id }, { "person_id", r.i64(1) }, { "name", people::name_of(tx, inst, r.i64(1)) },
            { "priority_group", r.i64(2) }, { "subgroups", subs }, { "room", r.str(6) }, { "place", r.str(7) }, { "basis", r.str(8) } });
    }
    return out;
}

Result<Response> get_bumping(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto a = store::load_application(tx, ctx.institution_id(), id);
        if (!a)
            return Error::not_found();
        TRY(bumping_refusal(tx, ctx.institution_id(), *a));
        return Response::ok(object { { "application_id", id }, { "items", bumping_list(tx, ctx.institution_id(), a->gender) } });
    });
}

// The appendix 4 list as PDF, for the commission's session.
Result<Response> bumping_pdf(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto lang = TRY(modules::document_lang(ctx));
    auto& cat = ctx.services.catalog;
    auto bytes = TRY(ctx.db().read([&](db::Tx& tx) -> Result<std::string> {
        int64_t inst = ctx.institution_id();
        auto a = store::load_application(tx, inst, id);
        if (!a)
            return Error::not_found();
        TRY(bumping_refusal(tx, inst, *a));
        docs::PdfWriter pdf;
        pdf.number_pages();
        auto name = tx.query_one("SELECT name FROM institutions WHERE id = ?", { inst });
        pdf.small(name ? name->str(0) : "");
        pdf.small(cat.format(lang, "hostel.bumping.appendix_4"));
        pdf.title(cat.format(lang, "hostel.bumping.list_title", { { "number", a->number }, { "name", people::name_of(tx, inst, a->student_id) } }));
        std::vector<std::vector<std::string>> rows { { "№", cat.format(lang, "hostel.application.student"), cat.format(lang, "hostel.application.group"),
            cat.format(lang, "hostel.application.subgroups"), cat.format(lang, "hostel.bumping.room") } };
        for (auto& v : bumping_list(tx, inst, a->gender)) {
            auto& r = v.as_object();
            std::string subs;
            for (auto& sg : r.at("subgroups").as_array())
                subs += (subs.empty() ? "" : ", ") + cat.format(lang, "hostel.application.subgroup." + std::string(sg.as_string()));
            rows.push_back({ std::to_string(r.at("position").as_int64()), std::string(r.at("name").as_string()), std::to_string(r.at("priority_group").as_int64()),
                subs.empty() ? cat.format(lang, "hostel.application.subgroup.other") : subs,
                std::string(r.at("room").as_string()) + "/" + std::string(r.at("place").as_string()) });
        }
        pdf.table(rows, { 0.08, 0.34, 0.1, 0.33, 0.15 });
        return pdf.finish();
    }));
    return modules::pdf_response(std::move(bytes), "hostel-bumping", lang);
}

// The commission's proposal that one resident of groups 4-5 vacate for this applicant, put on its
// session's agenda; the eviction is submitted once the item is adopted.
Result<Response> propose_bumping(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto meeting = in.integer("meeting_id", Presence::Required, 1, INT64_MAX);
    auto resident = in.integer("resident_id", Presence::Required, 1, INT64_MAX);
    auto reason = in.text("reason", Presence::Required, 2000, Lines::Multi, 3);
    TRY(in.finish());
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = ctx.institution_id();
        auto a = store::load_application(tx, inst, id);
        if (!a)
            return Error::not_found();
        TRY(bumping_refusal(tx, inst, *a));
        auto r = tx.query_one("SELECT x.priority_group, x.evicted_on, rm.gender FROM hostel_residents x JOIN hostel_places p ON p.institution_id = x.institution_id AND p.id = x.place_id "
                              "JOIN hostel_rooms rm ON rm.institution_id = p.institution_id AND rm.id = p.room_id WHERE x.institution_id = ? AND x.id = ?",
            { inst, *resident });
        if (!r || !r->is_null(1))
            return Error::field("resident_id", "not_found");
        if (!rules::may_be_bumped(int(r->i64(0))) || r->str(2) != a->gender)
            return Error::rule_refusal("HST-BUMP-1", "rule.hostel.bumping.resident_group", {}, "resident_id");
        auto c = store::load_campaign(tx, inst, a->campaign_id);
        auto& cat = ctx.services.catalog;
        int64_t item = TRY(bodies::put_on_agenda(tx, ctx.clock(), ctx.user().actor(), inst,
            { *meeting, c->commission_body_id, "hostel_allocation", cat.format(ctx.lang, "hostel.bumping.item_title", { { "number", a->number } }), *reason, {} }));
        int64_t decision = tx.next_id();
        tx.exec("INSERT INTO hostel_decisions (institution_id, id, campaign_id, kind, agenda_item_id, snapshot, created_by, created_at) VALUES (?, ?, ?, 'bumping', ?, ?, ?, ?)",
            { inst, decision, c->id, item, boost::json::serialize(object { { "application_id", id }, { "resident_id", *resident }, { "reason", *reason } }), ctx.user().user_id,
                ctx.clock().now() });
        modules::audit_change(ctx, tx, "hostel_decision.propose", "hostel_decision", decision, nullptr,
            object { { "kind", "bumping" }, { "application_id", id }, { "resident_id", *resident }, { "agenda_item_id", item } });
        return Response::created(decision_json(tx, ctx, decision));
    });
}

}

std::optional<int64_t> detail::place_freed(db::Tx& tx, const http::Context& ctx, int64_t place_id)
{
    int64_t inst = ctx.institution_id();
    store::sweep_offers(tx, ctx);
    auto p = tx.query_one("SELECT r.gender, p.out_of_use FROM hostel_places p JOIN hostel_rooms r ON r.institution_id = p.institution_id AND r.id = p.room_id "
                          "WHERE p.institution_id = ? AND p.id = ?",
        { inst, place_id });
    if (!p || p->flag(1))
        return std::nullopt;
    if (tx.query_one("SELECT 1 FROM hostel_residents WHERE institution_id = ? AND place_id = ? AND evicted_on IS NULL", { inst, place_id }))
        return std::nullopt;
    if (tx.query_one("SELECT 1 FROM hostel_offers WHERE institution_id = ? AND place_id = ? AND state = 'open'", { inst, place_id }))
        return std::nullopt;
    // The reserve of the latest campaign the commission has decided.
    auto c = tx.query_one("SELECT c.id FROM hostel_campaigns c WHERE c.institution_id = ? AND EXISTS (SELECT 1 FROM hostel_decisions d WHERE d.institution_id = c.institution_id "
                          "AND d.campaign_id = c.id AND d.kind = 'allocation' AND d.decided_at IS NOT NULL) ORDER BY c.academic_year DESC LIMIT 1",
        { inst });
    if (!c)
        return std::nullopt;
    return store::offer_next(tx, ctx, c->i64(0), place_id, p->str(0));
}

void detail::register_allocation_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/hostel/campaigns/{id}/ranking", perm::Self, policy::read_campaign, Body::None, ranking);
    r.router.add("POST", "/api/v1/hostel/campaigns/{id}/allocation", perm::Self, policy::decide_in_campaign, Body::Json, propose_allocation);
    r.router.add("GET", "/api/v1/hostel/campaigns/{id}/reserve", perm::Self, policy::read_campaign, Body::None, reserve);
    r.router.add("GET", "/api/v1/hostel/campaigns/{id}/reserve.pdf", perm::Self, policy::read_campaign, Body::None, reserve_pdf);
    r.router.add("GET", "/api/v1/hostel/decisions/{id}", perm::Self, policy::read_decision, Body::None, get_decision);
    r.router.add("POST", "/api/v1/hostel/decisions/{id}/adopt", perm::Self, policy::adopt_decision, Body::Json, adopt);
    r.router.add("POST", "/api/v1/hostel/offers/{id}/accept", perm::Self, policy::answer_offer, Body::Json, accept_offer);
    r.router.add("POST", "/api/v1/hostel/offers/{id}/decline", perm::Self, policy::answer_offer, Body::Json, decline_offer);
    r.router.add("GET", "/api/v1/hostel/applications/{id}/bumping", perm::Self, policy::consider_bumping, Body::None, get_bumping);
    r.router.add("GET", "/api/v1/hostel/applications/{id}/bumping.pdf", perm::Self, policy::consider_bumping, Body::None, bumping_pdf);
    r.router.add("POST", "/api/v1/hostel/applications/{id}/bumping", perm::Self, policy::propose_bumping, Body::Json, propose_bumping);
}

}
