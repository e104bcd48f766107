// Sessions of a body: convening (MTG-1), numbering per body and academic year (MTG-7), attendance
// and quorum (MTG-3, MTG-4, MTG-5), agenda items (MTG-2), recusal (MTG-6), votes, decisions and
// dissenting opinions (ORG-10).
#include "core/json_fields.hpp"
#include "docs/ical.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/bodies/notices.hpp"
#include "modules/bodies/policy.hpp"
#include "modules/bodies/templates.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include "security/sessions.hpp"
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/parse.hpp>
#include <map>
#include <set>

namespace kenes::bodies {

using namespace http;
using boost::json::array;
using boost::json::object;
using modules::json_or_null;

namespace {

constexpr const char* read_perm = "bodies.read";
constexpr const char* run_perm = "meetings.run";

struct Seat {
    int64_t person_id;
    std::string position;
    bool voting;
};

std::vector<Seat> seats_on(db::Tx& tx, int64_t inst, int64_t body_id, const std::string& date)
{
    std::vector<Seat> out;
    for (auto& r : tx.query("SELECT person_id, position, voting FROM memberships WHERE institution_id = ? AND body_id = ? AND starts_on <= ? "
                            "AND (ends_on IS NULL OR ends_on >= ?) ORDER BY id",
             { inst, body_id, date, date }))
        out.push_back({ r.i64(0), r.str(1), r.flag(2) });
    return out;
}

const Seat* seat_of(const std::vector<Seat>& seats, std::optional<int64_t> person)
{
    for (auto& s : seats)
        if (person && s.person_id == *person)
            return &s;
    return nullptr;
}

struct Meeting {
    int64_t id, body_id, number;
    std::string held_on, place, status, academic_year, starts_at;
    bool extraordinary = false;   // DISC-PEN-3
};

std::optional<Meeting> load_meeting(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT id, body_id, number, held_on, place, status, academic_year, starts_at, extraordinary FROM meetings WHERE institution_id = ? AND id = ?",
        { inst, id });
    if (!r)
        return std::nullopt;
    return Meeting { r->i64(0), r->i64(1), r->i64(2), r->str(3), r->str(4), r->str(5), r->str(6), r->str(7), r->flag(8) };
}

std::string local_now(const Clock& clock) { return almaty::iso_datetime(clock.now()); }

// MTG-1: scheduled before its start, open from it, closed once closed (derived from the clock).
const char* phase_of(const Meeting& m, const Clock& clock)
{
    return phase_name(session_phase(m.status, m.held_on, m.starts_at, local_now(clock)));
}

// Attendance and votes only from the session's start (MTG-1); the refusal names the start.
Status started(const Meeting& m, const Clock& clock)
{
    if (session_started(m.held_on, m.starts_at, local_now(clock)))
        return Ok {};
    return Error::rule_refusal("MTG-1", "rule.session_not_started", { { "date", m.held_on }, { "time", m.starts_at } });
}

std::set<int64_t> present_set(db::Tx& tx, int64_t inst, int64_t meeting_id)
{
    std::set<int64_t> out;
    for (auto& r : tx.query("SELECT person_id FROM attendance WHERE institution_id = ? AND meeting_id = ? AND present = 1", { inst, meeting_id }))
        out.insert(r.i64(0));
    return out;
}

struct SessionState {
    BodyRules rules;
    std::vector<Seat> seats;
    std::set<int64_t> present;
    int64_t voting_members = 0, voting_present = 0;
    QuorumCheck quorum;
};

SessionState session_state(db::Tx& tx, int64_t inst, const Meeting& m)
{
    SessionState s { rules_on(tx, inst, m.body_id, m.held_on), seats_on(tx, inst, m.body_id, m.held_on), present_set(tx, inst, m.id) };
    for (auto& seat : s.seats)
        if (seat.voting) {
            ++s.voting_members;
            s.voting_present += s.present.contains(seat.person_id);
        }
    s.quorum = check_quorum(s.rules, s.voting_members, s.voting_present);
    return s;
}

object quorum_params(const QuorumCheck& q)
{
    return { { "present", q.present }, { "base", q.base }, { "needed", q.needed },
        { "comparison", q.rule->comparison == Threshold::Comparison::MoreThan ? "more_than" : "at_least" }, { "numerator", q.rule->numerator },
        { "denominator", q.rule->denominator }, { "met", q.met ? "true" : "false" } };
}

object meeting_json(db::Tx& tx, int64_t inst, const Meeting& m, const Catalog& catalog, Lang lang, const Clock& clock)
{
    auto s = session_state(tx, inst, m);
    array attendance;
    for (auto& r : tx.query("SELECT m.person_id, m.position, m.voting, p.surname, p.name, p.patronymic, a.present FROM memberships m "
                            "JOIN persons p ON p.institution_id = m.institution_id AND p.id = m.person_id "
                            "LEFT JOIN attendance a ON a.institution_id = m.institution_id AND a.meeting_id = ? AND a.person_id = m.person_id "
                            "WHERE m.institution_id = ? AND m.body_id = ? AND m.starts_on <= ? AND (m.ends_on IS NULL OR m.ends_on >= ?) ORDER BY m.id",
             { m.id, inst, m.body_id, m.held_on, m.held_on }))
        attendance.push_back(object { { "person_id", r.i64(0) }, { "position", r.str(1) }, { "voting", r.flag(2) },
            { "full_name", people::full_name(r, 3) },
            { "status", r.is_null(6) ? "unmarked" : (r.flag(6) ? "present" : "absent") } });
    auto qp = quorum_params(s.quorum);
    object quorum { { "met", s.quorum.met }, { "present", s.quorum.present }, { "base", s.quorum.base }, { "needed", s.quorum.needed },
        { "rule", s.quorum.rule->rule }, { "explanation", catalog.format(lang, "body.quorum.explanation", qp) } };
    array items;
    for (auto& r : tx.query("SELECT id, position, kind, title, motion, secret, vote_status, outcome, yes_votes, no_votes, abstentions FROM agenda_items "
                            "WHERE institution_id = ? AND meeting_id = ? ORDER BY position, id",
             { inst, m.id })) {
        int64_t item = r.i64(0);
        array interested, votes, dissents;
        for (auto& i : tx.query("SELECT person_id FROM interests WHERE institution_id = ? AND item_id = ? ORDER BY person_id", { inst, item }))
            interested.emplace_back(i.i64(0));
        bool secret = r.flag(5);
        int64_t cast = 0;
        for (auto& v : tx.query("SELECT person_id, choice FROM votes WHERE institution_id = ? AND item_id = ? ORDER BY person_id", { inst, item })) {
            ++cast;
            // In a secret vote nobody sees who voted how, only who has voted.
            votes.push_back(secret ? object { { "person_id", v.i64(0) } } : object { { "person_id", v.i64(0) }, { "choice", v.str(1) } });
        }
        for (auto& d : tx.query("SELECT person_id, text FROM dissents WHERE institution_id = ? AND item_id = ? ORDER BY person_id", { inst, item }))
            dissents.push_back(object { { "person_id", d.i64(0) }, { "text", d.str(1) } });
        object it { { "id", item }, { "position", r.i64(1) }, { "kind", r.str(2) }, { "title", r.str(3) }, { "motion", r.str(4) }, { "secret", secret },
            { "vote_status", r.str(6) }, { "outcome", json_or_null(r.opt_str(7)) }, { "votes_cast", cast }, { "interested_person_ids", interested },
            { "votes", votes }, { "dissents", dissents } };
        if (r.str(6) == "closed")
            it["counts"] = object { { "yes", r.i64(8) }, { "no", r.i64(9) }, { "abstain", r.i64(10) } };
        // MTG-8: a decision annulled by the General Meeting links to the annulling decision, and that one to what it annulled.
        if (auto a = tx.query_one("SELECT a.by_item_id, i.meeting_id, i.title FROM decision_annulments a JOIN agenda_items i ON i.institution_id = a.institution_id "
                                  "AND i.id = a.by_item_id WHERE a.institution_id = ? AND a.item_id = ?",
                { inst, item }))
            it["annulled_by"] = object { { "agenda_item_id", a->i64(0) }, { "meeting_id", a->i64(1) }, { "title", a->str(2) }, { "rule", "MTG-8" } };
        array annuls;
        for (auto& a : tx.query("SELECT a.item_id, i.meeting_id, i.title FROM decision_annulments a JOIN agenda_items i ON i.institution_id = a.institution_id "
                                "AND i.id = a.item_id WHERE a.institution_id = ? AND a.by_item_id = ? ORDER BY a.item_id",
                 { inst, item }))
            annuls.push_back(object { { "agenda_item_id", a.i64(0) }, { "meeting_id", a.i64(1) }, { "title", a.str(2) } });
        if (!annuls.empty())
            it["annuls"] = std::move(annuls);
        items.push_back(std::move(it));
    }
    return { { "id", m.id }, { "body_id", m.body_id }, { "number", m.number }, { "academic_year", m.academic_year }, { "held_on", m.held_on },
        { "extraordinary", m.extraordinary }, { "starts_at", m.starts_at }, { "place", m.place }, { "status", phase_of(m, clock) }, { "quorum", quorum }, { "attendance", attendance }, { "items", items },
        { "voting_members", s.voting_members }, { "voting_present", s.voting_present }, { "version", audit::data_version(tx, inst) } };
}

// The projector view: quorum and per-item counts, without the per-member lists, so that a
// session of thousands of members streams kilobytes, not megabytes, to each viewer.
object meeting_summary_json(db::Tx& tx, int64_t inst, const Meeting& m, const Catalog& catalog, Lang lang, const Clock& clock)
{
    auto s = session_state(tx, inst, m);
    array items;
    for (auto& r : tx.query("SELECT i.id, i.position, i.title, i.vote_status, i.outcome, i.yes_votes, i.no_votes, i.abstentions, "
                            "(SELECT count(*) FROM votes v WHERE v.institution_id = i.institution_id AND v.item_id = i.id) FROM agenda_items i "
                            "WHERE i.institution_id = ? AND i.meeting_id = ? ORDER BY i.position, i.id",
             { inst, m.id })) {
        object it { { "id", r.i64(0) }, { "position", r.i64(1) }, { "title", r.str(2) }, { "vote_status", r.str(3) }, { "outcome", json_or_null(r.opt_str(4)) },
            { "votes_cast", r.i64(8) } };
        if (r.str(3) == "closed")
            it["counts"] = object { { "yes", r.i64(5) }, { "no", r.i64(6) }, { "abstain", r.i64(7) } };
        items.push_back(std::move(it));
    }
    return { { "id", m.id }, { "number", m.number }, { "held_on", m.held_on }, { "starts_at", m.starts_at }, { "status", phase_of(m, clock) },
        { "extraordinary", m.extraordinary },
        { "version", audit::data_version(tx, inst) }, { "voting_members", s.voting_members },
        { "voting_present", s.voting_present },
        { "quorum", object { { "met", s.quorum.met }, { "needed", s.quorum.needed }, { "rule", s.quorum.rule->rule },
                        { "explanation", catalog.format(lang, "body.quorum.explanation", quorum_params(s.quorum)) } } },
        { "items", items } };
}

Result<Response> list_meetings(Context& ctx)
{
    int64_t body_id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        if (!body_exists(tx, ctx.institution_id(), body_id))
            return Error::not_found();
        array items;
        auto now = local_now(ctx.clock());
        for (auto& r : tx.query("SELECT id, number, academic_year, held_on, place, status, starts_at, extraordinary FROM meetings WHERE institution_id = ? AND body_id = ? "
                                "ORDER BY held_on DESC, starts_at DESC, id DESC LIMIT ?",
                 { ctx.institution_id(), body_id, modules::short_list_cap }))
            items.push_back(object { { "id", r.i64(0) }, { "number", r.i64(1) }, { "academic_year", r.str(2) }, { "held_on", r.str(3) },
                { "starts_at", r.str(6) }, { "place", r.str(4) }, { "status", phase_name(session_phase(r.str(5), r.str(3), r.str(6), now)) },
                { "extraordinary", r.flag(7) } });
        return Response::ok(object { { "items", items } });
    });
}

