// The encouragement commission's scoring of a contest (AWD-2..AWD-4): its voting members score the
// presented nominees, members related to a nominee are recused from it, and the places follow from
// the scores with the stated tie-break (rules.cpp). The result goes on the agenda of the
// commission's meeting (its protocol) when the meeting is open, and is kept linked to it always.
#include "core/json_fields.hpp"
#include "modules/awards/policy.hpp"
#include "modules/awards/routes.hpp"
#include "modules/awards/rules.hpp"
#include "modules/awards/store.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <set>

namespace kenes::awards {

using namespace http;
using boost::json::array;
using boost::json::object;
using boost::json::value;

namespace {

std::string two_decimals(int64_t sum, int64_t count)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", count ? double(sum) / double(count) : 0.0);
    return buf;
}

const char* rule_of(const std::string& contest) { return contest == "student_of_year" ? "AWD-3" : "AWD-4"; }

MemberTies ties_of(db::Tx& tx, int64_t inst, int64_t person)
{
    MemberTies t { .person_id = person, .shanyrak_id = store::shanyrak_of(tx, inst, person) };
    for (auto& r : tx.query("SELECT student_id FROM representatives WHERE institution_id = ? AND representative_id = ?", { inst, person })) {
        t.represented_students.push_back(r.i64(0));
        if (auto s = store::shanyrak_of(tx, inst, r.i64(0)))
            t.represented_shanyraks.push_back(*s);
    }
    return t;
}

Nominee nominee_of(db::Tx& tx, int64_t inst, const db::Row& n)
{
    // n: id, student_id, shanyrak_id
    Nominee x;
    if (!n.is_null(1)) {
        x.student_id = n.i64(1);
        x.student_shanyrak_id = store::shanyrak_of(tx, inst, n.i64(1));
    } else
        x.shanyrak_id = n.i64(2);
    return x;
}

struct SessionRow {
    int64_t id, commission, meeting;
    std::string year, contest, status;
    std::optional<std::string> result;
    std::optional<int64_t> agenda_item;
};

std::optional<SessionRow> load(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT id, commission_body_id, meeting_id, academic_year, contest, status, result_json, agenda_item_id FROM award_sessions "
                          "WHERE institution_id = ? AND id = ?",
        { inst, id });
    if (!r)
        return std::nullopt;
    return SessionRow { r->i64(0), r->i64(1), r->i64(2), r->str(3), r->str(4), r->str(5), r->is_null(6) ? std::nullopt : std::optional(r->str(6)),
        r->is_null(7) ? std::nullopt : std::optional(r->i64(7)) };
}

std::vector<int64_t> nominees_of(db::Tx& tx, int64_t inst, const SessionRow& s)
{
    std::vector<int64_t> out;
    for (auto& r : tx.query("SELECT id FROM award_nominations WHERE institution_id = ? AND commission_body_id = ? AND academic_year = ? AND contest = ? "
                            "AND status = 'presented' ORDER BY id",
             { inst, s.commission, s.year, s.contest }))
        out.push_back(r.i64(0));
    return out;
}

