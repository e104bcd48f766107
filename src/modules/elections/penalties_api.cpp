// The register of disciplinary orders (DISC-PEN-6): staff record the order that imposed a penalty
// and, later, the one that withdrew it. Eligibility (ELEC-ELIG-1) reads it; the discipline
// module will take it over.
#include "core/json_fields.hpp"
#include "modules/elections/policy.hpp"
#include "modules/elections/elections.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include <boost/json/array.hpp>

namespace kenes::elections {

using namespace http;
using boost::json::array;
using boost::json::object;
using modules::json_or_null;

namespace {

object penalty_json(const db::Row& r, const CivilDate& today)
{
    std::vector<Penalty> one { { *parse_iso_date(r.str(3)), r.is_null(4) ? std::nullopt : parse_iso_date(r.str(4)) } };
    return { { "id", r.i64(0) }, { "person_id", r.i64(1) }, { "order_number", r.str(2) }, { "imposed_on", r.str(3) },
        { "withdrawn_on", json_or_null(r.opt_str(4)) }, { "reason", r.str(5) }, { "in_force", penalty_active(one, today) } };
}

constexpr const char* columns = "SELECT id, person_id, order_number, imposed_on, withdrawn_on, reason FROM penalties ";

Result<Response> list_penalties(Context& ctx)
{
    int64_t person = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        if (!people::exists(tx, ctx.institution_id(), person))
            return Error::not_found();
        auto today = almaty::local_date(ctx.clock().now());
        array items;
        for (auto& r : tx.query(std::string(columns) + "WHERE institution_id = ? AND person_id = ? ORDER BY imposed_on DESC, id DESC", { ctx.institution_id(), person }))
            items.push_back(penalty_json(r, today));
        // DISC-PEN-6: whether the student counts as having a penalty today.
        return Response::ok(object { { "items", items }, { "penalty_in_force", penalty_active(penalties_of(tx, ctx.institution_id(), person), today) } });
    });
}

Result<Response> add_penalty(Context& ctx)
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

Result<Response> withdraw_penalty(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto on = in.date("withdrawn_on", Presence::Required);
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
        tx.exec("UPDATE penalties SET withdrawn_on = ? WHERE institution_id = ? AND id = ?", { on->iso(), inst, id });
        modules::audit_change(ctx, tx, "penalty.withdraw", "penalty", id, object { { "withdrawn_on", nullptr } }, object { { "withdrawn_on", on->iso() } });
        return penalty_json(*tx.query_one(std::string(columns) + "WHERE institution_id = ? AND id = ?", { inst, id }), almaty::local_date(ctx.clock().now()));
    }));
    return Response::ok(out);
}

}

void detail::register_penalty_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/people/{id}/penalties", penalties_perm, policy::read_penalties, Body::None, list_penalties);
    r.router.add("POST", "/api/v1/people/{id}/penalties", penalties_perm, policy::read_penalties, Body::Json, add_penalty);
    r.router.add("POST", "/api/v1/penalties/{id}/withdraw", penalties_perm, policy::withdraw_penalty, Body::Json, withdraw_penalty);
}

}
