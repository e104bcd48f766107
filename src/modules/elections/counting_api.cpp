// After the vote (ELEC-CNT-1, ELEC-CNT-2, ELEC-RES-1): the commission closes voting, enters the
// paper counts of each polling station, counts, records its decision on a tie, signs the results
// protocol (two numbered originals, Ed25519-signed by the institution) and publishes the result;
// on publication the winner becomes President of the Student Government (ORG-7).
#include "core/json_fields.hpp"
#include "modules/people/people.hpp"
#include "modules/elections/belenios.hpp"
#include "modules/elections/policy.hpp"
#include "docs/pdf.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/elections/elections.hpp"
#include "modules/module_support.hpp"
#include "security/crypto.hpp"
#include "security/signing.hpp"
#include "verifiable/election.hpp"
#include "verifiable/tally.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>

namespace kenes::elections {

using namespace http;
using boost::json::array;
using boost::json::object;
using modules::json_or_null;
namespace vf = verifiable;

namespace {

// The hash over the full ballot set: SHA-256 of "receipt candidate_id\n" lines in receipt order
// (an election closed before verifiable ballots), or of "tracker\n" lines in board order.
std::string ballot_set_hash(db::Tx& tx, int64_t inst, int64_t id, bool verifiable)
{
    std::string lines;
    if (verifiable) {
        for (auto& t : board_trackers(tx, inst, id))
            lines += t + "\n";
    } else {
        for (auto& r : tx.query("SELECT receipt, candidate_id FROM ballots WHERE institution_id = ? AND election_id = ? ORDER BY receipt", { inst, id }))
            lines += r.str(0) + " " + std::to_string(r.i64(1)) + "\n";
    }
    return crypto::to_hex(signing::sha256(lines));
}

// The online votes of a verifiable election: the trustees' partial decryptions (a threshold of
// them) combined (spec 4.19); the result is stored for the archive. One count per answer.
Result<std::vector<int64_t>> decrypt_online_votes(db::Tx& tx, int64_t inst, int64_t id, const BeleniosElection& b)
{
    auto election = vf::parse_election(b.election_json);
    auto tally = vf::parse_encrypted_tally(*b.encrypted_tally, *election);
    auto trustees = vf::parse_trustees(b.trustees_json);
    if (!tally || !trustees.ok())
        return Error::internal("stored tally or trustees do not parse");
    vf::Decryptions decryptions;
    for (auto& [owner, text] : decryptions_of(tx, inst, id))
        if (auto pd = vf::parse_partial_decryption(text, *tally))
            decryptions.emplace(owner, std::move(*pd));
    auto result = vf::combine(*trustees, *tally, decryptions, b.num_tallied);
    if (!result) {
        auto need = tx.query_one("SELECT threshold FROM election_key_ceremonies WHERE institution_id = ? AND election_id = ?", { inst, id })->i64(0);
        return Error { ErrorCode::Conflict, "election.decryptions_missing", { { "have", int64_t(decryptions.size()) }, { "need", need } } };
    }
    tx.exec("UPDATE election_belenios SET result = ? WHERE institution_id = ? AND election_id = ?", { vf::serialize_result(*result), inst, id });
    std::vector<int64_t> out;
    for (auto n : result->at(0))
        out.push_back(n);
    return out;
}

// The hash of the archive's last event, which names the whole archive: the protocol carries it.
// Only the hash chain is needed, so the bytes go to /dev/null: the count's write transaction
// spends no disk writes on an archive of hundreds of megabytes.
Result<std::string> archive_head(db::Tx& tx, int64_t inst, int64_t id)
{
    return write_archive(tx, inst, id, "/dev/null", true);
}

Result<Response> close_voting(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    TRY(ctx.json_object());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto e = TRY(election_of(tx, ctx, id));
        if (e.voting_closed_at)
            return Error { ErrorCode::Conflict, "election.closed" };
        auto now = ctx.clock().now();
        // ELEC-DAY-1: voting runs until 18:00; the commission closes it afterwards.
        if (!e.ballot_approved_at || now < e.cal().voting_closes)
            return Error::rule_refusal("ELEC-DAY-1", "rule.voting_not_over", { { "closes", almaty::iso_datetime(e.cal().voting_closes) } });
        // Closed first: on PostgreSQL this waits for the ballots in flight (they hold a share lock
        // on the election), and the ballots read below include them.
        tx.exec("UPDATE elections SET voting_closed_at = ? WHERE institution_id = ? AND id = ?", { now, inst, id });
        mix_ballots(tx, inst, id);
        // A verifiable election: the encrypted tally of the board, which the trustees decrypt.
        std::optional<int64_t> board_ballots;
        if (auto b = load_belenios(tx, inst, id)) {
            int64_t tallied = 0;
            auto tally = tally_board(tx, inst, id, *b, &tallied);
            tx.exec("UPDATE election_belenios SET encrypted_tally = ?, num_tallied = ? WHERE institution_id = ? AND election_id = ?", { tally, tallied, inst, id });
            board_ballots = tallied;
        }
        auto hash = ballot_set_hash(tx, inst, id, board_ballots.has_value());
        tx.exec("UPDATE elections SET ballot_set_hash = ? WHERE institution_id = ? AND id = ?", { hash, inst, id });
        auto counts = tx.query_one("SELECT (SELECT count(*) FROM ballots WHERE institution_id = ? AND election_id = ?), "
                                   "(SELECT count(*) FROM voter_roll WHERE institution_id = ? AND election_id = ? AND voted_via = 'online')",
            { inst, id, inst, id });
        int64_t online = board_ballots.value_or(counts->i64(0));
        modules::audit_change(ctx, tx, "election.close", "election", id, nullptr,
            object { { "ballot_set_hash", hash }, { "online_ballots", online }, { "voters_marked_online", counts->i64(1) } });
        return object { { "ballot_set_hash", hash }, { "online_ballots", online }, { "voters_marked_online", counts->i64(1) } };
    }));
    return Response::ok(out);
}

