// The door: leave on the representative's application (HST-LV-1), departures and returns recorded by
// the duty officer, the visitors' journal and the head's bans (HST-VIS-1), and evicted persons
// refused at the door (HST-EV-2). The duty officer's screen is phone-first.
#include "core/json_fields.hpp"
#include "modules/hostel/policy.hpp"
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

std::string folded(const std::string& s) { return residence::normalized(text::search_fold(s)); }

// HST-LV-1: the representative (or the head on the paper application) applies two days ahead.
Result<Response> apply_for_leave(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto reason = in.one_of("reason", Presence::Required, { "weekend", "holiday", "treatment", "family" });
    auto leave_on = in.date("leave_on", Presence::Required);
    auto return_on = in.date("return_on", Presence::Required);
    auto name = in.text("accompanying_name", Presence::Required, 200, Lines::Single, 3);
    auto document = in.text("accompanying_document", Presence::Required, 100, Lines::Single, 3);
    if (leave_on && return_on && *return_on < *leave_on)
        in.add_error("return_on", "before_from");
    TRY(in.finish());
    auto today = almaty::local_date(ctx.clock().now());
    if (!residence::leave_notice_given(today, *leave_on))
        return Error::rule_refusal("HST-LV-1", "hostel.leave.refused_notice", { { "days", residence::leave_notice_days } }, "leave_on");
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto r = tx.query_one("SELECT evicted_on FROM hostel_residents WHERE institution_id = ? AND id = ?", { inst, id });
        if (!r)
            return Error::not_found();
        if (!r->is_null(0))
            return Error { ErrorCode::Conflict, "hostel.resident.closed" };
        int64_t leave = tx.next_id();
        tx.exec("INSERT INTO hostel_leaves (institution_id, id, resident_id, reason, leave_on, return_on, accompanying_name, accompanying_document, applied_by, "
                "applied_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'applied')",
            { inst, leave, id, *reason, leave_on->iso(), return_on->iso(), *name, *document, db::nullable(ctx.user().person_id), ctx.clock().now() });
        modules::audit_change(ctx, tx, "hostel_leave.apply", "hostel_leave", leave, nullptr,
            object { { "resident_id", id }, { "leave_on", leave_on->iso() }, { "return_on", return_on->iso() }, { "accompanying_name", *name } });
        auto row = tx.query_one(std::string("SELECT ") + store::leave_columns + " FROM hostel_leaves WHERE institution_id = ? AND id = ?", { inst, leave });
        return Response::created(store::leave_json(*row));
    });
}

// Whether `who` may take the student out or bring them back: the accompanying person the
// application named, or one of the student's legal representatives (HST-LV-1).
bool may_accompany(db::Tx& tx, int64_t inst, int64_t student, const std::string& named, const std::string& who)
{
    if (folded(who) == folded(named))
        return true;
    for (auto rep : store::representatives(tx, inst, student))
        if (folded(people::name_of(tx, inst, rep)) == folded(who))
            return true;
    return false;
}

