// Events (PLAN-2): kind and direction, organising body, date and time, place, registration of
// participants and their attendance, the plan item they fulfil; public ones are listed for
// everyone with an iCalendar feed (PLAN-4), without personal data.
#include "core/json_fields.hpp"
#include "modules/activities/event_rules.hpp"
#include "modules/activities/event_store.hpp"
#include "modules/activities/notices.hpp"
#include "modules/activities/policy.hpp"
#include "modules/bodies/policy.hpp"
#include "docs/ical.hpp"
#include "modules/activities/activities.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include <boost/json/array.hpp>

namespace kenes::activities {

using namespace http;
using boost::json::array;
using boost::json::object;
using modules::json_or_null;

namespace {

constexpr const char* event_columns = "SELECT e.id, e.direction, e.title, e.description, e.held_on, e.starts_at, e.place, e.organiser_body_id, b.name, "
                                      "e.plan_item_id, e.public, "
                                      "(SELECT count(*) FROM event_participants p WHERE p.institution_id = e.institution_id AND p.event_id = e.id), "
                                      "(SELECT count(*) FROM event_participants p WHERE p.institution_id = e.institution_id AND p.event_id = e.id AND p.attended = 1), "
                                      "e.cancelled_at, e.cancel_reason, e.revision, COALESCE(e.changed_at, e.created_at) "
                                      "FROM events e JOIN bodies b ON b.institution_id = e.institution_id AND b.id = e.organiser_body_id ";

object event_json(const db::Row& r, bool with_links = true)
{
    object o { { "id", r.i64(0) }, { "direction", r.str(1) }, { "title", r.str(2) }, { "description", r.str(3) }, { "held_on", r.str(4) },
        { "starts_at", json_or_null(r.opt_str(5)) }, { "place", r.str(6) }, { "organiser", r.str(8) }, { "public", r.flag(10) },
        { "registered", r.i64(11) }, { "attended", r.i64(12) }, { "cancelled", !r.is_null(13) }, { "cancel_reason", json_or_null(r.opt_str(14)) } };
    if (with_links) {
        o["organiser_body_id"] = r.i64(7);
        o["plan_item_id"] = json_or_null(r.opt_i64(9));
    }
    return o;
}

Result<Response> list_events(Context& ctx)
{
    auto page = TRY(ctx.paging());
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = ctx.institution_id();
        int64_t total = tx.query_one("SELECT count(*) FROM events WHERE institution_id = ?", { inst })->i64(0);
        array items;
        for (auto& r : tx.query(std::string(event_columns) + "WHERE e.institution_id = ? ORDER BY e.held_on DESC, e.id DESC LIMIT ? OFFSET ?", { inst, page.limit, page.offset }))
            items.push_back(event_json(r));
        return Response::ok(object { { "items", items }, { "total", total }, { "limit", page.limit }, { "offset", page.offset } });
    });
}

Result<Response> create_event(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto organiser = in.integer("organiser_body_id", Presence::Required, 1, INT64_MAX);
    auto direction = in.one_of("direction", Presence::Required, directions);
    auto title = in.text("title", Presence::Required, 300);
    auto description = in.text("description", Presence::Optional, 5000, Lines::Multi);
    auto held_on = in.date("held_on", Presence::Required);
    auto starts_at = in.text("starts_at", Presence::Optional, 5);
    if (starts_at && !rules::valid_start_time(*starts_at))
        in.add_error("starts_at", "invalid");
    auto place = in.text("place", Presence::Required, 300);
    auto plan_item = in.integer("plan_item_id", Presence::Optional, 1, INT64_MAX);
    auto is_public = in.boolean("public", Presence::Optional);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        if (!bodies::body_exists(tx, inst, *organiser))
            return Error::field("organiser_body_id", "not_found");
        TRY(http::authorize(tx, ctx, bodies::policy::run_body, *organiser));
        if (plan_item && !tx.query_one("SELECT 1 FROM plan_items WHERE institution_id = ? AND id = ?", { inst, *plan_item }))
            return Error::field("plan_item_id", "not_found");
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO events (institution_id, id, organiser_body_id, direction, title, description, held_on, starts_at, place, plan_item_id, public, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, id, *organiser, *direction, *title, description.value_or(""), held_on->iso(), db::nullable(starts_at), *place, db::nullable(plan_item),
                int64_t(is_public.value_or(false)), ctx.clock().now() });
        modules::audit_change(ctx, tx, "event.create", "event", id, nullptr, object { { "title", *title }, { "held_on", held_on->iso() } });
        return event_json(*tx.query_one(std::string(event_columns) + "WHERE e.institution_id = ? AND e.id = ?", { inst, id }));
    }));
    return Response::created(out);
}