// MTG-7: gives the sessions of a body's academic year their numbers in date order (signed
// protocols keep theirs); an unsigned draft protocol follows its session's new number. Each other
// session whose number changes is audited. Returns the number of `convened`.
int64_t renumber_sessions(Context& ctx, db::Tx& tx, int64_t body_id, const std::string& year, int64_t convened)
{
    int64_t inst = ctx.institution_id();
    std::vector<NumberedSession> sessions;
    for (auto& r : tx.query("SELECT m.id, m.held_on, m.starts_at, m.number, (SELECT count(*) FROM protocols p WHERE p.institution_id = m.institution_id "
                            "AND p.meeting_id = m.id AND p.status = 'final') + (SELECT count(*) FROM protocol_signatures s WHERE s.institution_id = m.institution_id "
                            "AND s.meeting_id = m.id) FROM meetings m WHERE m.institution_id = ? AND m.body_id = ? AND m.academic_year = ?",
             { inst, body_id, year }))
        sessions.push_back({ r.i64(0), r.str(1), r.str(2), r.i64(3), r.i64(4) > 0 });
    std::map<int64_t, int64_t> before;
    for (auto& s : sessions)
        before[s.id] = s.number;
    auto numbered = renumber_by_date(std::move(sessions));
    // Two steps, so that the unique (body, year, number) index never sees two equal numbers.
    for (auto& s : numbered)
        if (s.number != before[s.id])
            tx.exec("UPDATE meetings SET number = ? WHERE institution_id = ? AND id = ?", { -s.id, inst, s.id });
    int64_t result = 0;
    for (auto& s : numbered) {
        if (s.id == convened)
            result = s.number;
        if (s.number == before[s.id])
            continue;
        tx.exec("UPDATE meetings SET number = ? WHERE institution_id = ? AND id = ?", { s.number, inst, s.id });
        if (auto draft = tx.query_one("SELECT snapshot_json FROM protocols WHERE institution_id = ? AND meeting_id = ?", { inst, s.id })) {
            auto snapshot = boost::json::parse(draft->str(0)).as_object();
            snapshot["number"] = s.number;
            tx.exec("UPDATE protocols SET snapshot_json = ? WHERE institution_id = ? AND meeting_id = ?", { boost::json::serialize(snapshot), inst, s.id });
        }
        if (s.id != convened)
            modules::audit_change(ctx, tx, "meeting.renumber", "meeting", s.id, object { { "number", before[s.id] } }, object { { "number", s.number } });
    }
    return result;
}