object session_json(db::Tx& tx, const Principal& viewer, int64_t inst, const SessionRow& s)
{
    auto meeting = tx.query_one("SELECT number, held_on, status FROM meetings WHERE institution_id = ? AND id = ?", { inst, s.meeting });
    bool closed = s.status == "closed";
    std::optional<int64_t> me = viewer.person_id;
    array nominees;
    for (auto id : nominees_of(tx, inst, s)) {
        auto n = store::nomination_json(tx, inst, id);
        auto count = tx.query_one("SELECT count(*) FROM award_scores WHERE institution_id = ? AND session_id = ? AND nomination_id = ?", { inst, s.id, id })->i64(0);
        // AWD-5: the award the principal gave on this place, if any.
        auto award = tx.query_one("SELECT id FROM awards WHERE institution_id = ? AND nomination_id = ?", { inst, id });
        std::optional<int64_t> awarded = award ? std::optional(award->i64(0)) : std::nullopt;
        nominees.push_back(object { { "nomination_id", id }, { "name", n["nominee_name"] }, { "proposed_by_shanyrak_name", n["proposed_by_shanyrak_name"] },
            { "student_id", n["student_id"] }, { "shanyrak_id", n["shanyrak_id"] }, { "scores", count }, { "award_id", modules::json_or_null(awarded) } });
    }
    array members;
    bool voting = false;
    array my_recusals, my_scores;
    for (auto& m : tx.query("SELECT person_id FROM award_session_members WHERE institution_id = ? AND session_id = ? ORDER BY person_id", { inst, s.id })) {
        int64_t p = m.i64(0);
        array recusals;
        for (auto& r : tx.query("SELECT nomination_id, reason FROM award_recusals WHERE institution_id = ? AND session_id = ? AND person_id = ? ORDER BY nomination_id",
                 { inst, s.id, p }))
            recusals.push_back(object { { "nomination_id", r.i64(0) }, { "reason", r.str(1) } });
        array scores;
        // The members' scores are shown once the session is closed (into the protocol); before,
        // each member sees their own and how many they gave.
        for (auto& r : tx.query("SELECT nomination_id, score FROM award_scores WHERE institution_id = ? AND session_id = ? AND person_id = ? ORDER BY nomination_id",
                 { inst, s.id, p }))
            scores.push_back(object { { "nomination_id", r.i64(0) }, { "score", r.i64(1) } });
        if (me && *me == p) {
            voting = true;
            my_recusals = recusals;
            my_scores = scores;
        }
        int64_t given = int64_t(scores.size());
        members.push_back(object { { "person_id", p }, { "name", people::name_of(tx, inst, p) }, { "recusals", recusals }, { "scored", given },
            { "scores", closed ? value(scores) : value(nullptr) } });
    }
    return object { { "id", s.id }, { "commission_body_id", s.commission }, { "meeting_id", s.meeting },
        { "meeting_number", meeting ? value(meeting->i64(0)) : value() }, { "meeting_held_on", meeting ? value(meeting->str(1)) : value() },
        { "academic_year", s.year }, { "contest", s.contest }, { "status", s.status }, { "places", places_of(s.contest) },
        { "rule", rule_of(s.contest) }, { "nominees", nominees }, { "members", members },
        { "me", object { { "voting", voting }, { "recusals", my_recusals }, { "scores", my_scores } } },
        { "result", s.result ? boost::json::parse(*s.result) : value(nullptr) }, { "agenda_item_id", modules::json_or_null(s.agenda_item) } };
}

Result<Response> open_session(Context& ctx)
{
    int64_t commission = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto meeting = in.integer("meeting_id", Presence::Required, 1, INT64_MAX);
    auto contest = in.one_of("contest", Presence::Required, { "student_of_year", "shanyrak_of_year" });
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        int64_t id = TRY(store::open_session({ tx, ctx.clock(), ctx.user().actor(), ctx.services.catalog, ctx.lang, inst }, commission, *meeting, *contest));
        return Response::created(session_json(tx, ctx.user(), inst, *load(tx, inst, id)));
    });
}

Result<Response> list_sessions(Context& ctx)
{
    int64_t commission = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        for (auto& r : tx.query("SELECT s.id, s.academic_year, s.contest, s.status, s.meeting_id, m.held_on FROM award_sessions s JOIN meetings m ON "
                                "m.institution_id = s.institution_id AND m.id = s.meeting_id WHERE s.institution_id = ? AND s.commission_body_id = ? "
                                "ORDER BY s.academic_year DESC, s.id DESC",
                 { ctx.institution_id(), commission }))
            items.push_back(object { { "id", r.i64(0) }, { "academic_year", r.str(1) }, { "contest", r.str(2) }, { "status", r.str(3) }, { "meeting_id", r.i64(4) },
                { "meeting_held_on", r.str(5) } });
        return Response::ok(object { { "items", items } });
    });
}

Result<Response> get_session(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto s = load(tx, ctx.institution_id(), id);
        if (!s)
            return Error::not_found();
        // GEN-3: the commission's work names minors.
        modules::audit_change(ctx, tx, "award_session.read", "award_session", id, nullptr, nullptr);
        auto o = session_json(tx, ctx.user(), ctx.institution_id(), *s);
        o["may_run"] = authz::allows(policy::close_session, ctx.facts);
        return Response::ok(o);
    });
}

Result<Response> put_scores(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto list = in.array("scores", Presence::Required, 200);
    std::vector<std::pair<int64_t, int>> scores;
    if (list)
        for (size_t i = 0; i < list->size(); ++i) {
            if (!(*list)[i].is_object()) {
                in.add_error("scores." + std::to_string(i), "wrong_type");
                continue;
            }
            FieldReader one((*list)[i].as_object(), "scores." + std::to_string(i));
            auto n = one.integer("nomination_id", Presence::Required, 1, INT64_MAX);
            auto sc = one.integer("score", Presence::Required, min_score, max_score);
            in.merge(std::move(one));
            if (n && sc)
                scores.push_back({ *n, int(*sc) });
        }
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        TRY(store::put_scores({ tx, ctx.clock(), ctx.user().actor(), ctx.services.catalog, ctx.lang, inst }, id, ctx.user().person_id, scores));
        auto o = session_json(tx, ctx.user(), inst, *load(tx, inst, id));
        o["may_run"] = authz::allows(policy::close_session, ctx.facts);
        return Response::ok(o);
    });
}