Result<Response> get_event(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = ctx.institution_id();
        auto r = tx.query_one(std::string(event_columns) + "WHERE e.institution_id = ? AND e.id = ?", { inst, id });
        if (!r)
            return Error::not_found();
        auto out = event_json(*r);
        // Who takes part is visible to those who run the organising body (a list of minors' names).
        if (authz::allows(policy::run_event, ctx.facts)) {
            array participants;
            for (auto& p : tx.query("SELECT ep.person_id, pe.surname, pe.name, pe.patronymic, ep.role, ep.attended FROM event_participants ep "
                                    "JOIN persons pe ON pe.institution_id = ep.institution_id AND pe.id = ep.person_id "
                                    "WHERE ep.institution_id = ? AND ep.event_id = ? ORDER BY pe.sort_kk, pe.id",
                     { inst, id }))
                participants.push_back(object { { "person_id", p.i64(0) }, { "full_name", p.str(1) + " " + p.str(2) + (p.is_null(3) ? "" : " " + p.str(3)) },
                    { "role", p.str(4) }, { "attended", p.flag(5) } });
            out["participants"] = participants;
        }
        out["registered_me"] = ctx.user().person_id
            && tx.query_one("SELECT 1 FROM event_participants WHERE institution_id = ? AND event_id = ? AND person_id = ?", { inst, id, *ctx.user().person_id });
        return Response::ok(out);
    });
}

Result<Response> register_self(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto role = in.one_of("role", Presence::Optional, { "participant", "organiser" });
    TRY(in.finish());
    auto person = ctx.user().person_id;
    if (!person)   // an account without a person record (e.g. a technical administrator)
        return Error::field("person_id", "not_found");
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Status {
        if (!tx.query_one("SELECT 1 FROM events WHERE institution_id = ? AND id = ?", { inst, id }))
            return Error::not_found();
        if (store::is_cancelled(tx, inst, id))
            return Error::rule_refusal("PLAN-2", "rule.event_cancelled_registration");
        if (tx.query_one("SELECT 1 FROM event_participants WHERE institution_id = ? AND event_id = ? AND person_id = ?", { inst, id, *person }))
            return Error { ErrorCode::Conflict };
        tx.exec("INSERT INTO event_participants (institution_id, event_id, person_id, role, attended, registered_at) VALUES (?, ?, ?, ?, 0, ?)",
            { inst, id, *person, role.value_or("participant"), ctx.clock().now() });
        modules::audit_change(ctx, tx, "event.register", "event", id, nullptr, object { { "person_id", *person } });
        return Ok {};
    }));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        return Response::created(event_json(*tx.query_one(std::string(event_columns) + "WHERE e.institution_id = ? AND e.id = ?", { inst, id })));
    });
}

Result<Response> mark_attendance(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto person = in.integer("person_id", Presence::Required, 1, INT64_MAX);
    auto attended = in.boolean("attended", Presence::Required);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Status {
        auto e = tx.query_one("SELECT organiser_body_id, held_on FROM events WHERE institution_id = ? AND id = ?", { inst, id });
        if (!e)
            return Error::not_found();
        if (!people::exists(tx, inst, *person))
            return Error::field("person_id", "not_found");
        tx.exec("INSERT INTO event_participants (institution_id, event_id, person_id, role, attended, registered_at) VALUES (?, ?, ?, 'participant', ?, ?) "
                "ON CONFLICT (institution_id, event_id, person_id) DO UPDATE SET attended = excluded.attended",
            { inst, id, *person, int64_t(*attended), ctx.clock().now() });
        modules::audit_change(ctx, tx, "event.attendance", "event", id, nullptr, object { { "person_id", *person }, { "attended", *attended } });
        return Ok {};
    }));
    return get_event(ctx);
}

// The Almaty date and time now: what "has taken place" is measured against (PLAN-2).
std::pair<std::string, std::string> almaty_now(const Context& ctx)
{
    auto local = almaty::iso_datetime(ctx.clock().now());   // 2026-12-05T18:40:00+05:00
    return { local.substr(0, 10), local.substr(11, 5) };
}