// The duty officer records a departure or a return with who accompanied.
Result<Response> door_step(Context& ctx, bool departure)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto who = in.text("accompanied_by", Presence::Required, 200, Lines::Single, 1);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto today = modules::today(ctx);
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto l = tx.query_one("SELECT l.state, l.leave_on, l.return_on, l.accompanying_name, r.person_id, r.evicted_on FROM hostel_leaves l "
                              "JOIN hostel_residents r ON r.institution_id = l.institution_id AND r.id = l.resident_id WHERE l.institution_id = ? AND l.id = ?",
            { inst, id });
        if (!l)
            return Error::not_found();
        auto state = l->str(0);
        if (departure) {
            if (state != "applied")
                return Error { ErrorCode::Conflict, "hostel.leave.not_applied" };
            if (today < l->str(1) || today > l->str(2))
                return Error::rule_refusal("HST-LV-1", "hostel.leave.refused_not_today", { { "leave_on", l->str(1) } }, "accompanied_by");
        } else {
            if (state != "departed")
                return Error { ErrorCode::Conflict, "hostel.leave.not_departed" };
            // HST-EV-2: an evicted person does not come back in.
            if (!l->is_null(5) || store::barred_at_door(tx, inst, l->i64(4)))
                return Error::rule_refusal("HST-EV-2", "hostel.eviction.refused_at_door", {}, "accompanied_by");
        }
        // HST-LV-1: without the named accompanying person (or a representative) the student stays.
        if (!may_accompany(tx, inst, l->i64(4), l->str(3), *who))
            return Error::rule_refusal("HST-LV-1", "hostel.leave.refused_companion", { { "named", l->str(3) } }, "accompanied_by");
        if (departure)
            tx.exec("UPDATE hostel_leaves SET state = 'departed', departed_at = ?, departed_with = ?, departed_recorded_by = ? WHERE institution_id = ? AND id = ?",
                { ctx.clock().now(), *who, db::nullable(ctx.user().person_id), inst, id });
        else
            tx.exec("UPDATE hostel_leaves SET state = 'returned', returned_at = ?, returned_with = ?, returned_recorded_by = ? WHERE institution_id = ? AND id = ?",
                { ctx.clock().now(), *who, db::nullable(ctx.user().person_id), inst, id });
        modules::audit_change(ctx, tx, departure ? "hostel_leave.depart" : "hostel_leave.return", "hostel_leave", id, object { { "state", state } },
            object { { "state", departure ? "departed" : "returned" }, { "with", *who } });
        auto row = tx.query_one(std::string("SELECT ") + store::leave_columns + " FROM hostel_leaves WHERE institution_id = ? AND id = ?", { inst, id });
        return Response::ok(store::leave_json(*row));
    });
}

// The door screen: residents (and evicted persons) by name, whether in or out, today's leaves and
// whether the person may enter.
Result<Response> door_search(Context& ctx)
{
    auto q = ctx.query_param("q").value_or("");
    if (q.size() > 200)
        return Error::field("q", "too_long", { { "max", 200 } });
    int64_t inst = ctx.institution_id();
    auto today = modules::today(ctx);
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        std::string sql = "SELECT r.id, r.person_id FROM hostel_residents r JOIN persons p ON p.institution_id = r.institution_id AND p.id = r.person_id "
                          "WHERE r.institution_id = ? AND r.id = (SELECT max(x.id) FROM hostel_residents x WHERE x.institution_id = r.institution_id AND x.person_id = r.person_id)";
        std::vector<db::Value> params { inst };
        if (!q.empty()) {
            sql += " AND p.search_key LIKE ? ESCAPE '\\'";
            params.push_back("%" + text::like_escape(text::search_fold(q)) + "%");
        }
        sql += " ORDER BY p.sort_kk, r.id LIMIT 30";
        modules::audit_change(ctx, tx, "hostel_door.search", "institution", inst, nullptr, object { { "q", q } });
        array items;
        for (auto& r : tx.query(sql, params)) {
            auto line = *store::resident_json(tx, inst, r.i64(0), store::Detail::Line);
            bool barred = !line.at("evicted_on").is_null() || store::barred_at_door(tx, inst, r.i64(1));
            object item { { "resident_id", r.i64(0) }, { "person_id", r.i64(1) }, { "name", line.at("student_name") }, { "place", line.at("place") },
                { "is_out", line.at("is_out") }, { "evicted", barred } };
            array leaves;
            for (auto& l : tx.query(std::string("SELECT ") + store::leave_columns + " FROM hostel_leaves WHERE institution_id = ? AND resident_id = ? "
                                   "AND ((state = 'applied' AND leave_on <= ? AND return_on >= ?) OR state = 'departed') ORDER BY leave_on, id",
                     { inst, r.i64(0), today, today }))
                leaves.push_back(store::leave_json(l));
            item["leaves"] = leaves;
            items.push_back(item);
        }
        return Response::ok(object { { "items", items }, { "visiting_hours", residence::visiting_hours(ctx.clock().now()) } });
    });
}