// ELEC-CNT-1: per polling station, the votes per candidate, invalid ballots and ballots of unknown
// form (set aside, not counted); together they cannot exceed the ballots issued there.
Result<Response> count_station(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    int64_t station = TRY(ctx.id_param("station_id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto invalid = in.integer("invalid", Presence::Required, 0, 1'000'000);
    auto unknown = in.integer("unknown_form", Presence::Required, 0, 1'000'000);
    auto* votes = in.array("votes", Presence::Required, 100);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto e = TRY(election_of(tx, ctx, id));
        if (!e.voting_closed_at)
            return Error::rule_refusal("ELEC-CNT-1", "rule.count_after_close");
        if (e.counted_at)
            return Error { ErrorCode::Conflict, "election.counted" };
        if (!tx.query_one("SELECT 1 FROM polling_stations WHERE institution_id = ? AND id = ? AND election_id = ?", { inst, station, id }))
            return Error::not_found();
        std::map<int64_t, int64_t> per;
        for (auto& c : ballot_candidates(tx, inst, id, Lang::Kk))
            per[c.candidate_id] = 0;
        std::vector<FieldError> errors;
        for (size_t i = 0; i < votes->size(); ++i) {
            auto* o = (*votes)[i].if_object();
            auto* cand = o && o->contains("candidate_id") ? o->at("candidate_id").if_int64() : nullptr;
            auto* n = o && o->contains("votes") ? o->at("votes").if_int64() : nullptr;
            if (!cand || !per.contains(*cand))
                errors.push_back({ "votes[" + std::to_string(i) + "].candidate_id", "invalid" });
            else if (!n || *n < 0 || *n > 1'000'000)
                errors.push_back({ "votes[" + std::to_string(i) + "].votes", "invalid" });
            else
                per[*cand] = *n;
        }
        if (!errors.empty())
            return Error::validation(std::move(errors));
        int64_t issued = tx.query_one("SELECT count(*) FROM voter_roll WHERE institution_id = ? AND election_id = ? AND station_id = ?", { inst, id, station })->i64(0);
        std::vector<int64_t> numbers;
        array stored;
        for (auto& [cand, n] : per) {
            numbers.push_back(n);
            stored.push_back(object { { "candidate_id", cand }, { "votes", n } });
        }
        if (auto problem = paper_count_problem(numbers, *invalid, *unknown, issued)) {
            int64_t found = *invalid + *unknown;
            for (auto n : numbers)
                found += n;
            return Error::rule_refusal("ELEC-CNT-1", "rule.count_exceeds_issued", { { "found", found }, { "issued", issued } }, "votes");
        }
        tx.exec("UPDATE polling_stations SET counted_at = ?, votes_json = ?, invalid = ?, unknown_form = ? WHERE institution_id = ? AND id = ?",
            { ctx.clock().now(), boost::json::serialize(stored), *invalid, *unknown, inst, station });
        modules::audit_change(ctx, tx, "election.station_count", "polling_station", station, nullptr,
            object { { "votes", stored }, { "invalid", *invalid }, { "unknown_form", *unknown }, { "issued", issued } });
        return object { { "station_id", station }, { "issued", issued }, { "votes", stored }, { "invalid", *invalid }, { "unknown_form", *unknown } };
    }));
    return Response::ok(out);
}