// PLAN-2: an event that has taken place is a record of what happened; it no longer changes.
Status still_ahead(const Context& ctx, const store::StoredEvent& e)
{
    auto [today, now] = almaty_now(ctx);
    if (rules::has_taken_place(e.facts.held_on, e.facts.starts_at, today, now))
        return Error::rule_refusal("PLAN-2", "rule.event_past");
    if (e.cancelled)
        return Error::rule_refusal("PLAN-2", "rule.event_cancelled");
    return Ok {};
}

object facts_json(const rules::EventFacts& f)
{
    return { { "title", f.title }, { "description", f.description }, { "held_on", f.held_on }, { "starts_at", json_or_null(f.starts_at) }, { "place", f.place } };
}

// The fields a PATCH names replace the event's; those it leaves out keep their values; a null or
// empty start time makes it an all-day event.
Result<rules::EventFacts> read_changes(const object& body, rules::EventFacts f)
{
    FieldReader in(body);
    auto title = in.text("title", Presence::IfGiven, 300);
    auto description = in.text("description", Presence::Optional, 5000, Lines::Multi);
    auto held_on = in.date("held_on", Presence::IfGiven);
    auto starts_at = in.text("starts_at", Presence::Optional, 5);
    if (starts_at && !rules::valid_start_time(*starts_at))
        in.add_error("starts_at", "invalid");
    auto place = in.text("place", Presence::IfGiven, 300);
    TRY(in.finish());
    if (title)
        f.title = *title;
    if (in.has("description"))
        f.description = description.value_or("");
    if (held_on)
        f.held_on = held_on->iso();
    if (in.has("starts_at"))
        f.starts_at = starts_at;
    if (place)
        f.place = *place;
    return f;
}

Result<Response> event_response(Context& ctx, int64_t id)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        return Response::ok(event_json(*tx.query_one(std::string(event_columns) + "WHERE e.institution_id = ? AND e.id = ?", { ctx.institution_id(), id })));
    });
}

// PLAN-2: the organisers move, rename or relocate an event ahead; the people registered for it
// are told what changed in the same transaction (nobody when nothing visible changed).
Result<Response> update_event(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Status {
        auto e = store::find_event(tx, inst, id);
        if (!e)
            return Error::not_found();
        auto after = TRY(read_changes(body, e->facts));
        TRY(still_ahead(ctx, *e));
        auto [today, now] = almaty_now(ctx);
        if (rules::has_taken_place(after.held_on, after.starts_at, today, now))
            return Error::rule_refusal("PLAN-2", "rule.event_moved_to_past", {}, "held_on");
        if (!rules::compare(e->facts, after).any())
            return Ok {};
        store::update_event(tx, inst, id, after, ctx.clock().now());
        modules::audit_change(ctx, tx, "event.update", "event", id, facts_json(e->facts), facts_json(after));
        notices::event_changed(tx, ctx.clock(), inst, id, e->facts, after);
        return Ok {};
    }));
    return event_response(ctx, id);
}

// PLAN-2: a cancelled event stays listed, marked with its reason, and takes no registrations.
Result<Response> cancel_event(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto reason = in.text("reason", Presence::Required, 1000, Lines::Multi);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Status {
        auto e = store::find_event(tx, inst, id);
        if (!e)
            return Error::not_found();
        TRY(still_ahead(ctx, *e));
        store::cancel_event(tx, inst, id, *reason, ctx.clock().now());
        modules::audit_change(ctx, tx, "event.cancel", "event", id, object { { "cancelled", false } }, object { { "cancelled", true }, { "reason", *reason } });
        notices::event_cancelled(tx, ctx.clock(), inst, id, e->facts, *reason);
        return Ok {};
    }));
    return event_response(ctx, id);
}