// HST-VIS-1: the duty officer records a visit: representatives or close relatives, Friday to
// Sunday 10:00-20:00, an identity document, not banned; the resident accompanies.
Result<Response> record_visit(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto resident = in.integer("resident_id", Presence::Required, 1, INT64_MAX);
    auto name = in.text("visitor_name", Presence::Required, 200, Lines::Single, 3);
    auto relation = in.text("relation", Presence::Required, 40, Lines::Single, 1);
    auto document = in.text("document", Presence::Optional, 100);
    TRY(in.finish());
    auto& relations = residence::visitor_relations();
    if (std::find(relations.begin(), relations.end(), *relation) == relations.end())
        return Error::rule_refusal("HST-VIS-1", "hostel.visit.refused_relation", {}, "relation");
    if (!document || residence::normalized(*document).empty())
        return Error::rule_refusal("HST-VIS-1", "hostel.visit.refused_document", {}, "document");
    if (!residence::visiting_hours(ctx.clock().now()))
        return Error::rule_refusal("HST-VIS-1", "hostel.visit.refused_hours");
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto r = tx.query_one("SELECT person_id, evicted_on FROM hostel_residents WHERE institution_id = ? AND id = ?", { inst, *resident });
        if (!r)
            return Error::field("resident_id", "not_found");
        if (!r->is_null(1))
            return Error::rule_refusal("HST-EV-2", "hostel.eviction.refused_at_door", {}, "resident_id");
        auto doc = residence::normalized(*document);
        for (auto& b : tx.query("SELECT document FROM hostel_visitor_bans WHERE institution_id = ? AND lifted_at IS NULL", { inst }))
            if (residence::normalized(b.str(0)) == doc)
                return Error::rule_refusal("HST-VIS-1", "hostel.visit.refused_banned", {}, "document");
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO hostel_visits (institution_id, id, resident_id, visitor_name, relation, document, arrived_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, id, *resident, *name, *relation, *document, ctx.clock().now(), db::nullable(ctx.user().person_id) });
        modules::audit_change(ctx, tx, "hostel_visit.record", "hostel_resident", *resident, nullptr,
            object { { "visit_id", id }, { "visitor_name", *name }, { "relation", *relation } });
        return Response::created(object { { "id", id }, { "resident_id", *resident }, { "visitor_name", *name }, { "relation", *relation }, { "document", *document },
            { "arrived_at", almaty::iso_datetime(ctx.clock().now()) }, { "left_at", nullptr } });
    });
}

Result<Response> end_visit(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    TRY(in.finish());
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto v = tx.query_one("SELECT left_at, resident_id FROM hostel_visits WHERE institution_id = ? AND id = ?", { ctx.institution_id(), id });
        if (!v)
            return Error::not_found();
        if (!v->is_null(0))
            return Error { ErrorCode::Conflict, "hostel.visit.ended" };
        tx.exec("UPDATE hostel_visits SET left_at = ? WHERE institution_id = ? AND id = ?", { ctx.clock().now(), ctx.institution_id(), id });
        modules::audit_change(ctx, tx, "hostel_visit.end", "hostel_resident", v->i64(1), nullptr, object { { "visit_id", id } });
        return Response::ok(object { { "id", id }, { "left_at", almaty::iso_datetime(ctx.clock().now()) } });
    });
}

// The visitors' journal of a day (default today), in the order of arrival.
Result<Response> visits_journal(Context& ctx)
{
    auto date = ctx.query_param("date").value_or(modules::today(ctx));
    auto d = parse_iso_date(date);
    if (!d)
        return Error::field("date", "bad_date");
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        modules::audit_change(ctx, tx, "hostel_visit.journal_read", "institution", inst, nullptr, object { { "date", date } });
        array items;
        for (auto& v : tx.query("SELECT v.id, v.resident_id, r.person_id, v.visitor_name, v.relation, v.document, v.arrived_at, v.left_at FROM hostel_visits v "
                                "JOIN hostel_residents r ON r.institution_id = v.institution_id AND r.id = v.resident_id WHERE v.institution_id = ? "
                                "AND v.arrived_at >= ? AND v.arrived_at < ? ORDER BY v.arrived_at, v.id",
                 { inst, residence::almaty_day_start(*d), residence::almaty_day_start(residence::add_days(*d, 1)) })) {
            items.push_back(object { { "id", v.i64(0) }, { "resident_id", v.i64(1) }, { "student_name", people::name_of(tx, inst, v.i64(2)) },
                { "visitor_name", v.str(3) }, { "relation", v.str(4) }, { "document", v.str(5) }, { "arrived_at", almaty::iso_datetime(v.i64(6)) },
                { "left_at", v.is_null(7) ? boost::json::value() : boost::json::value(almaty::iso_datetime(v.i64(7))) } });
        }
        return Response::ok(object { { "date", date }, { "items", items } });
    });
}