Result<Response> convene(Context& ctx)
{
    int64_t body_id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto held_on = in.date("held_on", Presence::Required);
    auto starts_at = in.text("starts_at", Presence::Required, 5);
    if (starts_at && !valid_start_time(*starts_at))
        in.add_error("starts_at", "invalid");
    auto place = in.text("place", Presence::Required, 200);
    auto convened_by = in.integer("convened_by", Presence::Required, 1, INT64_MAX);
    auto agreement = in.boolean("chair_agreement", Presence::Optional);
    // DISC-PEN-3: an extraordinary session (the Teachers Council deciding an exclusion).
    bool extraordinary = in.boolean("extraordinary", Presence::Optional).value_or(false);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        // MTG-1: the chair convenes; the vice-chair only in agreement with the chair.
        auto seats = seats_on(tx, inst, body_id, held_on->iso());
        auto* s = seat_of(seats, convened_by);
        if (!s || !(chairs(s->position) || (vice_chairs(s->position) && agreement.value_or(false))))
            return Error::rule_refusal("MTG-1", "rule.convener", {}, "convened_by");
        std::string year = academic_year_of(*held_on);
        // MTG-7: protocols are numbered per body and academic year; the new session is numbered
        // last for now and takes its place by date below.
        int64_t number = -tx.next_id();
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO meetings (institution_id, id, body_id, number, academic_year, held_on, place, convened_by, status, created_at, starts_at, extraordinary) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)",
            { inst, id, body_id, number, year, held_on->iso(), *place, *convened_by, ctx.clock().now(), *starts_at, int64_t(extraordinary) });
        number = renumber_sessions(ctx, tx, body_id, year, id);
        modules::audit_change(ctx, tx, "meeting.convene", "meeting", id, nullptr,
            object { { "body_id", body_id }, { "number", number }, { "held_on", held_on->iso() }, { "starts_at", *starts_at }, { "convened_by", *convened_by },
                { "extraordinary", extraordinary } });
        notices::meeting_convened(tx, ctx.clock(), inst, id);
        return meeting_json(tx, inst, *load_meeting(tx, inst, id), ctx.services.catalog, ctx.lang, ctx.clock());
    }));
    return Response::created(out);
}