// ELEC-RES-1: online ballots plus the paper counts; plurality, valid whatever the turnout. A tie
// is reported and waits for the commission's decision.
Result<Response> count(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    TRY(ctx.json_object());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto e = TRY(election_of(tx, ctx, id));
        if (!e.voting_closed_at)
            return Error::rule_refusal("ELEC-CNT-1", "rule.count_after_close");
        if (e.counted_at)
            return Error { ErrorCode::Conflict, "election.counted" };
        if (auto uncounted = tx.query_one("SELECT s.name FROM polling_stations s WHERE s.institution_id = ? AND s.election_id = ? AND s.counted_at IS NULL "
                                          "AND EXISTS (SELECT 1 FROM voter_roll v WHERE v.institution_id = s.institution_id AND v.election_id = s.election_id "
                                          "AND v.station_id = s.id)",
                { inst, id }))
            return Error::rule_refusal("ELEC-CNT-1", "rule.station_not_counted", { { "station", uncounted->str(0) } });
        std::map<int64_t, std::pair<int64_t, int64_t>> votes;   // candidate: online, paper
        for (auto& c : ballot_candidates(tx, inst, id, Lang::Kk))
            votes[c.candidate_id] = { 0, 0 };
        std::optional<std::string> archive_fingerprint;
        if (auto b = load_belenios(tx, inst, id); b && b->encrypted_tally) {
            auto online = TRY(decrypt_online_votes(tx, inst, id, *b));
            for (size_t i = 0; i < b->answers.size(); ++i)
                votes[b->answers[i]].first = online[i];
            archive_fingerprint = TRY(archive_head(tx, inst, id));
        } else {
            for (auto& r : tx.query("SELECT candidate_id, count(*) FROM ballots WHERE institution_id = ? AND election_id = ? GROUP BY candidate_id", { inst, id }))
                votes[r.i64(0)].first = r.i64(1);
        }
        int64_t invalid = 0, unknown = 0;
        for (auto& s : tx.query("SELECT votes_json, invalid, unknown_form FROM polling_stations WHERE institution_id = ? AND election_id = ? AND counted_at IS NOT NULL",
                 { inst, id })) {
            auto station_votes = boost::json::parse(s.str(0));
            for (auto& v : station_votes.as_array())
                votes[v.at("candidate_id").as_int64()].second += v.at("votes").as_int64();
            invalid += s.i64(1);
            unknown += s.i64(2);
        }
        auto roll = tx.query_one("SELECT count(*), count(voted_via), sum(CASE WHEN voted_via = 'online' THEN 1 ELSE 0 END) FROM voter_roll "
                                 "WHERE institution_id = ? AND election_id = ?",
            { inst, id });
        std::vector<std::pair<int64_t, int64_t>> totals;
        array per;
        for (auto& [cand, v] : votes) {
            totals.push_back({ cand, v.first + v.second });
            auto person = tx.query_one("SELECT person_id FROM election_candidates WHERE institution_id = ? AND id = ?", { inst, cand })->i64(0);
            per.push_back(object { { "candidate_id", cand }, { "full_name", people::name_of(tx, inst, person) }, { "online", v.first }, { "paper", v.second },
                { "votes", v.first + v.second } });
        }
        auto outcome = plurality(totals);
        array tied;
        for (auto t : outcome.tied)
            tied.push_back(t);
        int64_t roll_size = roll->i64(0), voted = roll->i64(1);
        object results { { "candidates", per }, { "winner_candidate_id", json_or_null(outcome.winner) }, { "tied", tied }, { "invalid", invalid },
            { "unknown_form", unknown }, { "roll_size", roll_size }, { "voted", voted }, { "voted_online", roll->is_null(2) ? 0 : roll->i64(2) },
            { "turnout_percent", roll_size ? double(voted) * 100.0 / double(roll_size) : 0.0 }, { "ballot_set_hash", e.ballot_set_hash },
            { "archive_fingerprint", json_or_null(archive_fingerprint) } };
        tx.exec("UPDATE elections SET results_json = ?, counted_at = ? WHERE institution_id = ? AND id = ?", { boost::json::serialize(results), ctx.clock().now(), inst, id });
        modules::audit_change(ctx, tx, "election.count", "election", id, nullptr, results);
        return results;
    }));
    return Response::ok(out);
}

