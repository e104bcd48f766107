// The penalty register (DISC-PEN-6) and early withdrawal (DISC-PEN-5); a student's discipline
// record as the student, their representatives and curator see it. The register holds the
// penalties of Kenes' orders and those recorded from paper orders issued before.
#include "core/json_fields.hpp"
#include "modules/discipline/case_store.hpp"
#include "modules/discipline/incident_store.hpp"
#include "modules/discipline/orders.hpp"
#include "modules/discipline/penalty_store.hpp"
#include "modules/discipline/policy.hpp"
#include "modules/discipline/routes.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include <boost/json/array.hpp>

namespace kenes::discipline {

using namespace http;
using boost::json::array;
using boost::json::object;
using modules::json_or_null;

namespace {

constexpr const char* columns = "SELECT id, person_id, order_number, imposed_on, withdrawn_on, reason, measure, case_id, order_id, withdrawal_order_id, intercession FROM penalties ";

object penalty_json(const db::Row& r, const CivilDate& today)
{
    std::vector<PenaltyRecord> one { { *parse_iso_date(r.str(3)), r.is_null(4) ? std::nullopt : parse_iso_date(r.str(4)) } };
    auto lapse = lapse_date(one, today);
    auto id_or_null = [&](size_t i) { return r.is_null(i) ? boost::json::value() : boost::json::value(r.i64(i)); };
    return { { "id", r.i64(0) }, { "person_id", r.i64(1) }, { "order_number", r.str(2) }, { "imposed_on", r.str(3) },
        { "withdrawn_on", json_or_null(r.opt_str(4)) }, { "reason", r.str(5) }, { "measure", json_or_null(r.opt_str(6)) }, { "case_id", id_or_null(7) },
        { "order_id", id_or_null(8) }, { "withdrawal_order_id", id_or_null(9) }, { "intercession", json_or_null(r.opt_str(10)) },
        { "in_force", lapse.has_value() }, { "lapses_on", lapse ? boost::json::value(lapse->iso()) : boost::json::value() } };
}

array penalties_json(db::Tx& tx, int64_t inst, int64_t person, const CivilDate& today)
{
    array items;
    for (auto& r : tx.query(std::string(columns) + "WHERE institution_id = ? AND person_id = ? ORDER BY imposed_on DESC, id DESC", { inst, person }))
        items.push_back(penalty_json(r, today));
    return items;
}

object register_json(db::Tx& tx, int64_t inst, int64_t person, const CivilDate& today)
{
    // DISC-PEN-6: whether the student counts as having a penalty today, and until when.
    auto lapse = lapse_date(penalty_records(tx, inst, person), today);
    return { { "items", penalties_json(tx, inst, person, today) }, { "penalty_in_force", lapse.has_value() },
        { "lapses_on", lapse ? boost::json::value(lapse->iso()) : boost::json::value() } };
}

Result<Response> list_penalties(Context& ctx)
{
    int64_t person = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        return Response::ok(register_json(tx, ctx.institution_id(), person, almaty::local_date(ctx.clock().now())));
    });
}

// A penalty imposed by a paper order issued before the institution used Kenes.
Result<Response> add_paper_penalty(Context& ctx)
{
    int64_t person = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto order = in.text("order_number", Presence::Required, 64, Lines::Single, 1);
    auto imposed = in.date("imposed_on", Presence::Required);
    auto reason = in.text("reason", Presence::Required, 1000, Lines::Multi, 1);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        if (!people::exists(tx, inst, person))
            return Error::not_found();
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO penalties (institution_id, id, person_id, order_number, imposed_on, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            { inst, id, person, *order, imposed->iso(), *reason, ctx.clock().now() });
        modules::audit_change(ctx, tx, "penalty.impose", "penalty", id, nullptr,
            object { { "person_id", person }, { "order_number", *order }, { "imposed_on", imposed->iso() } });
        return penalty_json(*tx.query_one(std::string(columns) + "WHERE institution_id = ? AND id = ?", { inst, id }), almaty::local_date(ctx.clock().now()));
    }));
    return Response::created(out);
}