// Server-sent events: the session as JSON whenever it changes (attendance, votes, decisions),
// at most once a second, for the secretary's screen, members' phones and the projector view.
Result<Response> meeting_events(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    int64_t inst = ctx.institution_id();
    if (!ctx.db().read([&](db::Tx& tx) { return load_meeting(tx, inst, id).has_value(); }))
        return Error::not_found();
    auto view = ctx.query_param("view").value_or("full");
    if (view != "full" && view != "summary")
        return Error::field("view", "invalid");
    bool summary = view == "summary";
    Response r;
    r.live_topic = "meeting:" + std::to_string(inst) + ":" + std::to_string(id) + ":" + std::string(lang_code(ctx.lang)) + ":" + view;
    db::Database* db = &ctx.db();
    const Catalog* catalog = &ctx.services.catalog;
    const Clock* clock = &ctx.clock();
    Lang lang = ctx.lang;
    r.live_loader = [db, catalog, clock, lang, inst, id, summary](int64_t& version) -> std::optional<std::string> {
        return db->read([&](db::Tx& tx) -> std::optional<std::string> {
            int64_t now = audit::data_version(tx, inst);
            if (now == version)
                return std::nullopt;
            auto m = load_meeting(tx, inst, id);
            if (!m)
                return std::nullopt;
            version = now;
            return boost::json::serialize(summary ? meeting_summary_json(tx, inst, *m, *catalog, lang, *clock) : meeting_json(tx, inst, *m, *catalog, lang, *clock));
        });
    };
    return r;
}

std::vector<docs::CalendarEvent> calendar_events(const db::Rows& rows, const Catalog& catalog, Lang lang, int64_t inst)
{
    std::vector<docs::CalendarEvent> events;
    for (auto& r : rows)
        events.push_back(docs::session_event(r.i64(0), r.str(2), r.str(5), r.str(4) + " - " + catalog.format(lang, "protocol.title", { { "number", r.i64(1) } }), r.str(3),
            inst, r.i64(6)));
    return events;
}

Response ics(std::string body, const std::string& name)
{
    auto r = Response::text(200, std::move(body), "text/calendar; charset=utf-8");
    r.set_header("Content-Disposition", "inline; filename=\"" + name + ".ics\"");
    return r;
}

constexpr const char* calendar_select = "SELECT m.id, m.number, m.held_on, m.place, b.name, m.starts_at, m.created_at FROM meetings m "
                                        "JOIN bodies b ON b.institution_id = m.institution_id AND b.id = m.body_id ";

// iCalendar feed of a body's sessions.
Result<Response> body_calendar(Context& ctx)
{
    int64_t body_id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto b = tx.query_one("SELECT name FROM bodies WHERE institution_id = ? AND id = ?", { ctx.institution_id(), body_id });
        if (!b)
            return Error::not_found();
        auto rows = tx.query(std::string(calendar_select) + "WHERE m.institution_id = ? AND m.body_id = ? ORDER BY m.held_on, m.id LIMIT 2000",
            { ctx.institution_id(), body_id });
        return ics(docs::calendar(b->str(0), calendar_events(rows, ctx.services.catalog, ctx.lang, ctx.institution_id()), ctx.clock().now()), "body-" + std::to_string(body_id));
    });
}

// The sessions of every body a person belongs to, as an iCalendar feed.
Response person_calendar(db::Tx& tx, const Context& ctx, Lang lang, int64_t inst, const Principal& who)
{
    auto rows = tx.query(std::string(calendar_select) + "JOIN memberships ms ON ms.institution_id = m.institution_id AND ms.body_id = m.body_id "
                                                        "AND ms.starts_on <= m.held_on AND (ms.ends_on IS NULL OR ms.ends_on >= m.held_on) "
                                                        "WHERE m.institution_id = ? AND ms.person_id = ? ORDER BY m.held_on, m.id LIMIT 2000",
        { inst, who.person_id.value_or(0) });
    return ics(docs::calendar(who.display_name, calendar_events(rows, ctx.services.catalog, lang, inst), ctx.clock().now()), "my-sessions");
}

// iCalendar feed of the sessions of every body the signed-in person belongs to.
Result<Response> my_calendar(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> { return person_calendar(tx, ctx, ctx.lang, ctx.institution_id(), ctx.user()); });
}

