// The violation register (HST-VIOL-1, appendix 9) and the 3-strike measure (HST-VIOL-2): the
// 1st and 2nd violation of an academic year draw a reprimand, the 3rd eviction without the right
// to re-settle, each by the principal's order. The student signs that they were made familiar
// with the entry (or the head records the paper signature), the representatives are notified,
// the student or a representative writes the explanation.
#include "core/json_fields.hpp"
#include "modules/hostel/interfaces.hpp"
#include "modules/hostel/orders.hpp"
#include "modules/hostel/policy.hpp"
#include "modules/hostel/residence_api.hpp"
#include "modules/hostel/residence_notices.hpp"
#include "modules/hostel/residence_rules.hpp"
#include "modules/hostel/residence_store.hpp"
#include "modules/hostel/routes.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"

namespace kenes::hostel {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

Result<Response> record_violation(Context& ctx)
{
    int64_t resident = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto on = in.date("occurred_on", Presence::Required);
    auto description = in.text("description", Presence::Required, 4000, Lines::Multi, 3);
    auto nature = in.text("nature", Presence::Required, 1000, Lines::Multi, 1);
    auto severity = in.one_of("severity", Presence::Required, { "minor", "serious", "grave" });
    auto circumstances = in.text("circumstances", Presence::Optional, 2000, Lines::Multi);
    auto behaviour = in.text("behaviour", Presence::Optional, 2000, Lines::Multi);
    if (on && on->iso() > modules::today(ctx))
        in.add_error("occurred_on", "in_future");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    int64_t id = TRY(ctx.db().write([&](db::Tx& tx) -> Result<int64_t> {
        auto r = tx.query_one("SELECT person_id, evicted_on, settled_on FROM hostel_residents WHERE institution_id = ? AND id = ?", { inst, resident });
        if (!r)
            return Error::not_found();
        if (!r->is_null(1))
            return Error { ErrorCode::Conflict, "hostel.resident.closed" };
        if (on->iso() < r->str(2))
            return Error::field("occurred_on", "before_from");
        int64_t person = r->i64(0);
        // HST-VIOL-2: the earlier violations of the student (any residence line) count within the year.
        std::vector<CivilDate> earlier;
        for (auto& v : tx.query("SELECT occurred_at FROM hostel_violations WHERE institution_id = ? AND person_id = ?", { inst, person }))
            earlier.push_back(almaty::local_date(v.i64(0)));
        int ordinal = residence::violation_ordinal(earlier, *on);
        auto measure = residence::measure_for(ordinal);
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO hostel_violations (institution_id, id, resident_id, person_id, academic_year, occurred_at, description, nature, severity, circumstances, "
                "behaviour, ordinal, measure, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, id, resident, person, academic_year_of(*on), residence::almaty_day_start(*on), *description, *nature, *severity, circumstances.value_or(""),
                behaviour.value_or(""), int64_t(ordinal), residence::measure_name(measure), db::nullable(ctx.user().person_id), ctx.clock().now() });
        modules::audit_change(ctx, tx, "hostel_violation.record", "hostel_violation", id, nullptr,
            object { { "resident_id", resident }, { "ordinal", ordinal }, { "measure", residence::measure_name(measure) }, { "severity", *severity } });
        // HST-VIOL-1: reported to the representatives; the register keeps the date.
        if (notices::violation(tx, ctx.clock(), inst, id) > 0)
            tx.exec("UPDATE hostel_violations SET representative_notified_at = ? WHERE institution_id = ? AND id = ?", { ctx.clock().now(), inst, id });
        // HST-VIOL-2: the third violation of the year: the head's submission to evict.
        if (measure == residence::Measure::Eviction) {
            auto open = tx.query_one("SELECT id FROM hostel_evictions WHERE institution_id = ? AND resident_id = ? AND state IN ('submitted', 'ordered')", { inst, resident });
            int64_t eviction = open ? open->i64(0)
                                    : TRY(detail::submit_eviction(tx, ctx, resident, "three_violations", *description));
            tx.exec("UPDATE hostel_violations SET eviction_id = ? WHERE institution_id = ? AND id = ?", { eviction, inst, id });
        }
        return id;
    }));
    return Response::created(*ctx.db().read([&](db::Tx& tx) { return store::violation_by_id(tx, inst, id); }));
}

