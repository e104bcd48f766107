// The decision on a case and the principal's order (DISC-PEN-1..4, DISC-VER-1): the committee
// decides by an adopted agenda item (quorum MTG-3 and recusal MTG-6 held at the vote), measures
// before penalties, exclusion only by the Teachers Council's extraordinary session, no penalty on
// a day the student is excused; the order is generated from the decision and signed.
#include "core/json_fields.hpp"
#include "modules/attendance/attendance.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/discipline/case_store.hpp"
#include "modules/discipline/catalogue.hpp"
#include "modules/discipline/notices.hpp"
#include "modules/discipline/orders.hpp"
#include "modules/discipline/policy.hpp"
#include "modules/discipline/routes.hpp"
#include "modules/module_support.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace kenes::discipline {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

// Measures applied to the student by earlier decisions (DISC-PEN-1: measures first).
int64_t measures_before(db::Tx& tx, int64_t inst, int64_t student, int64_t this_case)
{
    int64_t n = 0;
    for (auto& r : tx.query("SELECT d.measures FROM case_decisions d JOIN discipline_cases c ON c.institution_id = d.institution_id AND c.id = d.case_id "
                            "WHERE d.institution_id = ? AND c.student_id = ? AND c.id <> ?",
             { inst, student, this_case }))
        n += int64_t(boost::json::parse(r.str(0)).as_array().size());
    return n;
}

Result<Response> decide(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto measures = in.string_list("measures", Presence::Required, {});
    std::optional<std::string> penalty;
    if (in.has("penalty") && !in.is_null("penalty"))
        penalty = in.one_of("penalty", Presence::Required, { "public_apology", "warning", "reprimand", "severe_reprimand", "exclusion" });
    else
        in.text("penalty", Presence::Optional, 1);
    auto reasons = in.text("reasons", Presence::Optional, 4000, Lines::Multi);
    auto council_item = in.integer("council_item_id", Presence::Optional, 1, INT64_MAX);
    auto applies_on = in.date("applies_on", Presence::Optional);
    if (measures)
        for (auto& m : *measures)
            if (!is_educational_measure(m))
                in.add_error("measures", "invalid");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto c = store::load_case(tx, inst, id);
        if (!c)
            return Error::not_found();
        if (c->status != "open")
            return Error { ErrorCode::Conflict, "discipline.case_decided" };
        // DISC-CMT-1, MTG-3, MTG-6: the committee decides by an agenda item its session adopted;
        // quorum and the recusal of the interested held at that vote.
        if (!c->agenda_item_id || bodies::item_outcome(tx, inst, *c->agenda_item_id) != "adopted")
            return Error::rule_refusal("DISC-CMT-1", "rule.discipline.not_adopted");
        auto today = modules::today(ctx);
        std::string day = applies_on ? applies_on->iso() : today;
        DecisionFacts facts;
        facts.penalty = penalty ? parse_penalty(*penalty) : std::nullopt;
        facts.measures_in_decision = int64_t(measures->size());
        facts.measures_before = measures_before(tx, inst, c->student_id, c->id);
        facts.reasons_given = reasons && !reasons->empty();
        facts.teachers_council_extraordinary = council_item && bodies::adopted_at_extraordinary(tx, inst, *council_item, "teachers_council");
        if (facts.penalty)
            facts.excused_reason = attendance::excused_reason_on(tx, inst, c->student_id, day);
        // DISC-VER-1: each kind as in force when consideration began, softer changes since applying.
        array tiers;
        bool any_in_force = false;
        for (auto& code : store::case_kind_codes(tx, inst, c->id)) {
            auto t = applicable_tier(kind_versions(tx, inst, code), c->opened_on, today);
            any_in_force = any_in_force || t.tier.has_value();
            tiers.push_back(object { { "kind_code", code }, { "tier", t.tier ? boost::json::value(tier_name(*t.tier)) : boost::json::value() },
                { "version_from", t.version_from }, { "softened_retroactively", t.softened_retroactively } });
        }
        if (facts.penalty && !tiers.empty() && !any_in_force)
            return Error::rule_refusal("DISC-VER-1", "rule.discipline.kind_removed", {}, "penalty");
        if (auto refusal = decision_refusal(facts)) {
            object params;
            if (facts.excused_reason)
                params["reason"] = ctx.services.catalog.format(ctx.lang, "attendance.reason." + *facts.excused_reason);
            auto field = refusal->rule == "DISC-PEN-2" ? "applies_on" : refusal->rule == "DISC-PEN-3" ? "council_item_id" : refusal->key.ends_with("reasons_needed") ? "reasons" : "measures";
            return Error::rule_refusal(refusal->rule, refusal->key, params, field);
        }
        array ms;
        for (auto& m : *measures)
            ms.push_back(boost::json::value(m));
        tx.exec("INSERT INTO case_decisions (institution_id, case_id, agenda_item_id, decided_on, measures, penalty, reasons, tiers, recorded_by, recorded_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, c->id, *c->agenda_item_id, day, boost::json::serialize(ms), penalty ? db::Value(*penalty) : db::Value(), reasons.value_or(""),
                boost::json::serialize(tiers), ctx.user().user_id, ctx.clock().now() });
        // The decision ends non-disclosure (DISC-CASE-5: "until the decision").
        tx.exec("UPDATE discipline_cases SET status = 'decided' WHERE institution_id = ? AND id = ?", { inst, c->id });
        modules::audit_change(ctx, tx, "discipline_case.decide", "discipline_case", c->id, nullptr,
            object { { "measures", ms }, { "penalty", penalty ? boost::json::value(*penalty) : boost::json::value() }, { "tiers", tiers } });
        notices::decided(tx, ctx.clock(), inst, c->id);
        return Response::ok(store::case_json(tx, inst, *store::load_case(tx, inst, c->id), ctx.clock().now()));
    });
}

