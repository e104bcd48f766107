// Work plans (PLAN-1): one per body and academic year, drafted item by item (direction,
// responsible person, date or deadline, status) and approved by a decision of the council, to
// which the approval links.
#include "core/json_fields.hpp"
#include "modules/bodies/policy.hpp"
#include "modules/activities/policy.hpp"
#include "modules/activities/activities.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include <boost/json/array.hpp>
#include <cctype>

namespace kenes::activities {

using namespace http;
using boost::json::array;
using boost::json::object;
using modules::json_or_null;

namespace {

// "2026-2027": digits only (std::stoi throws on letters), the second year after the first.
bool valid_academic_year(const std::string& y)
{
    if (y.size() != 9 || y[4] != '-')
        return false;
    for (size_t i = 0; i < y.size(); ++i)
        if (i != 4 && !std::isdigit(static_cast<unsigned char>(y[i])))
            return false;
    return std::stoi(y.substr(5)) == std::stoi(y.substr(0, 4)) + 1;
}

std::optional<object> plan_json(db::Tx& tx, int64_t inst, int64_t id)
{
    auto p = tx.query_one("SELECT id, body_id, academic_year, status, approved_by_item_id, approved_at FROM work_plans WHERE institution_id = ? AND id = ?", { inst, id });
    if (!p)
        return std::nullopt;
    array items;
    for (auto& r : tx.query("SELECT i.id, i.direction, i.title, i.responsible_person_id, i.due_on, i.status, pe.surname, pe.name, pe.patronymic FROM plan_items i "
                            "LEFT JOIN persons pe ON pe.institution_id = i.institution_id AND pe.id = i.responsible_person_id "
                            "WHERE i.institution_id = ? AND i.plan_id = ? ORDER BY i.due_on, i.id",
             { inst, id })) {
        bool overdue = r.str(5) != "done" && r.str(5) != "cancelled";
        items.push_back(object { { "id", r.i64(0) }, { "direction", r.str(1) }, { "title", r.str(2) }, { "responsible_person_id", json_or_null(r.opt_i64(3)) },
            { "responsible", r.is_null(6) ? boost::json::value(nullptr) : boost::json::value(people::full_name(r, 6)) },
            { "due_on", r.str(4) }, { "status", r.str(5) }, { "open", overdue } });
    }
    return object { { "id", p->i64(0) }, { "body_id", p->i64(1) }, { "academic_year", p->str(2) }, { "status", p->str(3) },
        { "approved_by_item_id", json_or_null(p->opt_i64(4)) }, { "approved_at", p->is_null(5) ? boost::json::value(nullptr) : boost::json::value(almaty::iso_datetime(p->i64(5))) },
        { "items", items } };
}

Result<Response> list_plans(Context& ctx)
{
    int64_t body_id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        if (!bodies::body_exists(tx, ctx.institution_id(), body_id))
            return Error::not_found();
        array items;
        for (auto& r : tx.query("SELECT id FROM work_plans WHERE institution_id = ? AND body_id = ? ORDER BY academic_year DESC", { ctx.institution_id(), body_id }))
            items.push_back(*plan_json(tx, ctx.institution_id(), r.i64(0)));
        return Response::ok(object { { "items", items } });
    });
}

Result<Response> create_plan(Context& ctx)
{
    int64_t body_id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto year = in.text("academic_year", Presence::Required, 9);
    if (year && !valid_academic_year(*year))
        in.add_error("academic_year", "invalid");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        if (tx.query_one("SELECT 1 FROM work_plans WHERE institution_id = ? AND body_id = ? AND academic_year = ?", { inst, body_id, *year }))
            return Error { ErrorCode::Conflict, {}, {}, {}, { FieldError { "academic_year", "duplicate" } } };
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO work_plans (institution_id, id, body_id, academic_year, status, created_at) VALUES (?, ?, ?, ?, 'draft', ?)",
            { inst, id, body_id, *year, ctx.clock().now() });
        modules::audit_change(ctx, tx, "plan.create", "work_plan", id, nullptr, object { { "body_id", body_id }, { "academic_year", *year } });
        return *plan_json(tx, inst, id);
    }));
    return Response::created(out);
}

Result<Response> get_plan(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto p = plan_json(tx, ctx.institution_id(), id);
        if (!p)
            return Error::not_found();
        return Response::ok(*p);
    });
}

struct ItemFields {
    std::optional<std::string> direction, title, due_on, status;
    std::optional<int64_t> responsible;
};

Result<ItemFields> read_item(Context& ctx, Presence presence)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    ItemFields f;
    f.direction = in.one_of("direction", presence, directions);
    f.title = in.text("title", presence, 500);
    f.responsible = in.integer("responsible_person_id", Presence::Optional, 1, INT64_MAX);
    auto due = in.date("due_on", presence);
    if (due)
        f.due_on = due->iso();
    f.status = in.one_of("status", Presence::Optional, { "planned", "in_progress", "done", "cancelled" });
    TRY(in.finish());
    return f;
}

