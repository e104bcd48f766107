// APL-3: the administration holds personal reception at least once a month per an approved
// schedule. It publishes slots; a student or a legal representative books one (one booking a slot,
// only ahead); the receiver records the outcome. A month without a slot is flagged (needs.cpp).
#include "core/json_fields.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include "modules/statements/policy.hpp"
#include "modules/statements/routes.hpp"
#include "modules/statements/rules.hpp"
#include "modules/statements/store.hpp"
#include <boost/json/array.hpp>

namespace kenes::statements {

using namespace http;
using boost::json::array;
using boost::json::object;
using modules::json_or_null;

namespace {

std::string now_local(const Context& ctx) { return almaty::iso_datetime(ctx.clock().now()).substr(0, 16); }

// "YYYY-MM-DDTHH:MM" with a real day and time.
bool valid_start(const std::string& s)
{
    if (s.size() != 16 || s[10] != 'T' || s[13] != ':' || !parse_iso_date(s.substr(0, 10)))
        return false;
    for (size_t i : { 11u, 12u, 14u, 15u })
        if (s[i] < '0' || s[i] > '9')
            return false;
    return std::stoi(s.substr(11, 2)) < 24 && std::stoi(s.substr(14, 2)) < 60;
}

object slot_json(db::Tx& tx, int64_t inst, const db::Row& r, std::optional<int64_t> me, bool detail)
{
    object o { { "id", r.i64(0) }, { "starts_at", r.str(1) }, { "minutes", r.i64(2) }, { "place", r.str(3) }, { "receiver_person_id", r.i64(4) },
        { "receiver", people::name_of(tx, inst, r.i64(4)) }, { "booked", !r.is_null(5) }, { "mine", me && !r.is_null(5) && r.i64(5) == *me } };
    if (detail) {
        o["booked_by"] = r.is_null(5) ? boost::json::value(nullptr) : boost::json::value(people::name_of(tx, inst, r.i64(5)));
        o["student"] = r.is_null(6) ? boost::json::value(nullptr) : boost::json::value(people::name_of(tx, inst, r.i64(6)));
        o["topic"] = json_or_null(r.opt_str(7));
        o["outcome"] = json_or_null(r.opt_str(8));
    }
    return o;
}

constexpr const char* slot_columns = "SELECT id, starts_at, minutes, place, receiver_person_id, booked_by_person_id, booked_for_student_id, booking_topic, outcome FROM reception_slots ";

Result<Response> publish(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto starts = in.text("starts_at", Presence::Required, 16, Lines::Single, 16);
    auto minutes = in.integer("minutes", Presence::Required, 5, 240);
    auto place = in.text("place", Presence::Required, 200, Lines::Single, 1);
    auto receiver = in.integer("receiver_person_id", Presence::Required, 1, INT64_MAX);
    if (starts && !valid_start(*starts))
        in.add_error("starts_at", "invalid");
    else if (starts && *starts <= now_local(ctx))
        in.add_error("starts_at", "in_past");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        if (!tx.query_one("SELECT 1 FROM persons WHERE institution_id = ? AND id = ?", { inst, *receiver }))
            return Error::field("receiver_person_id", "not_found");
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO reception_slots (institution_id, id, starts_at, on_date, minutes, place, receiver_person_id, published_by, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, id, *starts, starts->substr(0, 10), *minutes, *place, *receiver, ctx.user().user_id, ctx.clock().now() });
        modules::audit_change(ctx, tx, "reception.publish", "reception_slot", id, nullptr, object { { "starts_at", *starts }, { "receiver_person_id", *receiver } });
        auto r = tx.query_one(std::string(slot_columns) + "WHERE institution_id = ? AND id = ?", { inst, id });
        return Response::created(slot_json(tx, inst, *r, ctx.user().person_id, true));
    });
}

