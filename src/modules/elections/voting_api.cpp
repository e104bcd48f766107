// Voting (ELEC-1, ELEC-DAY-1, ELEC-DAY-2, ELEC-DAY-3): the voter's ballot, online votes with a
// receipt (signed in, or with a one-time voting code), the polling station's "ballot issued" with
// the voter's signature, and the commission's live turnout.
//
// Secrecy: the roll records that a voter voted (and the hour, for turnout), the ballots table
// records a random receipt and the choice, with no voter, no time and no insertion order (see
// the ballots table; on PostgreSQL ballots wait in an inbox until the close, see mix_ballots).
// Roll mark and ballot are written in one transaction, so ballots always equal the voters marked
// online. The audit entry names the voter, never the receipt or the choice.
#include "core/json_fields.hpp"
#include "docs/csv_writer.hpp"
#include "modules/people/people.hpp"
#include "modules/elections/belenios.hpp"
#include "modules/elections/policy.hpp"
#include "modules/elections/elections.hpp"
#include "modules/module_support.hpp"
#include "security/crypto.hpp"
#include "security/signing.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <map>
#include <shared_mutex>
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

// What a vote is checked against once the commission approved the ballot: election day and the
// candidates on the ballot are frozen from then on (day and list cannot change after publication),
// so every process may keep them. Whether voting was closed is checked in the write itself.
struct BallotFacts {
    Calendar cal;
    std::vector<int64_t> candidates;
};

std::optional<BallotFacts> ballot_facts(db::Database& db, int64_t inst, int64_t id)
{
    static std::shared_mutex mutex;
    static std::map<std::pair<int64_t, int64_t>, BallotFacts> cache;
    {
        std::shared_lock lock(mutex);
        if (auto it = cache.find({ inst, id }); it != cache.end())
            return it->second;
    }
    auto e = db.read([&](db::Tx& tx) { return load_election(tx, inst, id); });
    if (!e || !e->ballot_approved_at)
        return std::nullopt;
    BallotFacts facts { e->cal(), {} };
    auto ballot = boost::json::parse(e->ballot_json);
    for (auto& v : ballot.as_object().at("kk").as_array())
        facts.candidates.push_back(v.at("candidate_id").as_int64());
    std::unique_lock lock(mutex);
    cache.emplace(std::pair { inst, id }, facts);
    return facts;
}

// ELEC-DAY-1 and the ballot, from the frozen facts.
Status check_ballot(const BallotFacts& facts, int64_t candidate, UnixMillis now)
{
    if (!voting_open(facts.cal, now))
        return outside_hours(facts.cal);
    if (std::find(facts.candidates.begin(), facts.candidates.end(), candidate) == facts.candidates.end())
        return Error::field("candidate_id", "invalid");
    return Ok {};
}