Result<Response> close_session(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        TRY(store::close_session({ tx, ctx.clock(), ctx.user().actor(), ctx.services.catalog, ctx.lang, inst }, id));
        auto o = session_json(tx, ctx.user(), inst, *load(tx, inst, id));
        o["may_run"] = true;
        return Response::ok(o);
    });
}

}

void detail::register_session_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/awards/commissions/{id}/sessions", read_perm, policy::commission_sessions, Body::None, list_sessions);
    r.router.add("POST", "/api/v1/awards/commissions/{id}/sessions", read_perm, policy::open_session, Body::Json, open_session);
    r.router.add("GET", "/api/v1/awards/sessions/{id}", read_perm, policy::read_session, Body::None, get_session);
    r.router.add("PUT", "/api/v1/awards/sessions/{id}/scores", read_perm, policy::score, Body::Json, put_scores);
    r.router.add("POST", "/api/v1/awards/sessions/{id}/close", read_perm, policy::close_session, Body::Json, close_session);
}

}

namespace kenes::awards::store {

Result<int64_t> open_session(const Env& e, int64_t commission, int64_t meeting, const std::string& contest)
{
    auto& tx = e.tx;
    int64_t inst = e.inst;
    auto m = tx.query_one("SELECT held_on, status FROM meetings WHERE institution_id = ? AND id = ? AND body_id = ?", { inst, meeting, commission });
    if (!m)
        return Error::field("meeting_id", "not_found");
    auto year = academic_year_of(*parse_iso_date(m->str(0)));
    if (tx.query_one("SELECT 1 FROM award_sessions WHERE institution_id = ? AND commission_body_id = ? AND academic_year = ? AND contest = ?",
            { inst, commission, year, contest }))
        return Error { ErrorCode::Conflict, "awards.session.exists" };
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO award_sessions (institution_id, id, commission_body_id, meeting_id, academic_year, contest, status, opened_by, opened_at) "
            "VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)",
        { inst, id, commission, meeting, year, contest, db::nullable(e.actor.user_id), e.clock.now() });
    SessionRow s { id, commission, meeting, year, contest, "open", std::nullopt, std::nullopt };
    auto nominees = nominees_of(tx, inst, s);
    if (nominees.empty())
        return Error::rule_refusal(rule_of(contest), "rule.awards.no_nominees", {}, "contest");
    // AWD-2: the voting members on the meeting's date score.
    int64_t recused = 0;
    for (auto& mem : tx.query("SELECT DISTINCT person_id FROM memberships WHERE institution_id = ? AND body_id = ? AND voting = 1 AND starts_on <= ? "
                              "AND (ends_on IS NULL OR ends_on >= ?)",
             { inst, commission, m->str(0), m->str(0) })) {
        int64_t p = mem.i64(0);
        tx.exec("INSERT INTO award_session_members (institution_id, session_id, person_id) VALUES (?, ?, ?)", { inst, id, p });
        auto ties = ties_of(tx, inst, p);
        // AWD-3, AWD-4 (MTG-6): a member related to a nominee does not score it.
        for (auto& n : tx.query("SELECT id, student_id, shanyrak_id FROM award_nominations WHERE institution_id = ? AND commission_body_id = ? AND "
                                "academic_year = ? AND contest = ? AND status = 'presented' ORDER BY id",
                 { inst, commission, year, contest })) {
            auto reason = recusal_reason(ties, nominee_of(tx, inst, n));
            if (!reason.empty()) {
                tx.exec("INSERT INTO award_recusals (institution_id, session_id, person_id, nomination_id, reason) VALUES (?, ?, ?, ?, ?)",
                    { inst, id, p, n.i64(0), reason });
                ++recused;
            }
        }
    }
    audit::record(e.tx, e.clock, { e.inst, e.actor, "award_session.open", "award_session", id, nullptr, object { { "contest", contest }, { "meeting_id", meeting }, { "nominees", int64_t(nominees.size()) }, { "recusals", recused } } });
    return id;
}