// DISC-PEN-4: the principal's order from the decision: the penalty enters the register on the
// order's date (DISC-PEN-6 counts from it).
Result<Response> issue_order(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto issued = in.date("issued_on", Presence::Optional);
    auto grounds = in.text("grounds", Presence::Optional, 4000, Lines::Multi);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto c = store::load_case(tx, inst, id);
        if (!c)
            return Error::not_found();
        auto d = tx.query_one("SELECT penalty, reasons, agenda_item_id, measures FROM case_decisions WHERE institution_id = ? AND case_id = ?", { inst, id });
        if (!d || d->is_null(0))
            return Error::rule_refusal("DISC-PEN-4", "rule.discipline.no_penalty_decided");
        if (tx.query_one("SELECT 1 FROM discipline_orders WHERE institution_id = ? AND case_id = ? AND kind = 'penalty'", { inst, id }))
            return Error { ErrorCode::Conflict, "discipline.order_exists" };
        auto today = modules::today(ctx);
        std::string on = issued ? issued->iso() : today;
        if (on > today)
            return Error::field("issued_on", "in_future");
        // DISC-PEN-2: not applied on a day the student is ill or absent for a valid reason.
        if (auto reason = attendance::excused_reason_on(tx, inst, c->student_id, on))
            return Error::rule_refusal("DISC-PEN-2", "rule.discipline.student_excused",
                { { "reason", ctx.services.catalog.format(ctx.lang, "attendance.reason." + *reason) } }, "issued_on");
        auto meeting = tx.query_one("SELECT m.held_on, m.number, m.body_id, b.name, b.name_key FROM agenda_items i JOIN meetings m ON m.institution_id = i.institution_id "
                                    "AND m.id = i.meeting_id JOIN bodies b ON b.institution_id = m.institution_id AND b.id = m.body_id WHERE i.institution_id = ? AND i.id = ?",
            { inst, d->i64(2) });
        object decision;
        if (meeting)
            decision = { { "held_on", meeting->str(0) }, { "protocol", meeting->i64(1) },
                { "body", bodies::display_name(ctx.services.catalog, ctx.lang, meeting->str(3), meeting->opt_str(4)) } };
        array evidence;
        for (auto& e : tx.query("SELECT e.kind, e.description, coalesce(f.sha256, '') FROM case_evidence e LEFT JOIN discipline_files f ON f.institution_id = e.institution_id "
                                "AND f.id = e.file_id WHERE e.institution_id = ? AND e.case_id = ? AND e.withdrawn_at IS NULL ORDER BY e.added_at, e.id",
                 { inst, id }))
            evidence.push_back(object { { "kind", e.str(0) }, { "description", e.str(1) }, { "sha256", e.str(2) } });
        std::string penalty = d->str(0);
        std::string ground_text = grounds && !grounds->empty() ? *grounds : d->str(1);
        int64_t penalty_id = tx.next_id();
        int64_t order_id = orders::issue(tx, ctx, "penalty", c->id, penalty_id, c->student_id, on,
            object { { "penalty", penalty }, { "grounds", ground_text }, { "decision", decision }, { "evidence", evidence }, { "case", c->label() } });
        auto number = tx.query_one("SELECT seq, academic_year FROM discipline_orders WHERE institution_id = ? AND id = ?", { inst, order_id });
        tx.exec("INSERT INTO penalties (institution_id, id, person_id, order_number, imposed_on, reason, created_at, measure, case_id, order_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, penalty_id, c->student_id, std::to_string(number->i64(0)) + "/" + number->str(1), on, ground_text, ctx.clock().now(), penalty, c->id, order_id });
        modules::audit_change(ctx, tx, "penalty.impose", "penalty", penalty_id, nullptr,
            object { { "person_id", c->student_id }, { "measure", penalty }, { "order_id", order_id }, { "imposed_on", on } });
        return Response::created(orders::order_json(tx, inst, order_id));
    });
}

}

void detail::register_decision_routes(Registry& r)
{
    r.router.add("POST", "/api/v1/discipline/cases/{id}/decision", perm::Self, policy::decide_case, Body::Json, decide);
    r.router.add("POST", "/api/v1/discipline/cases/{id}/order", manage_perm, policy::issue_order, Body::Json, issue_order);
    orders::register_routes(r);
}

}