// DISC-PEN-5: the principal withdraws a penalty early, on the intercession of a teacher or of the
// student government, for good progress and no new violations, by an order. A paper penalty is
// withdrawn by recording the date of its paper order.
Result<Response> withdraw(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto on = in.date("withdrawn_on", Presence::Required);
    auto intercession = in.one_of("intercession", Presence::Optional, { "teacher", "student_government" });
    auto intercessor = in.text("intercessor", Presence::Optional, 200);
    auto grounds = in.text("grounds", Presence::Optional, 2000, Lines::Multi);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto r = tx.query_one(std::string(columns) + "WHERE institution_id = ? AND id = ?", { inst, id });
        if (!r)
            return Error::not_found();
        if (!r->is_null(4))
            return Error { ErrorCode::Conflict, "penalty.withdrawn" };
        if (on->iso() < r->str(3))
            return Error::field("withdrawn_on", "invalid");
        if (on->iso() > modules::today(ctx))
            return Error::field("withdrawn_on", "in_future");
        std::optional<int64_t> withdrawal_order;
        if (!r->is_null(8)) {
            if (!intercession)
                return Error::rule_refusal("DISC-PEN-5", "rule.discipline.intercession_needed", {}, "intercession");
            if (!grounds || grounds->empty())
                return Error::field("grounds", "required");
            // No new violations since the penalty.
            if (tx.query_one("SELECT 1 FROM incident_students WHERE institution_id = ? AND person_id = ? AND reversed = 0 AND occurred_on > ?", { inst, r->i64(1), r->str(3) }))
                return Error::rule_refusal("DISC-PEN-5", "rule.discipline.new_violations", {}, "withdrawn_on");
            int64_t order_id = orders::issue(tx, ctx, "withdrawal", r->is_null(7) ? std::nullopt : std::optional(r->i64(7)), id, r->i64(1), on->iso(),
                object { { "penalty", r->str(6) }, { "imposed_number", r->str(2) }, { "grounds", *grounds }, { "intercession", *intercession },
                    { "intercessor", intercessor.value_or("") } });
            withdrawal_order = order_id;
        }
        tx.exec("UPDATE penalties SET withdrawn_on = ?, withdrawal_order_id = ?, intercession = ? WHERE institution_id = ? AND id = ?",
            { on->iso(), withdrawal_order ? db::Value(*withdrawal_order) : db::Value(), intercession ? db::Value(*intercession) : db::Value(), inst, id });
        modules::audit_change(ctx, tx, "penalty.withdraw", "penalty", id, object { { "withdrawn_on", nullptr } },
            object { { "withdrawn_on", on->iso() }, { "withdrawal_order_id", withdrawal_order ? boost::json::value(*withdrawal_order) : boost::json::value() } });
        return penalty_json(*tx.query_one(std::string(columns) + "WHERE institution_id = ? AND id = ?", { inst, id }), almaty::local_date(ctx.clock().now()));
    }));
    return Response::ok(out);
}

// The student's record: their part of incidents, their cases (those the viewer may read), the
// register with lapse dates, and phones withdrawn. Audited (GEN-3).
Result<Response> person_record(Context& ctx)
{
    int64_t person = TRY(ctx.id_param("id"));
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        modules::audit_change(ctx, tx, "person.read_discipline", "person", person, nullptr, nullptr);
        auto today = almaty::local_date(ctx.clock().now());
        auto out = register_json(tx, inst, person, today);
        out["penalties"] = out["items"];
        out.erase("items");
        out["incidents"] = store::student_incidents(tx, inst, person);
        array cases;
        for (auto& r : tx.query("SELECT id FROM discipline_cases WHERE institution_id = ? AND student_id = ? ORDER BY opened_at DESC, id DESC", { inst, person }))
            if (http::authorize(tx, ctx, policy::read_case, r.i64(0)))
                cases.push_back(store::case_summary_json(tx, inst, *store::load_case(tx, inst, r.i64(0))));
        out["cases"] = std::move(cases);
        array devices;
        for (auto& r : tx.query("SELECT id, withdrawn_on, lesson, only_to_representative, returned_on FROM device_withdrawals WHERE institution_id = ? AND person_id = ? "
                                "ORDER BY withdrawn_on DESC, id DESC LIMIT 100",
                 { inst, person }))
            devices.push_back(object { { "id", r.i64(0) }, { "withdrawn_on", r.str(1) }, { "lesson", r.str(2) }, { "only_to_representative", r.flag(3) },
                { "returned_on", json_or_null(r.opt_str(4)) } });
        out["device_withdrawals"] = std::move(devices);
        return Response::ok(out);
    });
}

}

void detail::register_penalty_routes(Registry& r)
{
    r.permissions.declare(penalties_perm, { role::InstitutionAdmin, role::Staff });
    r.router.add("GET", "/api/v1/people/{id}/penalties", penalties_perm, policy::person_penalties, Body::None, list_penalties);
    r.router.add("POST", "/api/v1/people/{id}/penalties", penalties_perm, policy::person_penalties, Body::Json, add_paper_penalty);
    r.router.add("POST", "/api/v1/penalties/{id}/withdraw", penalties_perm, policy::withdraw_penalty, Body::Json, withdraw);
    r.router.add("GET", "/api/v1/people/{id}/discipline", perm::Self, policy::person_discipline, Body::None, person_record);
}

}