// The same feed at a secret URL, for calendar apps that subscribe without a cookie. The token is
// in the path: a subscription sends no headers of its own.
Result<Response> feed_calendar(Context& ctx)
{
    std::string token = ctx.params.at("code");
    auto lang = TRY(modules::document_lang(ctx));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto who = sessions::find_by_calendar_feed(tx, ctx.clock(), ctx.services.permissions, token);
        if (!who)
            return Error::not_found();
        auto r = person_calendar(tx, ctx, lang, who->institution_id, *who);
        // A personal feed: not for shared caches, and not indexed.
        r.set_header("Cache-Control", "private, no-store");
        r.set_header("X-Robots-Tag", "noindex");
        return r;
    });
}

object feed_json(std::optional<int64_t> created, std::optional<std::string> url)
{
    object o { { "active", created.has_value() }, { "created_at", created ? boost::json::value(almaty::iso_datetime(*created)) : boost::json::value(nullptr) } };
    if (url)
        o["url"] = *url;
    return o;
}

Result<Response> get_calendar_feed(Context& ctx)
{
    auto created = ctx.db().read([&](db::Tx& tx) { return sessions::calendar_feed_created(tx, ctx.institution_id(), ctx.user().user_id); });
    return Response::ok(feed_json(created, std::nullopt));
}

// A new secret URL (the previous one stops working); shown once, like an API token.
Result<Response> create_calendar_feed(Context& ctx)
{
    auto token = TRY(ctx.db().write([&](db::Tx& tx) -> Result<sessions::NewToken> {
        auto t = sessions::create_calendar_feed(tx, ctx.clock(), ctx.institution_id(), ctx.user().user_id);
        modules::audit_change(ctx, tx, "calendar_feed.create", "user", ctx.user().user_id, nullptr, object { { "token_id", t.id } });
        return t;
    }));
    auto url = modules::base_url(ctx) + "/api/v1/public/calendar-feeds/" + token.token + "/sessions.ics";
    return Response::created(feed_json(ctx.clock().now(), url));
}

Result<Response> revoke_calendar_feed(Context& ctx)
{
    TRY(ctx.db().write([&](db::Tx& tx) -> Result<Ok> {
        if (!sessions::revoke_calendar_feed(tx, ctx.institution_id(), ctx.user().user_id))
            return Error::not_found();
        modules::audit_change(ctx, tx, "calendar_feed.revoke", "user", ctx.user().user_id, object { { "active", true } }, object { { "active", false } });
        return Ok {};
    }));
    return Response::no_content();
}

Result<Response> get_meeting(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto m = load_meeting(tx, ctx.institution_id(), id);
        if (!m)
            return Error::not_found();
        return Response::ok(meeting_json(tx, ctx.institution_id(), *m, ctx.services.catalog, ctx.lang, ctx.clock()));
    });
}

// Runs a change to an open meeting (the route's policy let the user run it); answers the meeting.
template<class F>
Result<Response> change_meeting(Context& ctx, int64_t meeting_id, F&& change)
{
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto m = load_meeting(tx, inst, meeting_id);
        if (!m)
            return Error::not_found();
        if (m->status != "open")
            return Error::rule_refusal("MTG-7", "rule.meeting_closed");
        TRY(change(tx, *m));
        return meeting_json(tx, inst, *m, ctx.services.catalog, ctx.lang, ctx.clock());
    }));
    return Response::ok(out);
}

Result<Response> mark_attendance(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto person = in.integer("person_id", Presence::Required, 1, INT64_MAX);
    auto present = in.boolean("present", Presence::Required);
    TRY(in.finish());
    return change_meeting(ctx, id, [&](db::Tx& tx, const Meeting& m) -> Status {
        TRY(started(m, ctx.clock()));
        auto seats = seats_on(tx, ctx.institution_id(), m.body_id, m.held_on);
        if (!seat_of(seats, person))
            return Error::field("person_id", "not_found");
        tx.exec("INSERT INTO attendance (institution_id, meeting_id, person_id, present) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (institution_id, meeting_id, person_id) DO UPDATE SET present = excluded.present",
            { ctx.institution_id(), m.id, *person, int64_t(*present) });
        modules::audit_change(ctx, tx, "meeting.attendance", "meeting", m.id, nullptr, object { { "person_id", *person }, { "present", *present } });
        return Ok {};
    });
}

// "Mark all present": every member seated on the session's day who is not marked yet or marked
// absent, in one request; one audit entry per person, as when marked one by one.
Result<Response> mark_all_present(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    TRY(in.finish());
    return change_meeting(ctx, id, [&](db::Tx& tx, const Meeting& m) -> Status {
        TRY(started(m, ctx.clock()));
        auto present = present_set(tx, ctx.institution_id(), m.id);
        for (auto& seat : seats_on(tx, ctx.institution_id(), m.body_id, m.held_on)) {
            if (present.contains(seat.person_id))
                continue;
            tx.exec("INSERT INTO attendance (institution_id, meeting_id, person_id, present) VALUES (?, ?, ?, 1) "
                    "ON CONFLICT (institution_id, meeting_id, person_id) DO UPDATE SET present = excluded.present",
                { ctx.institution_id(), m.id, seat.person_id });
            present.insert(seat.person_id);
            modules::audit_change(ctx, tx, "meeting.attendance", "meeting", m.id, nullptr, object { { "person_id", seat.person_id }, { "present", true } });
        }
        return Ok {};
    });
}