// ELEC-RES-1: a tie is decided by the commission, never by the system: it records its decision
// (a repeat vote, or the winner it determined) in the protocol.
Result<Response> decide_tie(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto decision = in.text("decision", Presence::Required, 2000, Lines::Multi, 1);
    auto winner = in.integer("winner_candidate_id", Presence::Optional, 1, INT64_MAX);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto e = TRY(election_of(tx, ctx, id));
        if (!e.counted_at || e.results_published_at || e.protocol_final())
            return Error { ErrorCode::Conflict, "election.no_tie" };
        auto results = boost::json::parse(e.results_json).as_object();
        auto& tied = results["tied"].as_array();
        if (tied.empty())
            return Error { ErrorCode::Conflict, "election.no_tie" };
        if (winner && std::find_if(tied.begin(), tied.end(), [&](auto& v) { return v.as_int64() == *winner; }) == tied.end())
            return Error::field("winner_candidate_id", "invalid");
        results["winner_candidate_id"] = json_or_null(winner);
        results["tie_decision"] = *decision;
        tx.exec("UPDATE elections SET tie_decision = ?, results_json = ? WHERE institution_id = ? AND id = ?", { *decision, boost::json::serialize(results), inst, id });
        modules::audit_change(ctx, tx, "election.tie_decision", "election", id, nullptr, object { { "decision", *decision }, { "winner_candidate_id", json_or_null(winner) } });
        return results;
    }));
    return Response::ok(out);
}

std::vector<db::Row> commission_members(db::Tx& tx, int64_t inst, const Election& e, const std::string& date)
{
    return tx.query("SELECT m.person_id, m.position FROM memberships m WHERE m.institution_id = ? AND m.body_id = ? AND m.starts_on <= ? "
                    "AND (m.ends_on IS NULL OR m.ends_on >= ?) ORDER BY m.id",
        { inst, e.commission_body_id, date, date });
}

