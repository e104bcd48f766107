// Eviction (HST-EV-1, HST-EV-2): the head's submission for one of the regulation's reasons, the
// bypass sheet completed before the principal's order, the order with the day to vacate by (three
// days), vacating with a representative; the register line closes and the place goes to the
// reserve list (HST-RES-1). Evicted persons may not enter; re-settlement per HST-EV-2.
#include "core/json_fields.hpp"
#include "modules/hostel/interfaces.hpp"
#include "modules/hostel/policy.hpp"
#include "modules/hostel/residence_api.hpp"
#include "modules/hostel/residence_notices.hpp"
#include "modules/hostel/residence_rules.hpp"
#include "modules/hostel/residence_store.hpp"
#include "modules/hostel/routes.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include "core/text.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace kenes::hostel {

using namespace http;
using boost::json::array;
using boost::json::object;

Result<int64_t> detail::submit_eviction(db::Tx& tx, const Context& ctx, int64_t resident_id, const std::string& reason, const std::string& details)
{
    if (!residence::is_eviction_reason(reason))
        return Error::field("reason", "invalid");
    int64_t inst = ctx.institution_id();
    auto r = tx.query_one("SELECT person_id, evicted_on FROM hostel_residents WHERE institution_id = ? AND id = ?", { inst, resident_id });
    if (!r)
        return Error::not_found();
    if (!r->is_null(1))
        return Error { ErrorCode::Conflict, "hostel.resident.closed" };
    if (tx.query_one("SELECT 1 FROM hostel_evictions WHERE institution_id = ? AND resident_id = ? AND state IN ('submitted', 'ordered')", { inst, resident_id }))
        return Error { ErrorCode::Conflict, "hostel.eviction.already_open" };
    bool next_year = residence::resettlement_after(reason) == residence::Resettlement::NextYear;
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO hostel_evictions (institution_id, id, resident_id, person_id, reason, details, submitted_by, submitted_at, bypass_sheet, resettle_next_year, state) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, 'submitted')",
        { inst, id, resident_id, r->i64(0), reason, details, db::nullable(ctx.user().person_id), ctx.clock().now(), int64_t(next_year) });
    modules::audit_change(ctx, tx, "hostel_eviction.submit", "hostel_eviction", id, nullptr,
        object { { "resident_id", resident_id }, { "reason", reason }, { "resettle_next_year", next_year } });
    notices::eviction_submitted(tx, ctx.clock(), inst, id);
    return id;
}

namespace {

Result<Response> submit(Context& ctx)
{
    int64_t resident = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    std::vector<std::string_view> reasons(residence::eviction_reasons().begin(), residence::eviction_reasons().end());
    auto reason = in.one_of("reason", Presence::Required, reasons);
    auto details = in.text("details", Presence::Required, 4000, Lines::Multi, 3);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    int64_t id = TRY(ctx.db().write([&](db::Tx& tx) { return detail::submit_eviction(tx, ctx, resident, *reason, *details); }));
    return Response::created(*ctx.db().read([&](db::Tx& tx) { return store::eviction_json(tx, inst, id); }));
}

Result<std::string> state_of(db::Tx& tx, int64_t inst, int64_t id)
{
    auto e = tx.query_one("SELECT state FROM hostel_evictions WHERE institution_id = ? AND id = ?", { inst, id });
    if (!e)
        return Error::not_found();
    return e->str(0);
}

// HST-EV-2: the bypass sheet, item by item.
Result<Response> bypass(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    std::vector<std::string_view> items(residence::bypass_items().begin(), residence::bypass_items().end());
    auto item = in.one_of("item", Presence::Required, items);
    auto done = in.boolean("done", Presence::Required);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Result<bool> {
        if (TRY(state_of(tx, inst, id)) != "submitted")
            return Error { ErrorCode::Conflict, "hostel.eviction.not_submitted" };
        auto sheet = boost::json::parse(tx.query_one("SELECT bypass_sheet FROM hostel_evictions WHERE institution_id = ? AND id = ?", { inst, id })->str(0)).as_object();
        auto before = sheet;
        if (*done)
            sheet[*item] = object { { "on", modules::today(ctx) }, { "by", modules::json_or_null(ctx.user().person_id) } };
        else
            sheet.erase(*item);
        tx.exec("UPDATE hostel_evictions SET bypass_sheet = ? WHERE institution_id = ? AND id = ?", { boost::json::serialize(sheet), inst, id });
        modules::audit_change(ctx, tx, "hostel_eviction.bypass", "hostel_eviction", id, before, sheet);
        return true;
    }));
    return Response::ok(*ctx.db().read([&](db::Tx& tx) { return store::eviction_json(tx, inst, id); }));
}

