// DISC-DEV-1: a phone used in a lesson may be withdrawn for the lesson; after a repeated violation
// (an earlier withdrawal within the repeat window) it is returned only to a legal representative.
#include "core/json_fields.hpp"
#include "modules/discipline/incident_store.hpp"
#include "modules/discipline/policy.hpp"
#include "modules/discipline/routes.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include <boost/json/array.hpp>
#include <chrono>

namespace kenes::discipline {

using namespace http;
using boost::json::array;
using boost::json::object;
using modules::json_or_null;

namespace {

object withdrawal_json(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT d.id, d.person_id, p.surname, p.name, p.patronymic, d.withdrawn_on, d.lesson, d.only_to_representative, d.returned_on, d.returned_to "
                          "FROM device_withdrawals d JOIN persons p ON p.institution_id = d.institution_id AND p.id = d.person_id WHERE d.institution_id = ? AND d.id = ?",
        { inst, id });
    std::string to = r->is_null(9) ? std::string() : people::name_of(tx, inst, r->i64(9));
    return { { "id", r->i64(0) }, { "person_id", r->i64(1) }, { "student", people::full_name(*r, 2) }, { "withdrawn_on", r->str(5) }, { "lesson", r->str(6) },
        { "only_to_representative", r->flag(7) }, { "returned_on", json_or_null(r->opt_str(8)) }, { "returned_to", to } };
}

Result<Response> record(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto person = in.integer("person_id", Presence::Required, 1, INT64_MAX);
    auto on = in.date("withdrawn_on", Presence::Required);
    auto lesson = in.text("lesson", Presence::Required, 100, Lines::Single, 1);
    if (on && on->iso() > modules::today(ctx))
        in.add_error("withdrawn_on", "in_future");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        if (!people::is_student(tx, inst, *person))
            return Error::field("person_id", "not_found");
        auto window = store::repeat_window_days(tx, inst);
        auto from = std::chrono::sys_days(std::chrono::year(on->year) / std::chrono::month(on->month) / std::chrono::day(on->day)) - std::chrono::days(window - 1);
        std::chrono::year_month_day f(from);
        CivilDate from_date { int(f.year()), unsigned(f.month()), unsigned(f.day()) };
        int64_t earlier = tx.query_one("SELECT count(*) FROM device_withdrawals WHERE institution_id = ? AND person_id = ? AND withdrawn_on >= ? AND withdrawn_on <= ?",
                              { inst, *person, from_date.iso(), on->iso() })
                              ->i64(0);
        bool only_rep = return_only_to_representative(earlier);
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO device_withdrawals (institution_id, id, person_id, withdrawn_on, lesson, withdrawn_by, only_to_representative) VALUES (?, ?, ?, ?, ?, ?, ?)",
            { inst, id, *person, on->iso(), *lesson, ctx.user().person_id ? db::Value(*ctx.user().person_id) : db::Value(), int64_t(only_rep) });
        modules::audit_change(ctx, tx, "device_withdrawal.record", "device_withdrawal", id, nullptr,
            object { { "person_id", *person }, { "withdrawn_on", on->iso() }, { "earlier_in_window", earlier }, { "only_to_representative", only_rep } });
        return Response::created(withdrawal_json(tx, inst, id));
    });
}

Result<Response> give_back(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto to = in.integer("returned_to_person_id", Presence::Required, 1, INT64_MAX);
    auto on = in.date("returned_on", Presence::Optional);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto d = tx.query_one("SELECT person_id, only_to_representative, returned_on, withdrawn_on FROM device_withdrawals WHERE institution_id = ? AND id = ?", { inst, id });
        if (!d)
            return Error::not_found();
        if (!d->is_null(2))
            return Error { ErrorCode::Conflict, "discipline.device_returned" };
        bool representative = tx.query_one("SELECT 1 FROM representatives WHERE institution_id = ? AND student_id = ? AND representative_id = ?", { inst, d->i64(0), *to }).has_value();
        if (!representative && *to != d->i64(0))
            return Error::field("returned_to_person_id", "invalid");
        if (d->flag(1) && !representative)
            return Error::rule_refusal("DISC-DEV-1", "rule.discipline.device_to_representative", {}, "returned_to_person_id");
        std::string day = on ? on->iso() : modules::today(ctx);
        if (day < d->str(3))
            return Error::field("returned_on", "invalid");
        tx.exec("UPDATE device_withdrawals SET returned_on = ?, returned_to = ?, returned_by = ? WHERE institution_id = ? AND id = ?",
            { day, *to, ctx.user().person_id ? db::Value(*ctx.user().person_id) : db::Value(), inst, id });
        modules::audit_change(ctx, tx, "device_withdrawal.return", "device_withdrawal", id, nullptr, object { { "returned_to", *to }, { "returned_on", day } });
        return Response::ok(withdrawal_json(tx, inst, id));
    });
}

// Phones not returned yet, for the duty staff.
Result<Response> list_open(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        for (auto& r : tx.query("SELECT id FROM device_withdrawals WHERE institution_id = ? AND returned_on IS NULL ORDER BY withdrawn_on DESC, id DESC LIMIT 500",
                 { ctx.institution_id() }))
            items.push_back(withdrawal_json(tx, ctx.institution_id(), r.i64(0)));
        return Response::ok(object { { "items", items } });
    });
}

}

void detail::register_device_routes(Registry& r)
{
    r.router.add("POST", "/api/v1/device-withdrawals", record_perm, policy::record_device, Body::Json, record);
    r.router.add("GET", "/api/v1/device-withdrawals", record_perm, policy::record_device, Body::None, list_open);
    r.router.add("POST", "/api/v1/device-withdrawals/{id}/return", record_perm, policy::return_device, Body::Json, give_back);
}

}