Status put_scores(const Env& e, int64_t id, std::optional<int64_t> me, const std::vector<std::pair<int64_t, int>>& scores)
{
    auto& tx = e.tx;
    int64_t inst = e.inst;
    auto s = load(tx, inst, id);
    if (!s)
        return Error::not_found();
    if (s->status != "open")
        return Error { ErrorCode::Conflict, "awards.session.closed" };
    // AWD-2: the commission's voting members score.
    if (!me || !tx.query_one("SELECT 1 FROM award_session_members WHERE institution_id = ? AND session_id = ? AND person_id = ?", { inst, id, *me }))
        return Error::rule_refusal("AWD-2", "rule.awards.not_voting", {}, "scores");
    auto nominees = nominees_of(tx, inst, *s);
    for (size_t i = 0; i < scores.size(); ++i) {
        auto [n, sc] = scores[i];
        std::string field = "scores." + std::to_string(i) + ".nomination_id";
        if (std::find(nominees.begin(), nominees.end(), n) == nominees.end())
            return Error::field(field, "not_found");
        // AWD-3, AWD-4 (MTG-6): recused from this nominee.
        if (auto r = tx.query_one("SELECT reason FROM award_recusals WHERE institution_id = ? AND session_id = ? AND person_id = ? AND nomination_id = ?",
                { inst, id, *me, n }))
            return Error::rule_refusal(rule_of(s->contest), "rule.awards.recused", { { "reason", r->str(0) }, { "nomination_id", n } }, field);
        tx.exec("DELETE FROM award_scores WHERE institution_id = ? AND session_id = ? AND person_id = ? AND nomination_id = ?", { inst, id, *me, n });
        tx.exec("INSERT INTO award_scores (institution_id, session_id, person_id, nomination_id, score, scored_at) VALUES (?, ?, ?, ?, ?, ?)",
            { inst, id, *me, n, int64_t(sc), e.clock.now() });
    }
    audit::record(e.tx, e.clock, { e.inst, e.actor, "award_session.score", "award_session", id, nullptr, object { { "scores", int64_t(scores.size()) } } });
    return Ok {};
}

Status close_session(const Env& e, int64_t id)
{
    auto& tx = e.tx;
    int64_t inst = e.inst;
    auto s = load(tx, inst, id);
    if (!s)
        return Error::not_found();
    if (s->status != "open")
        return Error { ErrorCode::Conflict, "awards.session.closed" };
    auto nominees = nominees_of(tx, inst, *s);
    std::vector<Score> scores;
    for (auto& r : tx.query("SELECT person_id, nomination_id, score FROM award_scores WHERE institution_id = ? AND session_id = ?", { inst, id }))
        scores.push_back({ r.i64(0), r.i64(1), int(r.i64(2)) });
    auto standings = rank(nominees, scores);
    for (auto& st : standings)
        if (st.score_count == 0)
            return Error::rule_refusal(rule_of(s->contest), "rule.awards.unscored", { { "nomination_id", st.nominee_id } }, "scores");
    int places = places_of(s->contest);
    array rows;
    std::string motion;
    for (auto& st : standings) {
        auto n = nomination_json(tx, inst, st.nominee_id);
        bool placed = st.place >= 1 && st.place <= places;
        rows.push_back(object { { "nomination_id", st.nominee_id }, { "name", n["nominee_name"] }, { "rank", st.place },
            { "place", placed ? value(st.place) : value(nullptr) }, { "score_sum", st.score_sum }, { "score_count", st.score_count },
            { "mean", two_decimals(st.score_sum, st.score_count) }, { "first_ranks", st.first_ranks }, { "median", double(st.median_x2) / 2.0 },
            { "tie_break", st.tie_break.empty() ? value(nullptr) : value(st.tie_break) } });
        if (placed)
            motion += e.catalog.format(e.lang, "awards.protocol.place", { { "place", st.place }, { "name", n["nominee_name"] },
                { "mean", two_decimals(st.score_sum, st.score_count) } }) + "\n";
    }
    motion += e.catalog.format(e.lang, "awards.tie_break.rule");
    object result { { "standings", rows }, { "places", places }, { "tie_break_order", array { "mean", "first_ranks", "median", "earlier_nomination" } } };
    // Into the protocol when the meeting is still open; the members recused from any nominee
    // are interested in the item (MTG-6).
    std::optional<int64_t> item;
    auto meeting = tx.query_one("SELECT status FROM meetings WHERE institution_id = ? AND id = ?", { inst, s->meeting });
    if (meeting && meeting->str(0) == "open") {
        std::vector<int64_t> interested;
        for (auto& r : tx.query("SELECT DISTINCT person_id FROM award_recusals WHERE institution_id = ? AND session_id = ?", { inst, id }))
            interested.push_back(r.i64(0));
        auto title = e.catalog.format(e.lang, "awards.protocol.title." + s->contest, { { "year", s->year } });
        item = TRY(bodies::put_on_agenda(tx, e.clock, e.actor, inst, { s->meeting, s->commission, "awards", title, motion, interested }));
    }
    tx.exec("UPDATE award_sessions SET status = 'closed', result_json = ?, agenda_item_id = ?, closed_by = ?, closed_at = ? WHERE institution_id = ? AND id = ?",
        { boost::json::serialize(result), db::nullable(item), db::nullable(e.actor.user_id), e.clock.now(), inst, id });
    audit::record(e.tx, e.clock, { e.inst, e.actor, "award_session.close", "award_session", id, nullptr, result });
    return Ok {};
}

}