// The register (appendix 9) for the head, newest first; ?year=, ?person=.
Result<Response> list_violations(Context& ctx)
{
    auto paging = TRY(ctx.paging(100, 500));
    std::string sql = std::string("SELECT ") + store::violation_columns + " FROM hostel_violations WHERE institution_id = ?";
    std::vector<db::Value> params { ctx.institution_id() };
    if (auto y = ctx.query_param("year")) {
        sql += " AND academic_year = ?";
        params.push_back(*y);
    }
    if (auto p = ctx.query_param("person")) {
        if (p->empty() || p->size() > 18 || !std::all_of(p->begin(), p->end(), ::isdigit))
            return Error::field("person", "invalid");
        sql += " AND person_id = ?";
        params.push_back(int64_t(std::stoll(*p)));
    }
    sql += " ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?";
    params.push_back(paging.limit);
    params.push_back(paging.offset);
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        // GEN-3: minors' violations.
        modules::audit_change(ctx, tx, "hostel_violation.list", "institution", ctx.institution_id(), nullptr, nullptr);
        array items;
        for (auto& r : tx.query(sql, params))
            items.push_back(store::violation_json(tx, ctx.institution_id(), r));
        return Response::ok(object { { "items", items }, { "limit", paging.limit }, { "offset", paging.offset } });
    });
}

Result<Response> get_violation(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto v = store::violation_by_id(tx, ctx.institution_id(), id);
        if (!v)
            return Error::not_found();
        modules::audit_change(ctx, tx, "hostel_violation.read", "hostel_violation", id, nullptr, nullptr);
        (*v)["may_sign"] = authz::allows(policy::familiarise_violation, ctx.facts);
        (*v)["may_explain"] = authz::allows(policy::explain_violation, ctx.facts);
        (*v)["may_manage"] = authz::allows(policy::manage_violation, ctx.facts);
        return Response::ok(*v);
    });
}

// The student's familiarisation signature: in the app by the student, or on paper recorded by the head.
Result<Response> familiarise(Context& ctx, bool paper)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Result<bool> {
        auto v = tx.query_one("SELECT familiarised_at FROM hostel_violations WHERE institution_id = ? AND id = ?", { inst, id });
        if (!v)
            return Error::not_found();
        if (!v->is_null(0))
            return Error { ErrorCode::Conflict, "hostel.violation.already_signed" };
        tx.exec("UPDATE hostel_violations SET familiarised_at = ?, familiarised_how = ?, familiarised_by = ? WHERE institution_id = ? AND id = ?",
            { ctx.clock().now(), paper ? "paper" : "app", db::nullable(ctx.user().person_id), inst, id });
        modules::audit_change(ctx, tx, paper ? "hostel_violation.paper_signature" : "hostel_violation.familiarise", "hostel_violation", id, nullptr,
            object { { "how", paper ? "paper" : "app" } });
        return true;
    }));
    return Response::ok(*ctx.db().read([&](db::Tx& tx) { return store::violation_by_id(tx, inst, id); }));
}

// HST-VIOL-1: the written explanation, by the student or a representative, once.
Result<Response> explain(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto text = in.text("text", Presence::Required, 4000, Lines::Multi, 3);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Result<bool> {
        auto v = tx.query_one("SELECT explanation_at FROM hostel_violations WHERE institution_id = ? AND id = ?", { inst, id });
        if (!v)
            return Error::not_found();
        if (!v->is_null(0))
            return Error { ErrorCode::Conflict, "hostel.violation.already_explained" };
        tx.exec("UPDATE hostel_violations SET explanation = ?, explanation_at = ?, explanation_by = ? WHERE institution_id = ? AND id = ?",
            { *text, ctx.clock().now(), db::nullable(ctx.user().person_id), inst, id });
        modules::audit_change(ctx, tx, "hostel_violation.explain", "hostel_violation", id, nullptr, object { { "explanation", *text } });
        return true;
    }));
    return Response::ok(*ctx.db().read([&](db::Tx& tx) { return store::violation_by_id(tx, inst, id); }));
}