// HST-EV-2: the principal's order, only on a completed bypass sheet; vacate within three days.
Result<Response> order(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto [issued_on, number] = TRY(detail::read_order_fields(ctx));
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Result<bool> {
        if (TRY(state_of(tx, inst, id)) != "submitted")
            return Error { ErrorCode::Conflict, "hostel.eviction.not_submitted" };
        auto e = *store::eviction_json(tx, inst, id);
        if (!e.at("bypass_complete").as_bool())
            return Error::rule_refusal("HST-EV-2", "hostel.eviction.refused_bypass");
        auto vacate_by = residence::add_days(issued_on, residence::vacate_days).iso();
        auto r = tx.query_one("SELECT place_id FROM hostel_residents WHERE institution_id = ? AND id = ?", { inst, e.at("resident_id").as_int64() });
        auto place = store::place(tx, inst, r->i64(0));
        int64_t person = e.at("person_id").as_int64();
        auto o = TRY(detail::order_for(tx, ctx, number,
            { orders::Kind::Eviction, person, std::nullopt, issued_on.iso(),
                object { { "academic_year", academic_year_of(issued_on) }, { "grounds", e.at("details") },
                    { "students", array { object { { "person_id", person }, { "name", e.at("student_name") }, { "line", "evict" }, { "reason", e.at("reason") },
                                      { "vacate_by", vacate_by }, { "room", place ? place->room_number : "" }, { "place", place ? place->label : "" } } } } } },
            "order_number"));
        tx.exec("UPDATE hostel_evictions SET state = 'ordered', order_number = ?, order_date = ?, order_id = ?, vacate_by = ?, ordered_by = ? WHERE institution_id = ? AND id = ?",
            { o.second, issued_on.iso(), db::nullable(o.first), vacate_by, db::nullable(ctx.user().person_id), inst, id });
        // HST-VIOL-2: the third violation's measure is this order.
        tx.exec("UPDATE hostel_violations SET order_number = ?, order_date = ?, order_id = ? WHERE institution_id = ? AND eviction_id = ? AND order_number IS NULL",
            { o.second, issued_on.iso(), db::nullable(o.first), inst, id });
        modules::audit_change(ctx, tx, "hostel_eviction.order", "hostel_eviction", id, object { { "state", "submitted" } },
            object { { "state", "ordered" }, { "order_number", o.second }, { "vacate_by", vacate_by } });
        notices::eviction_ordered(tx, ctx.clock(), inst, id);
        return true;
    }));
    return Response::ok(*ctx.db().read([&](db::Tx& tx) { return store::eviction_json(tx, inst, id); }));
}