Result<Response> add_item(Context& ctx)
{
    int64_t plan_id = TRY(ctx.id_param("id"));
    auto f = TRY(read_item(ctx, Presence::Required));
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto plan = tx.query_one("SELECT body_id FROM work_plans WHERE institution_id = ? AND id = ?", { inst, plan_id });
        if (!plan)
            return Error::not_found();
        if (f.responsible && !people::exists(tx, inst, *f.responsible))
            return Error::field("responsible_person_id", "not_found");
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO plan_items (institution_id, id, plan_id, direction, title, responsible_person_id, due_on, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, id, plan_id, *f.direction, *f.title, db::nullable(f.responsible), *f.due_on, f.status.value_or("planned") });
        modules::audit_change(ctx, tx, "plan_item.create", "plan_item", id, nullptr, object { { "plan_id", plan_id }, { "title", *f.title } });
        return *plan_json(tx, inst, plan_id);
    }));
    return Response::created(out);
}

Result<Response> patch_item(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto f = TRY(read_item(ctx, Presence::IfGiven));
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto item = tx.query_one("SELECT i.plan_id, p.body_id, i.status FROM plan_items i JOIN work_plans p ON p.institution_id = i.institution_id AND p.id = i.plan_id "
                                 "WHERE i.institution_id = ? AND i.id = ?",
            { inst, id });
        if (!item)
            return Error::not_found();
        if (f.responsible && !people::exists(tx, inst, *f.responsible))
            return Error::field("responsible_person_id", "not_found");
        auto set = [&](const char* column, const std::optional<std::string>& v) {
            if (v)
                tx.exec(std::string("UPDATE plan_items SET ") + column + " = ? WHERE institution_id = ? AND id = ?", { *v, inst, id });
        };
        set("direction", f.direction);
        set("title", f.title);
        set("due_on", f.due_on);
        set("status", f.status);
        if (f.responsible)
            tx.exec("UPDATE plan_items SET responsible_person_id = ? WHERE institution_id = ? AND id = ?", { *f.responsible, inst, id });
        modules::audit_change(ctx, tx, "plan_item.update", "plan_item", id, object { { "status", item->str(2) } },
            object { { "status", json_or_null(f.status) }, { "title", json_or_null(f.title) } });
        return *plan_json(tx, inst, item->i64(0));
    }));
    return Response::ok(out);
}

Result<Response> approve_plan(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto item = in.integer("agenda_item_id", Presence::Required, 1, INT64_MAX);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto plan = tx.query_one("SELECT body_id, status FROM work_plans WHERE institution_id = ? AND id = ?", { inst, id });
        if (!plan)
            return Error::not_found();
        // PLAN-1: the council approves the plan: an adopted decision on an "approve the work plan"
        // item of a session of this body or of the body it belongs to.
        auto decided_by = bodies::adopting_body(tx, inst, *item, "approve_work_plan");
        auto parent_of = [&](int64_t body) -> std::optional<int64_t> {
            auto r = tx.query_one("SELECT parent_id FROM bodies WHERE institution_id = ? AND id = ?", { inst, body });
            return r ? r->opt_i64(0) : std::nullopt;
        };
        int64_t plan_body = plan->i64(0);
        // The deciding body is this one, the one it belongs to, one of its parts, or a sibling
        // (the Council approving the plan the Secretariat drafted).
        bool ours = false;
        if (decided_by) {
            auto plan_parent = parent_of(plan_body), decider_parent = parent_of(*decided_by);
            ours = *decided_by == plan_body || (plan_parent && *decided_by == *plan_parent) || (decider_parent && *decider_parent == plan_body)
                || (plan_parent && decider_parent && *plan_parent == *decider_parent);
        }
        if (!ours)
            return Error::rule_refusal("PLAN-1", "rule.plan_approval", {}, "agenda_item_id");
        tx.exec("UPDATE work_plans SET status = 'approved', approved_by_item_id = ?, approved_at = ? WHERE institution_id = ? AND id = ?",
            { *item, ctx.clock().now(), inst, id });
        modules::audit_change(ctx, tx, "plan.approve", "work_plan", id, object { { "status", plan->str(1) } },
            object { { "status", "approved" }, { "agenda_item_id", *item } });
        return *plan_json(tx, inst, id);
    }));
    return Response::ok(out);
}

}

void detail::register_plan_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/bodies/{id}/plans", "bodies.read", bodies::policy::read_body, Body::None, list_plans);
    r.router.add("POST", "/api/v1/bodies/{id}/plans", "meetings.run", bodies::policy::run_body, Body::Json, create_plan);
    r.router.add("GET", "/api/v1/plans/{id}", "bodies.read", policy::read_plan, Body::None, get_plan);
    r.router.add("POST", "/api/v1/plans/{id}/items", "meetings.run", policy::edit_plan, Body::Json, add_item);
    r.router.add("PATCH", "/api/v1/plan-items/{id}", "meetings.run", policy::edit_plan_item, Body::Json, patch_item);
    r.router.add("POST", "/api/v1/plans/{id}/approve", "meetings.run", policy::edit_plan, Body::Json, approve_plan);
}

}