Result<int64_t> insert_item(db::Tx& tx, const Clock& clock, const audit::Actor& actor, int64_t inst, const Meeting& m, const std::string& kind,
    const std::string& title, const std::string& motion, bool secret, const std::vector<int64_t>& interested)
{
    // A recusal names people of this institution; an unknown id would be stored and never match.
    for (auto p : interested)
        if (!people::exists(tx, inst, p))
            return Error::field("interested_person_ids", "not_found");
    int64_t item = tx.next_id();
    int64_t position = tx.query_one("SELECT count(*) FROM agenda_items WHERE institution_id = ? AND meeting_id = ?", { inst, m.id })->i64(0) + 1;
    tx.exec("INSERT INTO agenda_items (institution_id, id, meeting_id, position, kind, title, motion, secret, vote_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'none')",
        { inst, item, m.id, position, kind, title, motion, int64_t(secret) });
    for (auto p : interested)
        tx.exec("INSERT INTO interests (institution_id, item_id, person_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", { inst, item, p });
    audit::record(tx, clock, { inst, actor, "agenda_item.create", "agenda_item", item, nullptr, object { { "meeting_id", m.id }, { "title", title }, { "kind", kind } } });
    notices::agenda_item_added(tx, clock, inst, m.id, item, title);
    return item;
}

Result<Response> add_item(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    // MTG-2: the council's powers as agenda item kinds, and the commissions' cases.
    auto kind = in.one_of("kind", Presence::Required,
        { "membership_candidates", "recommendations", "approve_agenda", "approve_work_plan", "hear_report", "discipline_case", "hostel_allocation",
            "awards", "other" });
    auto title = in.text("title", Presence::Required, 500);
    auto motion = in.text("motion", Presence::Required, 2000, Lines::Multi);
    auto secret = in.boolean("secret", Presence::Optional);
    // MTG-6: persons interested in the outcome, who must not take part in deciding it.
    auto interested = in.id_list("interested_person_ids", Presence::Optional, 50).value_or(std::vector<int64_t> {});
    TRY(in.finish());
    return change_meeting(ctx, id, [&](db::Tx& tx, const Meeting& m) -> Status {
        TRY(insert_item(tx, ctx.clock(), ctx.user().actor(), ctx.institution_id(), m, *kind, *title, *motion, secret.value_or(false), interested));
        return Ok {};
    });
}

struct ItemRef {
    int64_t id, meeting_id;
    std::string vote_status;
};

std::optional<ItemRef> load_item(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT id, meeting_id, vote_status FROM agenda_items WHERE institution_id = ? AND id = ?", { inst, id });
    if (!r)
        return std::nullopt;
    return ItemRef { r->i64(0), r->i64(1), r->str(2) };
}

Result<int64_t> meeting_of_item(Context& ctx, int64_t item_id)
{
    auto item = ctx.db().read([&](db::Tx& tx) { return load_item(tx, ctx.institution_id(), item_id); });
    if (!item)
        return Error::not_found();
    return item->meeting_id;
}

bool interested_in(db::Tx& tx, int64_t inst, int64_t item, int64_t person)
{
    return tx.query_one("SELECT 1 FROM interests WHERE institution_id = ? AND item_id = ? AND person_id = ?", { inst, item, person }).has_value();
}

Result<Response> open_vote(Context& ctx)
{
    int64_t item_id = TRY(ctx.id_param("id"));
    int64_t inst = ctx.institution_id();
    int64_t meeting_id = TRY(meeting_of_item(ctx, item_id));
    return change_meeting(ctx, meeting_id, [&](db::Tx& tx, const Meeting& m) -> Status {
        TRY(started(m, ctx.clock()));
        auto s = session_state(tx, inst, m);
        // ORG-9: a body whose composition breaks a rule cannot hold a valid session.
        auto problems = check_composition(s.rules, s.voting_members);
        if (!problems.empty())
            return Error::rule_refusal(problems[0].rule, "rule.composition", { { "min", s.rules.min_voting_members }, { "count", s.voting_members } });
        // MTG-3 / MTG-4 / MTG-5: no vote without quorum.
        if (!s.quorum.met)
            return Error::rule_refusal(s.quorum.rule->rule, "rule.quorum_not_met", quorum_params(s.quorum));
        if (tx.exec("UPDATE agenda_items SET vote_status = 'open' WHERE institution_id = ? AND id = ? AND vote_status = 'none'", { inst, item_id }) == 0)
            return Error::rule_refusal("MTG-5", "rule.vote_not_open");
        modules::audit_change(ctx, tx, "vote.open", "agenda_item", item_id, nullptr, nullptr);
        notices::vote_opened(tx, ctx.clock(), inst, item_id);
        return Ok {};
    });
}