// HST-VIS-1: the head bans a visitor for misconduct, by their document.
Result<Response> ban_visitor(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto name = in.text("visitor_name", Presence::Required, 200, Lines::Single, 3);
    auto document = in.text("document", Presence::Required, 100, Lines::Single, 3);
    auto reason = in.text("reason", Presence::Required, 1000, Lines::Multi, 3);
    TRY(in.finish());
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO hostel_visitor_bans (institution_id, id, visitor_name, document, reason, banned_by, banned_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            { ctx.institution_id(), id, *name, *document, *reason, db::nullable(ctx.user().person_id), ctx.clock().now() });
        modules::audit_change(ctx, tx, "hostel_visitor.ban", "institution", ctx.institution_id(), nullptr,
            object { { "ban_id", id }, { "visitor_name", *name }, { "document", *document }, { "reason", *reason } });
        return Response::created(object { { "id", id }, { "visitor_name", *name }, { "document", *document }, { "reason", *reason },
            { "banned_at", almaty::iso_datetime(ctx.clock().now()) }, { "lifted_at", nullptr } });
    });
}

Result<Response> lift_ban(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    TRY(in.finish());
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto b = tx.query_one("SELECT lifted_at FROM hostel_visitor_bans WHERE institution_id = ? AND id = ?", { ctx.institution_id(), id });
        if (!b)
            return Error::not_found();
        if (!b->is_null(0))
            return Error { ErrorCode::Conflict, "hostel.visit.ban_lifted" };
        tx.exec("UPDATE hostel_visitor_bans SET lifted_at = ? WHERE institution_id = ? AND id = ?", { ctx.clock().now(), ctx.institution_id(), id });
        modules::audit_change(ctx, tx, "hostel_visitor.lift_ban", "institution", ctx.institution_id(), nullptr, object { { "ban_id", id } });
        return Response::ok(object { { "id", id }, { "lifted_at", almaty::iso_datetime(ctx.clock().now()) } });
    });
}

Result<Response> list_bans(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        for (auto& b : tx.query("SELECT id, visitor_name, document, reason, banned_at, lifted_at FROM hostel_visitor_bans WHERE institution_id = ? "
                                "ORDER BY lifted_at IS NOT NULL, banned_at DESC, id DESC LIMIT 500",
                 { ctx.institution_id() }))
            items.push_back(object { { "id", b.i64(0) }, { "visitor_name", b.str(1) }, { "document", b.str(2) }, { "reason", b.str(3) },
                { "banned_at", almaty::iso_datetime(b.i64(4)) }, { "lifted_at", b.is_null(5) ? boost::json::value() : boost::json::value(almaty::iso_datetime(b.i64(5))) } });
        return Response::ok(object { { "items", items } });
    });
}

}

void detail::register_door_routes(Registry& r)
{
    r.router.add("POST", "/api/v1/hostel/residents/{id}/leaves", apply_perm, policy::apply_for_leave, Body::Json, apply_for_leave);
    r.router.add("POST", "/api/v1/hostel/leaves/{id}/depart", door_perm, policy::door, Body::Json, [](Context& ctx) { return door_step(ctx, true); });
    r.router.add("POST", "/api/v1/hostel/leaves/{id}/return", door_perm, policy::door, Body::Json, [](Context& ctx) { return door_step(ctx, false); });
    r.router.add("GET", "/api/v1/hostel/door", door_perm, policy::door, Body::None, door_search);
    r.router.add("POST", "/api/v1/hostel/visits", door_perm, policy::door, Body::Json, record_visit);
    r.router.add("GET", "/api/v1/hostel/visits", door_perm, policy::door, Body::None, visits_journal);
    r.router.add("POST", "/api/v1/hostel/visits/{id}/end", door_perm, policy::door, Body::Json, end_visit);
    r.router.add("GET", "/api/v1/hostel/visitor-bans", door_perm, policy::door, Body::None, list_bans);
    r.router.add("POST", "/api/v1/hostel/visitor-bans", manage_perm, policy::manage_visitors, Body::Json, ban_visitor);
    r.router.add("POST", "/api/v1/hostel/visitor-bans/{id}/lift", manage_perm, policy::manage_visitors, Body::Json, lift_ban);
}

}