// HST-VIOL-2: the reprimand by the principal's order (the eviction's order is the eviction's).
Result<Response> order_reprimand(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto [issued_on, number] = TRY(detail::read_order_fields(ctx));
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Result<bool> {
        auto v = tx.query_one("SELECT measure, order_number, person_id, description, nature, severity, circumstances, behaviour, academic_year, occurred_at "
                              "FROM hostel_violations WHERE institution_id = ? AND id = ?",
            { inst, id });
        if (!v)
            return Error::not_found();
        if (v->str(0) != "reprimand")
            return Error::rule_refusal("HST-VIOL-2", "hostel.violation.order_is_eviction");
        if (!v->is_null(1))
            return Error { ErrorCode::Conflict, "hostel.violation.already_ordered" };
        if (issued_on.iso() < almaty::local_date(v->i64(9)).iso())
            return Error::field("issued_on", "before_from");
        auto grounds = v->str(3) + " (" + v->str(4) + "; " + v->str(5) + (v->str(6).empty() ? "" : "; " + v->str(6)) + (v->str(7).empty() ? "" : "; " + v->str(7)) + ")";
        auto order = TRY(detail::order_for(tx, ctx, number,
            { orders::Kind::Reprimand, v->i64(2), std::nullopt, issued_on.iso(),
                object { { "academic_year", v->str(8) }, { "grounds", grounds },
                    { "students", array { object { { "person_id", v->i64(2) }, { "name", people::name_of(tx, inst, v->i64(2)) }, { "line", "reprimand" } } } } } },
            "order_number"));
        tx.exec("UPDATE hostel_violations SET order_number = ?, order_date = ?, order_id = ? WHERE institution_id = ? AND id = ?",
            { order.second, issued_on.iso(), db::nullable(order.first), inst, id });
        modules::audit_change(ctx, tx, "hostel_violation.order", "hostel_violation", id, nullptr, object { { "order_number", order.second }, { "order_date", issued_on.iso() } });
        if (!order.first)
            notices::reprimand_order(tx, ctx.clock(), inst, id);
        return true;
    }));
    return Response::ok(*ctx.db().read([&](db::Tx& tx) { return store::violation_by_id(tx, inst, id); }));
}

}

void detail::register_violation_routes(Registry& r)
{
    r.router.add("POST", "/api/v1/hostel/residents/{id}/violations", manage_perm, policy::manage_resident, Body::Json, record_violation);
    r.router.add("GET", "/api/v1/hostel/violations", manage_perm, policy::read_register, Body::None, list_violations);
    r.router.add("GET", "/api/v1/hostel/violations/{id}", read_perm, policy::read_violation, Body::None, get_violation);
    r.router.add("POST", "/api/v1/hostel/violations/{id}/familiarise", read_perm, policy::familiarise_violation, Body::Json,
        [](Context& ctx) { return familiarise(ctx, false); });
    r.router.add("POST", "/api/v1/hostel/violations/{id}/paper-signature", manage_perm, policy::manage_violation, Body::Json,
        [](Context& ctx) { return familiarise(ctx, true); });
    r.router.add("POST", "/api/v1/hostel/violations/{id}/explanation", read_perm, policy::explain_violation, Body::Json, explain);
    r.router.add("POST", "/api/v1/hostel/violations/{id}/order", manage_perm, policy::manage_violation, Body::Json, order_reprimand);
    detail::register_eviction_routes(r);
}

}
