// The booth and the bulletin board of a verifiable election (issue 13; Belenios spec 3.2-3.5).
// The voter's browser encrypts and signs the ballot with the voting code; the server verifies
// every proof and the signature before it acknowledges, marks the roll, and keeps the ballot
// only as the ciphertext it received. The board lists every accepted ballot by its tracker (the
// voter's receipt), and the archive lets anyone recompute the tally with belenios-tool or in the
// browser.
//
// What is stored: the roll says that the voter voted (and the hour, for turnout); the board holds
// ballots keyed by their public credential, so on SQLite the rows lie in credential order, not in
// arrival order. A ballot and its roll mark are written in one transaction, so a copy of the
// database or its WAL can pair a voter with a ciphertext, but no choice exists to be paired: the
// ciphertext opens only with a threshold of the trustees' keys, which are never on the server,
// and the trustees decrypt only the sum.
#include "core/json_fields.hpp"
#include "modules/elections/belenios.hpp"
#include "modules/elections/elections.hpp"
#include "modules/elections/policy.hpp"
#include "modules/module_support.hpp"
#include "security/crypto.hpp"
#include "security/signing.hpp"
#include "verifiable/ballot.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

namespace kenes::elections {

using namespace http;
using boost::json::array;
using boost::json::object;
namespace vf = verifiable;

namespace {

// A roll token as the browser derives it: 64 lowercase hex digits.
bool is_roll_token(const std::string& t)
{
    return t.size() == 64 && std::all_of(t.begin(), t.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// A refused ballot or roll token: the code names the defect, the message explains it to the voter.
Error refused(std::string field, std::string code)
{
    std::string key = "election." + field + "." + code;
    return Error::validation({ FieldError { std::move(field), std::move(code), {}, {}, {}, std::move(key) } });
}

Error bad_ballot(std::string code) { return refused("ballot", std::move(code)); }

struct Accepted {
    std::string tracker;
    bool replaced = false;
};

// ELEC-DAY-1, ELEC-DAY-2 and revoting, in the write transaction that stores the ballot. The roll
// row is updated first: it serialises two ballots of one voter on PostgreSQL.
Result<Accepted> store_ballot(const Context& ctx, int64_t inst, int64_t id, const std::string& roll_token, const vf::VerifiedBallot& ballot,
    bool revote, std::optional<int64_t> signed_in)
{
    auto now = ctx.clock().now();
    return ctx.db().write([&](db::Tx& tx) -> Result<Accepted> {
        // Closing waits for the ballots in flight on PostgreSQL (they share-lock the election).
        if (tx.dialect() == db::Dialect::Postgres)
            tx.query_one("SELECT 1 FROM elections WHERE institution_id = ? AND id = ? FOR SHARE", { inst, id });
        auto election = load_election(tx, inst, id);
        if (!election)
            return Error::not_found();
        if (election->voting_closed_at)
            return Error::rule_refusal("ELEC-DAY-1", "rule.voting_closed");
        if (!voting_open(election->cal(), now))
            return outside_hours(election->cal());
        auto roll = tx.query_one("SELECT person_id, voted_via FROM voter_roll WHERE institution_id = ? AND election_id = ? AND code_hash = ?",
            { inst, id, roll_token_hash(roll_token) });
        if (!roll)
            return refused("roll_token", "invalid");
        int64_t person = roll->i64(0);
        if (signed_in && *signed_in != person)
            return refused("roll_token", "not_yours");
        // The mark is conditional, not decided on the row read above: on PostgreSQL a polling
        // station may mark the voter between that read and this write, and the update then sees
        // its mark and changes nothing (ELEC-DAY-2: one ballot, station or online).
        auto marked = tx.exec("UPDATE voter_roll SET voted_via = 'online', voted_hour = coalesce(voted_hour, ?) WHERE institution_id = ? AND election_id = ? "
                              "AND person_id = ? AND (voted_via IS NULL OR (voted_via = 'online' AND ? = 1))",
            { local_hour(now), inst, id, person, int64_t(revote) });
        if (marked != 1)
            return Error::rule_refusal("ELEC-DAY-2", "rule.already_voted_election", {}, "ballot");
        // A ballot once accepted cannot come back: replaying a voter's earlier ballot from the
        // public board would undo their revote.
        if (tx.query_one("SELECT 1 FROM election_board_seen WHERE institution_id = ? AND election_id = ? AND content_hash = ?", { inst, id, ballot.content_hash }))
            return bad_ballot("replayed");
        auto earlier = tx.query_one("SELECT tracker FROM election_board WHERE institution_id = ? AND election_id = ? AND credential = ?", { inst, id, ballot.credential });
        if (earlier && !revote)
            return Error::rule_refusal("ELEC-DAY-2", "rule.already_voted_election", {}, "ballot");
        if (earlier)
            tx.exec("UPDATE election_board SET ballot = ?, tracker = ? WHERE institution_id = ? AND election_id = ? AND credential = ?",
                { ballot.text, ballot.tracker, inst, id, ballot.credential });
        else
            tx.exec("INSERT INTO election_board (institution_id, election_id, credential, tracker, ballot) VALUES (?, ?, ?, ?, ?)",
                { inst, id, ballot.credential, ballot.tracker, ballot.text });
        tx.exec("INSERT INTO election_board_seen (institution_id, election_id, content_hash) VALUES (?, ?, ?)", { inst, id, ballot.content_hash });
        // The entry names the voter; it carries no tracker, ballot or credential.
        audit::Actor actor = signed_in ? ctx.user().actor() : audit::Actor { std::nullopt, "voting-code" };
        audit::record(tx, ctx.clock(), { inst, actor, "election.voted", "voter", person, nullptr, object { { "election_id", id }, { "via", "online" } } });
        return Accepted { ballot.tracker, earlier.has_value() };
    });
}

Result<Response> cast(Context& ctx, int64_t inst, int64_t id, std::optional<int64_t> signed_in)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto token = in.text("roll_token", Presence::Required, 64, Lines::Single, 64);
    auto text = in.text("ballot", Presence::Required, 200'000, Lines::Single, 1);
    TRY(in.finish());
    std::string roll_token = *token;
    std::transform(roll_token.begin(), roll_token.end(), roll_token.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (!is_roll_token(roll_token))
        return refused("roll_token", "invalid");
    auto keys = booth_keys(ctx.db(), inst, id);
    if (!keys) {
        TRY(ctx.db().read([&](db::Tx& tx) -> Status {
            auto e = load_election(tx, inst, id);
            if (!e)
                return Error::not_found();
            return Error { ErrorCode::Conflict, "election.credentials.not_issued" };
        }));
        return Error::not_found();
    }
    // The roll token first: verifying a ballot costs about 10 ms of CPU, which nobody without a
    // voting code should be able to make the server spend (the public credentials are public).
    bool known = ctx.db().read([&](db::Tx& tx) {
        return tx.query_one("SELECT 1 FROM voter_roll WHERE institution_id = ? AND election_id = ? AND code_hash = ?", { inst, id, roll_token_hash(roll_token) })
            .has_value();
    });
    if (!known)
        return refused("roll_token", "invalid");
    // The proofs and the signature are checked before any write transaction.
    auto verified = vf::verify_ballot(*text, *keys->election, *keys->credentials);
    if (auto* defect = std::get_if<vf::BallotDefect>(&verified))
        return bad_ballot(std::string(vf::defect_name(*defect)));
    auto accepted = TRY(store_ballot(ctx, inst, id, roll_token, std::get<vf::VerifiedBallot>(verified), keys->revote, signed_in));
    return Response::created(object { { "tracker", accepted.tracker }, { "replaced", accepted.replaced } });
}

Result<Response> cast_signed_in(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    if (!ctx.user().person_id)
        return Error::rule_refusal("ELEC-1", "rule.not_on_roll");
    return cast(ctx, ctx.institution_id(), id, ctx.user().person_id);
}

Result<Response> cast_with_code(Context& ctx)
{
    int64_t inst = TRY(ctx.id_param("institution_id"));
    int64_t id = TRY(ctx.id_param("id"));
    return cast(ctx, inst, id, std::nullopt);
}

// What the booth encrypts against: the election structure as published, and which candidate
// each answer stands for.
Result<Response> booth(Context& ctx)
{
    int64_t inst = TRY(ctx.id_param("institution_id"));
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto e = load_election(tx, inst, id);
        if (!e)
            return Error::not_found();
        auto b = load_belenios(tx, inst, id);
        auto now = ctx.clock().now();
        array answers;
        int64_t ballots = 0;
        if (b) {
            for (auto a : b->answers)
                answers.emplace_back(a);
            ballots = tx.query_one("SELECT count(*) FROM election_board WHERE institution_id = ? AND election_id = ?", { inst, id })->i64(0);
        }
        return Response::ok(object { { "election_id", id }, { "verifiable", is_verifiable(tx, inst, id) },
            { "election", b ? boost::json::value(b->election_json) : nullptr }, { "fingerprint", b ? boost::json::value(b->fingerprint) : nullptr },
            { "answers", answers }, { "revote", b && b->revote }, { "voting_open", voting_open(e->cal(), now) && !e->voting_closed_at },
            { "closed", e->voting_closed_at.has_value() }, { "ballots", ballots } });
    });
}

Result<Response> board(Context& ctx)
{
    int64_t inst = TRY(ctx.id_param("institution_id"));
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto e = load_election(tx, inst, id);
        auto b = e ? load_belenios(tx, inst, id) : std::nullopt;
        if (!b)
            return Error::not_found();
        array trackers;
        for (auto& t : board_trackers(tx, inst, id))
            trackers.emplace_back(t);
        return Response::ok(object { { "election_id", id }, { "fingerprint", b->fingerprint }, { "closed", e->voting_closed_at.has_value() },
            { "trackers", trackers }, { "encrypted_tally", b->encrypted_tally ? boost::json::value(*b->encrypted_tally) : nullptr },
            { "decryptions", int64_t(decryptions_of(tx, inst, id).size()) },
            { "result", b->result && e->results_published_at ? boost::json::value(*b->result) : nullptr } });
    });
}

// The archive as belenios-tool 2.0 writes it, streamed from the file that the last change built.
Result<Response> archive(Context& ctx)
{
    int64_t inst = TRY(ctx.id_param("institution_id"));
    int64_t id = TRY(ctx.id_param("id"));
    auto a = TRY(public_archive(ctx.db(), inst, id));
    auto r = Response::download(std::move(a.file), "application/x-tar");
    r.set_header("Content-Disposition", "attachment; filename=\"" + a.uuid + ".bel\"");
    r.set_header("ETag", "\"" + crypto::to_hex(signing::sha256(a.version)).substr(0, 32) + "\"");
    return r;
}

}

void detail::register_booth_routes(Registry& r)
{
    r.router.add("POST", "/api/v1/elections/{id}/ballots", perm::Self, policy::vote, Body::Json, cast_signed_in);
    r.router.add("GET", "/api/v1/public/institutions/{institution_id}/elections/{id}/belenios", perm::Public, authz::anyone, Body::None, booth);
    r.router.add("POST", "/api/v1/public/institutions/{institution_id}/elections/{id}/ballots", perm::Public, authz::anyone, Body::Json, cast_with_code);
    r.router.add("GET", "/api/v1/public/institutions/{institution_id}/elections/{id}/board", perm::Public, authz::anyone, Body::None, board);
    r.router.add("GET", "/api/v1/public/institutions/{institution_id}/elections/{id}/archive.bel", perm::Public, authz::anyone, Body::None, archive);
}

}