object protocol_snapshot(db::Tx& tx, int64_t inst, const Election& e, const std::string& date)
{
    array members;
    for (auto& m : commission_members(tx, inst, e, date))
        members.push_back(object { { "person_id", m.i64(0) }, { "full_name", people::name_of(tx, inst, m.i64(0)) }, { "position", m.str(1) } });
    auto inst_name = tx.query_one("SELECT name FROM institutions WHERE id = ?", { inst });
    return { { "institution", inst_name ? inst_name->str(0) : "" }, { "election_id", e.id }, { "title", e.title }, { "academic_year", e.academic_year },
        { "election_day", e.day.iso() }, { "results", boost::json::parse(e.results_json) }, { "tie_decision", e.tie_decision }, { "commission", members } };
}

object protocol_json(db::Tx& tx, int64_t inst, const Election& e)
{
    array signers;
    auto date = e.counted_at ? almaty::local_date(*e.counted_at).iso() : e.day.iso();
    auto snapshot = e.protocol_snapshot.empty() ? object {} : boost::json::parse(e.protocol_snapshot).as_object();
    auto members = snapshot.contains("commission") ? snapshot["commission"].as_array() : array {};
    for (auto& m : members) {
        int64_t person = m.at("person_id").as_int64();
        auto s = tx.query_one("SELECT signed_at FROM election_protocol_signatures WHERE institution_id = ? AND election_id = ? AND person_id = ?", { inst, e.id, person });
        signers.push_back(object { { "person_id", person }, { "full_name", m.at("full_name") }, { "position", m.at("position") },
            { "signed_at", s ? boost::json::value(almaty::iso_datetime(s->i64(0))) : nullptr } });
    }
    return { { "status", e.protocol_final() ? "final" : snapshot.empty() ? "none" : "draft" }, { "signers", signers },
        { "verification_code", json_or_null(e.protocol_verification) }, { "document_hash", e.protocol_hash.empty() ? "" : crypto::to_hex(e.protocol_hash) } };
}

// ELEC-CNT-2: each member of the commission signs the results protocol; with the last signature
// it becomes final and the institution signs its hash.
Result<Response> sign_protocol(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    TRY(ctx.json_object());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto e = load_election(tx, inst, id);
        if (!e)
            return Error::not_found();
        if (!e->counted_at)
            return Error::rule_refusal("ELEC-CNT-2", "rule.protocol_after_count");
        auto results = boost::json::parse(e->results_json).as_object();
        if (results["winner_candidate_id"].is_null() && e->tie_decision.empty())
            return Error::rule_refusal("ELEC-RES-1", "rule.tie_undecided");
        if (e->protocol_final())
            return Error { ErrorCode::Conflict, "protocol.final" };
        auto date = almaty::local_date(ctx.clock().now()).iso();
        if (e->protocol_snapshot.empty()) {
            e->protocol_snapshot = boost::json::serialize(protocol_snapshot(tx, inst, *e, date));
            tx.exec("UPDATE elections SET protocol_snapshot = ? WHERE institution_id = ? AND id = ?", { e->protocol_snapshot, inst, id });
        }
        auto snapshot = boost::json::parse(e->protocol_snapshot).as_object();
        auto& members = snapshot["commission"].as_array();
        auto me = ctx.user().person_id;
        if (!me || std::find_if(members.begin(), members.end(), [&](auto& m) { return m.at("person_id").as_int64() == *me; }) == members.end())
            return Error::rule_refusal("ELEC-CNT-2", "rule.protocol_signers");
        if (tx.query_one("SELECT 1 FROM election_protocol_signatures WHERE institution_id = ? AND election_id = ? AND person_id = ?", { inst, id, *me }))
            return Error { ErrorCode::Conflict, "protocol.signed" };
        auto now = ctx.clock().now();
        tx.exec("INSERT INTO election_protocol_signatures (institution_id, election_id, person_id, signed_at) VALUES (?, ?, ?, ?)", { inst, id, *me, now });
        auto signed_count = tx.query_one("SELECT count(*) FROM election_protocol_signatures WHERE institution_id = ? AND election_id = ?", { inst, id })->i64(0);
        modules::audit_change(ctx, tx, "election.protocol_sign", "election", id, nullptr, object { { "person_id", *me } });
        if (signed_count == int64_t(members.size())) {
            std::string hash = signing::sha256(e->protocol_snapshot);
            auto sig = signing::sign(tx, inst, hash);
            std::string code = signing::verification_code(inst, 'e');
            tx.exec("UPDATE elections SET protocol_hash = ?, protocol_signature = ?, protocol_public_key = ?, protocol_verification = ?, protocol_final_at = ? "
                    "WHERE institution_id = ? AND id = ?",
                { db::Blob { hash }, db::Blob { sig.signature }, db::Blob { sig.public_key }, code, now, inst, id });
            modules::audit_change(ctx, tx, "election.protocol_final", "election", id, nullptr,
                object { { "document_hash", crypto::to_hex(hash) }, { "verification_code", code } });
        }
        return protocol_json(tx, inst, *load_election(tx, inst, id));
    }));
    return Response::ok(out);
}