// Marks the voter as having voted online and stores the ballot under a new receipt, in one
// transaction; the audit entry names the voter, not the choice.
Result<std::string> record_ballot(const Context& ctx, int64_t inst, int64_t id, int64_t person, int64_t candidate, UnixMillis now, const audit::Actor& actor)
{
    std::string receipt = new_receipt();
    int64_t hour = local_hour(now);
    TRY(ctx.db().write([&](db::Tx& tx) -> Status {
        bool postgres = tx.dialect() == db::Dialect::Postgres;
        // Still open? On PostgreSQL the share lock makes closing wait for ballots in flight, and
        // ballots after the close see it (SQLite's one writer orders them anyway).
        if (postgres && !tx.query_one("SELECT 1 FROM elections WHERE institution_id = ? AND id = ? AND voting_closed_at IS NULL FOR SHARE", { inst, id }))
            return Error::rule_refusal("ELEC-DAY-1", "rule.voting_closed");
        // A verifiable election takes encrypted ballots only (booth_api.cpp).
        if (is_verifiable(tx, inst, id))
            return Error { ErrorCode::Conflict, "election.verifiable" };
        auto marked = tx.exec("UPDATE voter_roll SET voted_via = 'online', voted_hour = ? WHERE institution_id = ? AND election_id = ? AND person_id = ? "
                              "AND voted_via IS NULL AND EXISTS (SELECT 1 FROM elections WHERE institution_id = ? AND id = ? AND voting_closed_at IS NULL)",
            { hour, inst, id, person, inst, id });
        if (marked != 1) {
            auto voted = tx.query_one("SELECT voted_via FROM voter_roll WHERE institution_id = ? AND election_id = ? AND person_id = ?", { inst, id, person });
            if (!voted)
                return Error::rule_refusal("ELEC-1", "rule.not_on_roll");
            if (!voted->is_null(0))
                return Error::rule_refusal("ELEC-DAY-2", "rule.already_voted_election", {}, "candidate_id");
            return Error::rule_refusal("ELEC-DAY-1", "rule.voting_closed");
        }
        // PostgreSQL stamps every row with the id of the transaction that wrote it (xmin), which
        // would pair the ballot with the roll row: there the ballot waits in an inbox until the
        // close moves all of them, shuffled, in one transaction (mix_ballots).
        tx.exec(std::string("INSERT INTO ") + (postgres ? "ballot_inbox" : "ballots") + " (institution_id, election_id, receipt, candidate_id) VALUES (?, ?, ?, ?)",
            { inst, id, receipt, candidate });
        audit::record(tx, ctx.clock(), { inst, actor, "election.voted", "voter", person, nullptr, object { { "election_id", id }, { "via", "online" } } });
        return Ok {};
    }));
    return receipt;
}

// One online ballot per voter: the roll row is marked only while unmarked, in the same
// transaction as the ballot, and only while the commission has not closed voting. On
// PostgreSQL the conditional update serialises concurrent attempts across server processes.
Result<Response> cast(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto candidate = in.integer("candidate_id", Presence::Required, 1, INT64_MAX);
    TRY(in.finish());
    if (!ctx.user().person_id)
        return Error::rule_refusal("ELEC-1", "rule.not_on_roll");
    int64_t inst = ctx.institution_id(), person = *ctx.user().person_id;
    auto now = ctx.clock().now();
    auto facts = ballot_facts(ctx.db(), inst, id);
    if (!facts) {
        // Unknown election, or no approved ballot yet: the full answer from the data.
        TRY(ctx.db().read([&](db::Tx& tx) -> Status {
            auto e = load_election(tx, inst, id);
            if (!e)
                return Error::not_found();
            return check_voting_window(*e, now);
        }));
        return Error::not_found();
    }
    TRY(check_ballot(*facts, *candidate, now));
    auto receipt = TRY(record_ballot(ctx, inst, id, person, *candidate, now, ctx.user().actor()));
    return Response::created(object { { "receipt", receipt } });
}

// One-time voting codes: a password sign-in costs an Argon2id hash (about 40 ms of CPU; the
// benchmark shows the sign-ins per second), too slow for a whole university on election morning.
// A code is 128 random bits, so a fast hash (SHA-256) stores it safely, and voting with it costs
// microseconds. The commission prints the codes once; only their hashes are kept.
std::string code_hash(std::string_view code)
{
    std::string normal;
    for (char c : code)
        if (c != '-' && c != ' ')
            normal += char(std::toupper(static_cast<unsigned char>(c)));
    return crypto::to_hex(signing::sha256(normal));
}