Result<Response> cast_vote(Context& ctx)
{
    int64_t item_id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto choice = in.one_of("choice", Presence::Required, { "yes", "no", "abstain" });
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto person = ctx.user().person_id;
    // A handful of key lookups, whatever the size of the body: a session of 10,000 members votes
    // in seconds. The answer is a receipt; viewers follow the counts through the live stream.
    auto result = ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto item = load_item(tx, inst, item_id);
        if (!item)
            return Error::not_found();
        if (item->vote_status != "open")
            return Error::rule_refusal("MTG-5", "rule.vote_not_open");
        auto m = load_meeting(tx, inst, item->meeting_id);
        auto seat = tx.query_one("SELECT voting FROM memberships WHERE institution_id = ? AND person_id = ? AND body_id = ? AND starts_on <= ? "
                                 "AND (ends_on IS NULL OR ends_on >= ?)",
            { inst, person.value_or(0), m->body_id, m->held_on, m->held_on });
        // ORG-9 / MTG-5: only voting members vote; the secretary does not.
        if (!seat || !seat->flag(0))
            return Error::rule_refusal("MTG-5", "rule.not_a_voting_member");
        if (!tx.query_one("SELECT 1 FROM attendance WHERE institution_id = ? AND meeting_id = ? AND person_id = ? AND present = 1", { inst, m->id, *person }))
            return Error::rule_refusal("MTG-5", "rule.not_present");
        // MTG-6: an interested person is recused and cannot vote.
        if (interested_in(tx, inst, item_id, *person))
            return Error::rule_refusal("MTG-6", "rule.recused");
        if (tx.query_one("SELECT 1 FROM votes WHERE institution_id = ? AND item_id = ? AND person_id = ?", { inst, item_id, *person }))
            return Error { ErrorCode::Conflict, "rule.already_voted", {}, "MTG-5" };
        // The primary key (item, person) makes a second vote impossible also when two devices race.
        // A secret vote keeps who voted apart from how: the row only says that this member voted
        // (so nobody votes twice), and the choice only increments a counter with no row per vote.
        bool secret = tx.query_one("SELECT secret FROM agenda_items WHERE institution_id = ? AND id = ?", { inst, item_id })->flag(0);
        tx.exec("INSERT INTO votes (institution_id, item_id, person_id, choice, cast_at) VALUES (?, ?, ?, ?, ?)",
            { inst, item_id, *person, secret ? std::string("secret") : *choice, secret ? int64_t(0) : ctx.clock().now() });
        if (secret)
            tx.exec("INSERT INTO secret_tallies (institution_id, item_id, choice, votes) VALUES (?, ?, ?, 1) "
                    "ON CONFLICT (institution_id, item_id, choice) DO UPDATE SET votes = secret_tallies.votes + 1",
                { inst, item_id, *choice });
        modules::audit_change(ctx, tx, "vote.cast", "agenda_item", item_id, nullptr, object { { "person_id", *person } });
        return object { { "item_id", item_id }, { "meeting_id", m->id }, { "person_id", *person }, { "choice", *choice }, { "recorded", true } };
    });
    if (!result.ok())
        return std::move(result).error();
    return Response::ok(result.value());
}

Result<Response> close_vote(Context& ctx)
{
    int64_t item_id = TRY(ctx.id_param("id"));
    int64_t inst = ctx.institution_id();
    int64_t meeting_id = TRY(meeting_of_item(ctx, item_id));
    return change_meeting(ctx, meeting_id, [&](db::Tx& tx, const Meeting& m) -> Status {
        auto item = load_item(tx, inst, item_id);
        if (item->vote_status != "open")
            return Error::rule_refusal("MTG-5", "rule.vote_not_open");
        // MTG-6: a decision taken with an interested person voting would be invalid.
        if (tx.query_one("SELECT 1 FROM votes v JOIN interests i ON i.institution_id = v.institution_id AND i.item_id = v.item_id AND i.person_id = v.person_id "
                         "WHERE v.institution_id = ? AND v.item_id = ?",
                { inst, item_id }))
            return Error::rule_refusal("MTG-6", "rule.recused");
        auto s = session_state(tx, inst, m);
        Tally t;
        for (auto& v : tx.query("SELECT choice, count(*) FROM votes WHERE institution_id = ? AND item_id = ? AND choice <> 'secret' GROUP BY choice "
                                "UNION ALL SELECT choice, votes FROM secret_tallies WHERE institution_id = ? AND item_id = ?",
                 { inst, item_id, inst, item_id })) {
            auto c = v.str(0);
            (c == "yes" ? t.yes : c == "no" ? t.no : t.abstain) = v.i64(1);
        }
        auto outcome = decide(s.rules, t, s.voting_members, s.voting_present);
        tx.exec("UPDATE agenda_items SET vote_status = 'closed', outcome = ?, yes_votes = ?, no_votes = ?, abstentions = ? WHERE institution_id = ? AND id = ?",
            { outcome.adopted ? "adopted" : "rejected", t.yes, t.no, t.abstain, inst, item_id });
        modules::audit_change(ctx, tx, "vote.close", "agenda_item", item_id, nullptr,
            object { { "outcome", outcome.adopted ? "adopted" : "rejected" }, { "yes", t.yes }, { "no", t.no }, { "abstain", t.abstain },
                { "needed", outcome.needed }, { "rule", s.rules.majority.rule } });
        return Ok {};
    });
}

Result<Response> add_dissent(Context& ctx)
{
    int64_t item_id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto text = in.text("text", Presence::Required, 4000, Lines::Multi);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto person = ctx.user().person_id;
    auto result = ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto item = load_item(tx, inst, item_id);
        if (!item)
            return Error::not_found();
        auto m = load_meeting(tx, inst, item->meeting_id);
        auto seats = seats_on(tx, inst, m->body_id, m->held_on);
        // ORG-10: a member may state their opinion, also after the decision; it is recorded.
        if (!seat_of(seats, person))
            return Error::rule_refusal("ORG-10", "rule.not_a_voting_member");
        tx.exec("INSERT INTO dissents (institution_id, item_id, person_id, text, created_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (institution_id, item_id, person_id) DO UPDATE SET text = excluded.text",
            { inst, item_id, *person, *text, ctx.clock().now() });
        modules::audit_change(ctx, tx, "dissent.record", "agenda_item", item_id, nullptr, object { { "person_id", *person }, { "text", *text } });
        return meeting_json(tx, inst, *m, ctx.services.catalog, ctx.lang, ctx.clock());
    });
    if (!result.ok())
        return std::move(result).error();
    return Response::created(result.value());
}

}