// HST-EV-2: the student vacates with a representative; the line closes, the place is freed.
Result<Response> vacated(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto with = in.integer("representative_id", Presence::Required, 1, INT64_MAX);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Result<bool> {
        if (TRY(state_of(tx, inst, id)) != "ordered")
            return Error { ErrorCode::Conflict, "hostel.eviction.not_ordered" };
        auto e = tx.query_one("SELECT resident_id, person_id FROM hostel_evictions WHERE institution_id = ? AND id = ?", { inst, id });
        auto reps = store::representatives(tx, inst, e->i64(1));
        if (std::find(reps.begin(), reps.end(), *with) == reps.end())
            return Error::rule_refusal("HST-EV-2", "hostel.eviction.refused_without_representative", {}, "representative_id");
        auto today = modules::today(ctx);
        auto name = people::name_of(tx, inst, *with);
        tx.exec("UPDATE hostel_evictions SET state = 'vacated', vacated_at = ?, vacated_with = ?, vacated_recorded_by = ? WHERE institution_id = ? AND id = ?",
            { ctx.clock().now(), name, db::nullable(ctx.user().person_id), inst, id });
        auto place = tx.query_one("SELECT place_id FROM hostel_residents WHERE institution_id = ? AND id = ?", { inst, e->i64(0) })->i64(0);
        tx.exec("UPDATE hostel_residents SET evicted_on = ?, eviction_id = ? WHERE institution_id = ? AND id = ?", { today, id, inst, e->i64(0) });
        // A leave still open ends with the residence.
        tx.exec("UPDATE hostel_leaves SET state = 'closed' WHERE institution_id = ? AND resident_id = ? AND state IN ('applied', 'departed')", { inst, e->i64(0) });
        modules::audit_change(ctx, tx, "hostel_eviction.vacated", "hostel_eviction", id, object { { "state", "ordered" } },
            object { { "state", "vacated" }, { "with", name }, { "evicted_on", today } });
        // HST-RES-1: the freed place goes to the next on the reserve list.
        detail::place_freed(tx, ctx, place);
        return true;
    }));
    return Response::ok(*ctx.db().read([&](db::Tx& tx) { return store::eviction_json(tx, inst, id); }));
}

Result<Response> get_eviction(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto e = store::eviction_json(tx, ctx.institution_id(), id);
        if (!e)
            return Error::not_found();
        modules::audit_change(ctx, tx, "hostel_eviction.read", "hostel_eviction", id, nullptr, nullptr);
        (*e)["may_manage"] = authz::allows(policy::manage_eviction, ctx.facts);
        (*e)["may_order"] = authz::allows(policy::order_eviction, ctx.facts);
        return Response::ok(*e);
    });
}

// The head's list: open evictions first (submitted, ordered), then vacated; ?state= narrows.
Result<Response> list_evictions(Context& ctx)
{
    auto paging = TRY(ctx.paging(100, 500));
    auto state = ctx.query_param("state");
    if (state && *state != "submitted" && *state != "ordered" && *state != "vacated")
        return Error::field("state", "invalid");
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        modules::audit_change(ctx, tx, "hostel_eviction.list", "institution", ctx.institution_id(), nullptr, nullptr);
        std::string sql = "SELECT id FROM hostel_evictions WHERE institution_id = ?";
        std::vector<db::Value> params { ctx.institution_id() };
        if (state) {
            sql += " AND state = ?";
            params.push_back(*state);
        }
        sql += " ORDER BY CASE state WHEN 'submitted' THEN 0 WHEN 'ordered' THEN 1 ELSE 2 END, submitted_at DESC, id DESC LIMIT ? OFFSET ?";
        params.push_back(paging.limit);
        params.push_back(paging.offset);
        array items;
        for (auto& r : tx.query(sql, params))
            items.push_back(*store::eviction_json(tx, ctx.institution_id(), r.i64(0)));
        return Response::ok(object { { "items", items }, { "limit", paging.limit }, { "offset", paging.offset } });
    });
}

}

void detail::register_eviction_routes(Registry& r)
{
    r.router.add("POST", "/api/v1/hostel/residents/{id}/evictions", manage_perm, policy::manage_resident, Body::Json, submit);
    r.router.add("GET", "/api/v1/hostel/evictions", manage_perm, policy::read_register, Body::None, list_evictions);
    r.router.add("GET", "/api/v1/hostel/evictions/{id}", read_perm, policy::read_eviction, Body::None, get_eviction);
    r.router.add("PUT", "/api/v1/hostel/evictions/{id}/bypass", manage_perm, policy::manage_eviction, Body::Json, bypass);
    r.router.add("POST", "/api/v1/hostel/evictions/{id}/order", manage_perm, policy::order_eviction, Body::Json, order);
    r.router.add("POST", "/api/v1/hostel/evictions/{id}/vacated", manage_perm, policy::manage_eviction, Body::Json, vacated);
}

}