Result<Response> get_protocol(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto e = load_election(tx, ctx.institution_id(), id);
        if (!e)
            return Error::not_found();
        return Response::ok(protocol_json(tx, ctx.institution_id(), *e));
    });
}

// ELEC-RES-1: publication makes the result official and the winner takes office: President of
// the Student Government for the academic year (ORG-7).
Result<Response> publish_results(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    TRY(ctx.json_object());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto e = TRY(election_of(tx, ctx, id));
        if (e.results_published_at)
            return Error { ErrorCode::Conflict, "election.published" };
        if (!e.protocol_final())
            return Error::rule_refusal("ELEC-CNT-2", "rule.protocol_not_final");
        auto results = boost::json::parse(e.results_json).as_object();
        if (results["winner_candidate_id"].is_null())
            return Error::rule_refusal("ELEC-RES-1", "rule.no_winner");
        auto now = ctx.clock().now();
        int64_t winner = results["winner_candidate_id"].as_int64();
        int64_t person = tx.query_one("SELECT person_id FROM election_candidates WHERE institution_id = ? AND id = ?", { inst, winner })->i64(0);
        // The term is the academic year of the election (ORG-7), from the day of publication.
        auto today = almaty::local_date(now);
        CivilDate year_end { std::stoi(e.academic_year.substr(5)), 8, 31 };
        auto seated = TRY(bodies::detail::seat_member(tx, ctx, { e.government_body_id, person, "president", true, today, year_end, false, std::nullopt }));
        tx.exec("UPDATE elections SET results_published_at = ? WHERE institution_id = ? AND id = ?", { now, inst, id });
        modules::audit_change(ctx, tx, "election.publish_results", "election", id, nullptr,
            object { { "winner_candidate_id", winner }, { "membership_id", seated.at("id") } });
        return object { { "published_at", almaty::iso_datetime(now) }, { "winner_candidate_id", winner }, { "membership_id", seated.at("id") } };
    }));
    return Response::ok(out);
}

}

void detail::register_counting_routes(Registry& r)
{
    r.router.add("POST", "/api/v1/elections/{id}/close", run_perm, policy::run_election, Body::Json, close_voting);
    r.router.add("PUT", "/api/v1/elections/{id}/stations/{station_id}/count", run_perm, policy::run_election, Body::Json, count_station);
    r.router.add("POST", "/api/v1/elections/{id}/count", run_perm, policy::run_election, Body::Json, count);
    r.router.add("POST", "/api/v1/elections/{id}/tie-decision", run_perm, policy::run_election, Body::Json, decide_tie);
    r.router.add("GET", "/api/v1/elections/{id}/protocol", read_perm, policy::read_results, Body::None, get_protocol);
    r.router.add("POST", "/api/v1/elections/{id}/protocol/sign", run_perm, policy::run_election, Body::Json, sign_protocol);
    r.router.add("POST", "/api/v1/elections/{id}/publish-results", run_perm, policy::run_election, Body::Json, publish_results);
}

}