bool body_exists(db::Tx& tx, int64_t inst, int64_t body_id)
{
    return tx.query_one("SELECT 1 FROM bodies WHERE institution_id = ? AND id = ?", { inst, body_id }).has_value();
}

Result<int64_t> put_on_agenda(db::Tx& tx, const Clock& clock, const audit::Actor& actor, int64_t inst, const CaseItem& c)
{
    auto m = load_meeting(tx, inst, c.meeting_id);
    if (!m || m->body_id != c.body_id)
        return Error::field("meeting_id", "not_found");
    if (m->status != "open")
        return Error::rule_refusal("MTG-7", "rule.meeting_closed", {}, "meeting_id");
    return insert_item(tx, clock, actor, inst, *m, c.kind, c.title, c.motion, false, c.interested);
}

std::string item_outcome(db::Tx& tx, int64_t inst, int64_t item_id)
{
    auto r = tx.query_one("SELECT outcome FROM agenda_items WHERE institution_id = ? AND id = ?", { inst, item_id });
    return r && !r->is_null(0) ? r->str(0) : std::string();
}

std::optional<int64_t> adopting_body(db::Tx& tx, int64_t inst, int64_t item_id, const std::string& kind)
{
    auto r = tx.query_one("SELECT m.body_id FROM agenda_items i JOIN meetings m ON m.institution_id = i.institution_id AND m.id = i.meeting_id "
                          "WHERE i.institution_id = ? AND i.id = ? AND i.kind = ? AND i.outcome = 'adopted'",
        { inst, item_id, kind });
    return r ? std::optional(r->i64(0)) : std::nullopt;
}

bool adopted_at_extraordinary(db::Tx& tx, int64_t inst, int64_t item_id, const std::string& template_id)
{
    return tx.query_one("SELECT 1 FROM agenda_items i JOIN meetings m ON m.institution_id = i.institution_id AND m.id = i.meeting_id "
                        "JOIN bodies b ON b.institution_id = m.institution_id AND b.id = m.body_id "
                        "WHERE i.institution_id = ? AND i.id = ? AND i.outcome = 'adopted' AND m.extraordinary = 1 AND b.template = ?",
                 { inst, item_id, template_id })
        .has_value();
}

void detail::register_meeting_routes(Registry& r)
{
    r.permissions.declare(run_perm, { role::InstitutionAdmin, role::Staff, role::Curator, role::Student });
    r.router.add("GET", "/api/v1/bodies/{id}/meetings", read_perm, policy::read_sessions, Body::None, list_meetings);
    r.router.add("POST", "/api/v1/bodies/{id}/meetings", run_perm, policy::run_body, Body::Json, convene);
    r.router.add("GET", "/api/v1/meetings/{id}", read_perm, policy::read_meeting, Body::None, get_meeting);
    r.router.add("GET", "/api/v1/meetings/{id}/events", read_perm, policy::read_meeting, Body::None, meeting_events);
    r.router.add("GET", "/api/v1/bodies/{id}/calendar.ics", read_perm, policy::read_sessions, Body::None, body_calendar);
    r.router.add("GET", "/api/v1/me/calendar.ics", perm::Self, authz::account, Body::None, my_calendar);
    r.router.add("GET", "/api/v1/me/calendar-feed", perm::Self, authz::account, Body::None, get_calendar_feed);
    r.router.add("POST", "/api/v1/me/calendar-feed", perm::Self, authz::account, Body::Json, create_calendar_feed);
    r.router.add("DELETE", "/api/v1/me/calendar-feed", perm::Self, authz::account, Body::None, revoke_calendar_feed);
    r.router.add("GET", "/api/v1/public/calendar-feeds/{code}/sessions.ics", perm::Public, authz::anyone, Body::None, feed_calendar);
    r.router.add("PUT", "/api/v1/meetings/{id}/attendance", run_perm, policy::run_meeting, Body::Json, mark_attendance);
    r.router.add("POST", "/api/v1/meetings/{id}/attendance/all-present", run_perm, policy::run_meeting, Body::Json, mark_all_present);
    r.router.add("POST", "/api/v1/meetings/{id}/items", run_perm, policy::run_meeting, Body::Json, add_item);
    r.router.add("POST", "/api/v1/agenda-items/{id}/vote/open", run_perm, policy::run_item, Body::Json, open_vote);
    r.router.add("POST", "/api/v1/agenda-items/{id}/votes", perm::Self, policy::vote_on_item, Body::Json, cast_vote);
    r.router.add("POST", "/api/v1/agenda-items/{id}/vote/close", run_perm, policy::run_item, Body::Json, close_vote);
    r.router.add("POST", "/api/v1/agenda-items/{id}/dissents", perm::Self, policy::vote_on_item, Body::Json, add_dissent);
}

}
