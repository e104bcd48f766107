// Voting (ELEC-1, ELEC-DAY-1, ELEC-DAY-2, ELEC-DAY-3): the voter's ballot, the polling station's
// "ballot issued" with the voter's signature, and the commission's live turnout. Online ballots
// are encrypted in the voter's browser and arrive at the booth (booth_api.cpp): an election takes
// online ballots only once its trustees hold its key, since a choice the server can read is one a
// copy of its database can link to the voter (issue 13).
#include "core/json_fields.hpp"
#include "modules/people/people.hpp"
#include "modules/elections/policy.hpp"
#include "modules/elections/elections.hpp"
#include "modules/module_support.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <sodium.h>

namespace kenes::elections {

using namespace http;
using boost::json::array;
using boost::json::object;
using modules::json_or_null;

int64_t local_hour(UnixMillis t)
{
    int64_t local = t / 1000 + almaty::offset_seconds(t);
    return (local / 3600) % 24;
}

// ELEC-DAY-1: 09:00-18:00 Asia/Almaty on election day.
Error outside_hours(const Calendar& cal)
{
    return Error::rule_refusal("ELEC-DAY-1", "rule.outside_voting_hours",
        { { "opens", almaty::iso_datetime(cal.voting_opens) }, { "closes", almaty::iso_datetime(cal.voting_closes) } });
}

namespace {

Status check_voting_window(const Election& e, UnixMillis now)
{
    if (!e.ballot_approved_at)
        return Error::rule_refusal("ELEC-COM-1", "rule.ballot_not_approved");
    // Until the commission closes voting.
    if (!voting_open(e.cal(), now) || e.voting_closed_at)
        return outside_hours(e.cal());
    return Ok {};
}

Result<Response> my_ballot(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    int64_t inst = ctx.institution_id();
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto e = load_election(tx, inst, id);
        if (!e)
            return Error::not_found();
        auto now = ctx.clock().now();
        std::optional<db::Row> roll;
        if (ctx.user().person_id)
            roll = tx.query_one("SELECT voted_via FROM voter_roll WHERE institution_id = ? AND election_id = ? AND person_id = ?", { inst, id, *ctx.user().person_id });
        array candidates;
        if (!e->ballot_json.empty()) {
            auto ballot = boost::json::parse(e->ballot_json).as_object();
            for (auto& v : ballot.at(lang_code(ctx.lang)).as_array()) {
                auto c = v.as_object();
                auto extra = tx.query_one("SELECT c.program, coalesce(s.course, g.course), f.name FROM election_candidates c "
                                          "LEFT JOIN students s ON s.institution_id = c.institution_id AND s.person_id = c.person_id "
                                          "LEFT JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id "
                                          "LEFT JOIN faculties f ON f.institution_id = g.institution_id AND f.id = g.faculty_id "
                                          "WHERE c.institution_id = ? AND c.id = ?",
                    { inst, c.at("candidate_id").as_int64() });
                if (extra) {
                    c["program"] = extra->str(0);
                    c["course"] = extra->is_null(1) ? boost::json::value(nullptr) : boost::json::value(extra->i64(1));
                    c["faculty"] = json_or_null(extra->opt_str(2));
                }
                candidates.push_back(c);
            }
        }
        bool window = check_voting_window(*e, now).ok();
        return Response::ok(object { { "election_id", id }, { "title", e->title }, { "phase", phase(*e, now) },
            { "voting_opens", almaty::iso_datetime(e->cal().voting_opens) }, { "voting_closes", almaty::iso_datetime(e->cal().voting_closes) },
            { "on_roll", roll.has_value() }, { "voted", roll && !roll->is_null(0) }, { "voted_via", roll ? json_or_null(roll->opt_str(0)) : nullptr },
            { "voting_open", window }, { "candidates", candidates } });
    });
}

object voter_json(db::Tx& tx, int64_t inst, const db::Row& r)
{
    return { { "person_id", r.i64(0) }, { "full_name", people::name_of(tx, inst, r.i64(0)) }, { "student_number", r.str(1) }, { "faculty", r.str(2) },
        { "voted", !r.is_null(3) }, { "voted_via", json_or_null(r.opt_str(3)) } };
}

// The polling station finds the voter by the student number on the student ID (ELEC-DAY-2).
Result<Response> find_voter(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto number = ctx.query_param("student_number").value_or("");
    if (number.empty() || number.size() > 64)
        return Error::field("student_number", "required");
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        TRY(election_of(tx, ctx, id));
        auto r = tx.query_one("SELECT person_id, student_number, faculty, voted_via FROM voter_roll WHERE institution_id = ? AND election_id = ? AND student_number = ?",
            { ctx.institution_id(), id, number });
        if (!r)
            return Error::field("student_number", "not_on_roll");
        return Response::ok(voter_json(tx, ctx.institution_id(), *r));
    });
}