// PLAN-4: public events of an institution: titles, dates, places and organisers only.
Result<Response> public_events(Context& ctx, bool as_calendar)
{
    int64_t inst = TRY(ctx.id_param("institution_id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto institution = tx.query_one("SELECT name FROM institutions WHERE id = ?", { inst });
        if (!institution)
            return Error::not_found();
        auto rows = tx.query(std::string(event_columns) + "WHERE e.institution_id = ? AND e.public = 1 ORDER BY e.held_on DESC, e.id DESC LIMIT 500", { inst });
        if (as_calendar) {
            std::vector<docs::CalendarEvent> events;
            for (auto& r : rows)
                events.push_back({ docs::calendar_uid("event", r.i64(0), inst), r.str(4), r.opt_str(5), 120, r.str(2), r.str(6), r.str(3), int(r.i64(15)), !r.is_null(13),
                    r.i64(16) });
            auto resp = Response::text(200, docs::calendar(institution->str(0), events, ctx.clock().now()), "text/calendar; charset=utf-8");
            resp.set_header("Content-Disposition", "inline; filename=\"events.ics\"");
            return resp;
        }
        array items;
        for (auto& r : rows)
            items.push_back(event_json(r, false));
        return Response::ok(object { { "institution", institution->str(0) }, { "items", items } });
    });
}

}

void detail::register_event_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/events", "bodies.read", authz::in_institution, Body::None, list_events);
    r.router.add("POST", "/api/v1/events", "meetings.run", authz::in_institution, Body::Json, create_event);
    r.router.add("GET", "/api/v1/events/{id}", "bodies.read", policy::read_event, Body::None, get_event);
    r.router.add("POST", "/api/v1/events/{id}/registrations", perm::Self, policy::join_event, Body::Json, register_self);
    r.router.add("PATCH", "/api/v1/events/{id}", "meetings.run", policy::run_event, Body::Json, update_event);
    r.router.add("POST", "/api/v1/events/{id}/cancel", "meetings.run", policy::run_event, Body::Json, cancel_event);
    r.router.add("PUT", "/api/v1/events/{id}/attendance", "meetings.run", policy::run_event, Body::Json, mark_attendance);
    r.router.add("GET", "/api/v1/public/institutions/{institution_id}/events", perm::Public, authz::anyone, Body::None, [](Context& c) { return public_events(c, false); });
    r.router.add("GET", "/api/v1/public/institutions/{institution_id}/events.ics", perm::Public, authz::anyone, Body::None, [](Context& c) { return public_events(c, true); });
}

void register_module(Registry& r)
{
    r.migrations.push_back({ 600, "work plans and events", R"sql(
CREATE TABLE work_plans (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    body_id BIGINT NOT NULL,
    academic_year TEXT NOT NULL,
    status TEXT NOT NULL,
    approved_by_item_id BIGINT,
    approved_at BIGINT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE UNIQUE INDEX work_plans_year ON work_plans (institution_id, body_id, academic_year);
CREATE TABLE plan_items (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    plan_id BIGINT NOT NULL,
    direction TEXT NOT NULL,
    title TEXT NOT NULL,
    responsible_person_id BIGINT,
    due_on TEXT NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX plan_items_plan ON plan_items (institution_id, plan_id);
CREATE TABLE events (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    organiser_body_id BIGINT NOT NULL,
    direction TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    held_on TEXT NOT NULL,
    starts_at TEXT,
    place TEXT NOT NULL,
    plan_item_id BIGINT,
    public INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX events_date ON events (institution_id, held_on);
CREATE TABLE reports (
    institution_id BIGINT NOT NULL,
    id BIGINT NOT NULL,
    body_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    narrative TEXT NOT NULL,
    status TEXT NOT NULL,
    figures_json TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    approved_at BIGINT,
    PRIMARY KEY (institution_id, id)
);
CREATE TABLE event_participants (
    institution_id BIGINT NOT NULL,
    event_id BIGINT NOT NULL,
    person_id BIGINT NOT NULL,
    role TEXT NOT NULL,
    attended INTEGER NOT NULL,
    registered_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, event_id, person_id)
);
)sql" });
    // Changed and cancelled events (PLAN-2): the revision is the calendar's SEQUENCE.
    r.migrations.push_back({ 610, "cancelled events and their revisions", R"sql(
ALTER TABLE events ADD COLUMN cancelled_at BIGINT;
ALTER TABLE events ADD COLUMN cancel_reason TEXT;
ALTER TABLE events ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
)sql" });
    // The calendar's DTSTAMP and LAST-MODIFIED: when the event last changed (null: never since
    // it was created).
    r.migrations.push_back({ 612, "when events last changed", R"sql(
ALTER TABLE events ADD COLUMN changed_at BIGINT;
)sql" });
    notices::register_kinds();
    register_needs(r);
    detail::register_plan_routes(r);
    detail::register_event_routes(r);
    detail::register_public_routes(r);
    detail::register_report_routes(r);
}

}