Result<Response> vote_with_code(Context& ctx)
{
    int64_t inst = TRY(ctx.id_param("institution_id"));
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto code = in.text("code", Presence::Required, 64, Lines::Single, 1);
    auto candidate = in.integer("candidate_id", Presence::Required, 1, INT64_MAX);
    TRY(in.finish());
    auto now = ctx.clock().now();
    auto facts = ballot_facts(ctx.db(), inst, id);
    if (!facts)
        return Error::not_found();
    TRY(check_ballot(*facts, *candidate, now));
    auto person = ctx.db().read([&](db::Tx& tx) {
        auto r = tx.query_one("SELECT person_id FROM voter_roll WHERE institution_id = ? AND election_id = ? AND code_hash = ?", { inst, id, code_hash(*code) });
        return r ? std::optional(r->i64(0)) : std::nullopt;
    });
    if (!person)
        return Error::field("code", "invalid");
    auto receipt = TRY(record_ballot(ctx, inst, id, *person, *candidate, now, { std::nullopt, "voting-code" }));
    return Response::created(object { { "receipt", receipt } });
}

// Issues codes to every voter on the roll without one, or anew to the voters named (a lost code:
// the old one stops working). The answer is the only copy: CSV for printing.
Result<Response> issue_codes(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto numbers = in.array("student_numbers", Presence::Optional, 10000);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto csv = TRY(ctx.db().write([&](db::Tx& tx) -> Result<std::string> {
        auto e = TRY(election_of(tx, ctx, id));
        if (!e.ballot_approved_at || e.voting_closed_at)
            return Error { ErrorCode::Conflict, "election.codes_closed" };
        if (is_verifiable(tx, inst, id))
            return Error { ErrorCode::Conflict, "election.verifiable" };
        std::vector<db::Row> voters;
        if (numbers) {
            for (auto& n : *numbers) {
                auto r = n.is_string() ? tx.query_one("SELECT person_id, student_number, faculty FROM voter_roll WHERE institution_id = ? AND election_id = ? "
                                                      "AND student_number = ?",
                                             { inst, id, std::string(n.as_string()) })
                                       : std::nullopt;
                if (!r)
                    return Error::field("student_numbers", "not_on_roll");
                voters.push_back(*r);
            }
        } else {
            voters = tx.query("SELECT person_id, student_number, faculty FROM voter_roll WHERE institution_id = ? AND election_id = ? AND code_hash IS NULL "
                              "AND voted_via IS NULL ORDER BY faculty, student_number",
                { inst, id });
        }
        // Names and faculties are what people typed: the writer quotes and neutralises them.
        docs::CsvWriter out;
        out.row({ "student_number", "full_name", "faculty", "code" });
        for (auto& v : voters) {
            std::string code = new_receipt();
            tx.exec("UPDATE voter_roll SET code_hash = ? WHERE institution_id = ? AND election_id = ? AND person_id = ?", { code_hash(code), inst, id, v.i64(0) });
            out.text(v.str(1)).text(people::name_of(tx, inst, v.i64(0))).text(v.str(2)).text(code).end_row();
        }
        modules::audit_change(ctx, tx, "election.voting_codes", "election", id, nullptr, object { { "issued", int64_t(voters.size()) } });
        return out.take();
    }));
    auto r = Response::text(200, std::move(csv), std::string(docs::csv_media_type));
    r.set_header("Content-Disposition", "attachment; filename=\"voting-codes-" + std::to_string(id) + ".csv\"");
    r.set_header("Cache-Control", "no-store");
    return r;
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
    r.router.add("POST", "/api/v1/elections/{id}/votes", perm::Self, policy::vote, Body::Json, cast);
    r.router.add("GET", "/api/v1/elections/{id}/roll", run_perm, policy::run_election, Body::None, find_voter);
    r.router.add("POST", "/api/v1/elections/{id}/stations/{station_id}/issue", run_perm, policy::run_election, Body::Json, issue_ballot);
    r.router.add("GET", "/api/v1/elections/{id}/turnout", run_perm, policy::run_election, Body::None, turnout);
    r.router.add("POST", "/api/v1/elections/{id}/voting-codes", run_perm, policy::run_election, Body::Json, issue_codes);
    r.router.add("POST", "/api/v1/public/institutions/{institution_id}/elections/{id}/votes", perm::Public, authz::anyone, Body::Json, vote_with_code);
}

}