std::optional<std::string> decode_signature(const std::string& b64)
{
    std::string out(b64.size(), '\0');
    size_t len = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(), b64.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL)
        != 0)
        return std::nullopt;
    out.resize(len);
    if (out.compare(0, 8, "\x89PNG\r\n\x1A\n") != 0)
        return std::nullopt;
    return out;
}

// ELEC-DAY-2: the commission member records "ballot issued" for the voter, who signs on the
// screen (the image is kept with the roll) or on the paper list (confirmed by the member).
Result<Response> issue_ballot(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    int64_t station = TRY(ctx.id_param("station_id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto number = in.text("student_number", Presence::Required, 64, Lines::Single, 1);
    auto signature = in.text("signature_png", Presence::Optional, 400'000);
    auto paper = in.boolean("paper_signature", Presence::Optional);
    std::optional<std::string> image;
    if (signature) {
        image = decode_signature(*signature);
        if (!image)
            in.add_error("signature_png", "invalid");
    }
    if (!signature && !paper.value_or(false))
        in.add_error("signature_png", "required");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto now = ctx.clock().now();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto e = TRY(election_of(tx, ctx, id));
        TRY(check_voting_window(e, now));
        if (!tx.query_one("SELECT 1 FROM polling_stations WHERE institution_id = ? AND id = ? AND election_id = ?", { inst, station, id }))
            return Error::not_found();
        auto r = tx.query_one("SELECT person_id, student_number, faculty, voted_via FROM voter_roll WHERE institution_id = ? AND election_id = ? AND student_number = ?",
            { inst, id, *number });
        if (!r)
            return Error::field("student_number", "not_on_roll");
        if (!r->is_null(3))
            return Error::rule_refusal("ELEC-DAY-2", "rule.already_voted_election", {}, "student_number");
        auto marked = tx.exec("UPDATE voter_roll SET voted_via = 'station', voted_hour = ?, station_id = ?, signature = ?, paper_signature = ?, marked_by = ? "
                              "WHERE institution_id = ? AND election_id = ? AND person_id = ? AND voted_via IS NULL",
            { local_hour(now), station, image ? db::Value(db::Blob { *image }) : db::Value(db::Null {}), int64_t(!image), ctx.user().user_id, inst, id, r->i64(0) });
        if (marked != 1)
            return Error::rule_refusal("ELEC-DAY-2", "rule.already_voted_election", {}, "student_number");
        modules::audit_change(ctx, tx, "election.voted", "voter", r->i64(0), nullptr,
            object { { "election_id", id }, { "via", "station" }, { "station_id", station }, { "signature", image ? "screen" : "paper" } });
        auto row = *tx.query_one("SELECT person_id, student_number, faculty, voted_via FROM voter_roll WHERE institution_id = ? AND election_id = ? AND person_id = ?",
            { inst, id, r->i64(0) });
        return voter_json(tx, inst, row);
    }));
    return Response::ok(out);
}

// The commission's live dashboard: turnout by hour and by faculty, never choices.
Result<Response> turnout(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        TRY(election_of(tx, ctx, id));
        int64_t inst = ctx.institution_id();
        array by_hour, by_faculty;
        for (auto& r : tx.query("SELECT voted_hour, count(*), sum(CASE WHEN voted_via = 'online' THEN 1 ELSE 0 END) FROM voter_roll "
                                "WHERE institution_id = ? AND election_id = ? AND voted_via IS NOT NULL GROUP BY voted_hour ORDER BY voted_hour",
                 { inst, id }))
            by_hour.push_back(object { { "hour", r.i64(0) }, { "voted", r.i64(1) }, { "online", r.i64(2) }, { "station", r.i64(1) - r.i64(2) } });
        for (auto& r : tx.query("SELECT faculty, count(*), count(voted_via) FROM voter_roll WHERE institution_id = ? AND election_id = ? GROUP BY faculty ORDER BY faculty",
                 { inst, id }))
            by_faculty.push_back(object { { "faculty", r.str(0) }, { "roll", r.i64(1) }, { "voted", r.i64(2) } });
        auto totals = tx.query_one("SELECT count(*), count(voted_via) FROM voter_roll WHERE institution_id = ? AND election_id = ?", { inst, id });
        return Response::ok(object { { "roll_size", totals->i64(0) }, { "voted", totals->i64(1) }, { "by_hour", by_hour }, { "by_faculty", by_faculty } });
    });
}

}

void detail::register_voting_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/elections/{id}/my-ballot", perm::Self, policy::vote, Body::None, my_ballot);
    r.router.add("GET", "/api/v1/elections/{id}/roll", run_perm, policy::run_election, Body::None, find_voter);
    r.router.add("POST", "/api/v1/elections/{id}/stations/{station_id}/issue", run_perm, policy::run_election, Body::Json, issue_ballot);
    r.router.add("GET", "/api/v1/elections/{id}/turnout", run_perm, policy::run_election, Body::None, turnout);
}

}