// The schedule of a month (this month by default), and whether it has a reception (APL-3).
Result<Response> schedule(Context& ctx)
{
    auto month = ctx.query_param("month").value_or(modules::today(ctx).substr(0, 7));
    if (month.size() != 7 || !parse_iso_date(month + "-01"))
        return Error::field("month", "invalid");
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        int64_t inst = ctx.institution_id();
        for (auto& r : tx.query(std::string(slot_columns) + "WHERE institution_id = ? AND on_date >= ? AND on_date <= ? ORDER BY starts_at, id",
                 { inst, month + "-01", month + "-31" }))
            items.push_back(slot_json(tx, inst, r, ctx.user().person_id, false));
        auto m = *parse_iso_date(month + "-01");
        std::vector<std::string> dates;
        for (auto& i : items)
            dates.push_back(std::string(i.as_object().at("starts_at").as_string()).substr(0, 10));
        return Response::ok(object { { "month", month }, { "has_reception", month_has_reception(dates, m.year, m.month) }, { "items", items } });
    });
}

Result<Response> read(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto r = tx.query_one(std::string(slot_columns) + "WHERE institution_id = ? AND id = ?", { ctx.institution_id(), id });
        return Response::ok(slot_json(tx, ctx.institution_id(), *r, ctx.user().person_id, true));
    });
}

// APL-3: one booking a slot; only a slot ahead.
Result<Response> book(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto topic = in.text("topic", Presence::Required, 1000, Lines::Multi, 1);
    auto student = in.integer("student_id", Presence::Optional, 1, INT64_MAX);
    TRY(in.finish());
    if (!ctx.user().person_id)
        return Error::rule_refusal("APL-2", "rule.statements.anonymous", {}, "filer");
    int64_t inst = ctx.institution_id(), me = *ctx.user().person_id;
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto s = tx.query_one("SELECT starts_at, booked_by_person_id FROM reception_slots WHERE institution_id = ? AND id = ?", { inst, id });
        if (!slot_bookable(s->str(0), now_local(ctx)))
            return Error::rule_refusal("APL-3", "rule.statements.slot_past", {}, "starts_at");
        std::optional<int64_t> for_student;
        if (student && *student != me) {
            if (!store::represents(tx, inst, me, *student))
                return Error::field("student_id", "not_own_child");
            for_student = *student;
        } else if (people::is_student(tx, inst, me))
            for_student = me;
        // One booking a slot: the update takes it only while it is free.
        if (!s->is_null(1)
            || tx.exec("UPDATE reception_slots SET booked_by_person_id = ?, booked_for_student_id = ?, booking_topic = ?, booked_at = ? "
                       "WHERE institution_id = ? AND id = ? AND booked_by_person_id IS NULL",
                   { me, for_student ? db::Value(*for_student) : db::Value(), *topic, ctx.clock().now(), inst, id })
                == 0)
            return Error { ErrorCode::Conflict, "statements.slot_taken" };
        modules::audit_change(ctx, tx, "reception.book", "reception_slot", id, nullptr, object { { "booked_by", me } });
        auto r = tx.query_one(std::string(slot_columns) + "WHERE institution_id = ? AND id = ?", { inst, id });
        return Response::ok(slot_json(tx, inst, *r, me, true));
    });
}

Result<Response> outcome(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto text = in.text("outcome", Presence::Required, 5000, Lines::Multi, 1);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        if (tx.exec("UPDATE reception_slots SET outcome = ?, outcome_at = ? WHERE institution_id = ? AND id = ? AND booked_by_person_id IS NOT NULL",
                { *text, ctx.clock().now(), inst, id })
            == 0)
            return Error { ErrorCode::Conflict, "statements.slot_not_booked" };
        modules::audit_change(ctx, tx, "reception.outcome", "reception_slot", id, nullptr, object { { "outcome", *text } });
        auto r = tx.query_one(std::string(slot_columns) + "WHERE institution_id = ? AND id = ?", { inst, id });
        return Response::ok(slot_json(tx, inst, *r, ctx.user().person_id, true));
    });
}

}

void detail::register_reception_routes(Registry& r)
{
    r.router.add("POST", "/api/v1/reception/slots", manage_perm, policy::publish_reception, Body::Json, publish);
    r.router.add("GET", "/api/v1/reception/slots", perm::Self, policy::read_schedule, Body::None, schedule);
    r.router.add("GET", "/api/v1/reception/slots/{id}", perm::Self, policy::read_slot, Body::None, read);
    r.router.add("POST", "/api/v1/reception/slots/{id}/booking", file_perm, policy::book_slot, Body::Json, book);
    r.router.add("POST", "/api/v1/reception/slots/{id}/outcome", perm::Self, policy::record_outcome, Body::Json, outcome);
}

}
