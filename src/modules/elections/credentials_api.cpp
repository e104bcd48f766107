// The voting codes of a verifiable election (issue 13; Belenios spec 4.8): once the trustees' key
// is made and the ballot approved, the commission issues every voter on the roll a code that is
// their Belenios private credential. The server keeps no code: only the public credentials, in
// sorted order (nothing pairs them with voters), and beside each voter the SHA-256 of a roll token
// the browser derives from the code, so the roll can be marked when the ballot arrives. The codes
// are printed once; a voter who lost theirs votes at a polling station. Issued before voting
// opens, because the public credentials are published before the first ballot (spec 3.2).
#include "core/json_fields.hpp"
#include "docs/csv_writer.hpp"
#include "modules/elections/belenios.hpp"
#include "modules/elections/elections.hpp"
#include "modules/elections/policy.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include "verifiable/credential.hpp"
#include <boost/json/parse.hpp>

namespace kenes::elections {

using namespace http;
using boost::json::object;
namespace vf = verifiable;

namespace {

struct Voter {
    int64_t person_id;
    std::string student_number, faculty;
};

Status check_can_issue(db::Tx& tx, const Election& e, int64_t inst, UnixMillis now)
{
    if (!is_verifiable(tx, inst, e.id))
        return Error { ErrorCode::Conflict, "election.trustees.incomplete" };
    if (!e.ballot_approved_at || e.voting_closed_at)
        return Error { ErrorCode::Conflict, "election.codes_closed" };
    if (tx.query_one("SELECT 1 FROM election_belenios WHERE institution_id = ? AND election_id = ?", { inst, e.id }))
        return Error { ErrorCode::Conflict, "election.credentials.issued" };
    if (now >= e.cal().voting_opens)
        return Error { ErrorCode::Conflict, "election.credentials.late" };
    return Ok {};
}

Result<Response> issue(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    bool revote = in.boolean("revote", Presence::Optional).value_or(false);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    // A credential costs PBKDF2 and an exponentiation (about 1 ms): they are made before the write
    // transaction, which then checks that the roll is still the one they were made for.
    auto voters = TRY(ctx.db().read([&](db::Tx& tx) -> Result<std::vector<Voter>> {
        auto e = TRY(election_of(tx, ctx, id));
        TRY(check_can_issue(tx, e, inst, ctx.clock().now()));
        std::vector<Voter> out;
        for (auto& r : tx.query("SELECT person_id, student_number, faculty FROM voter_roll WHERE institution_id = ? AND election_id = ? ORDER BY faculty, student_number",
                 { inst, id }))
            out.push_back({ r.i64(0), r.str(1), r.str(2) });
        return out;
    }));
    std::string uuid = vf::generate_uuid();
    auto codes = make_codes(voters.size(), uuid);
    auto csv = TRY(ctx.db().write([&](db::Tx& tx) -> Result<std::string> {
        auto e = TRY(election_of(tx, ctx, id));
        TRY(check_can_issue(tx, e, inst, ctx.clock().now()));
        auto roll = tx.query_one("SELECT count(*) FROM voter_roll WHERE institution_id = ? AND election_id = ?", { inst, id })->i64(0);
        if (roll != int64_t(voters.size()))
            return Error { ErrorCode::Conflict, "election.credentials.roll_changed" };
        std::vector<int64_t> persons;
        for (auto& v : voters)
            persons.push_back(v.person_id);
        auto fingerprint = TRY(store_credentials(tx, inst, e, ctx.services.catalog, uuid, persons, codes, revote, ctx.clock().now(), ctx.user().user_id));
        docs::CsvWriter out;
        out.row({ "student_number", "full_name", "faculty", "code" });
        for (size_t i = 0; i < voters.size(); ++i) {
            auto& v = voters[i];
            out.text(v.student_number).text(people::name_of(tx, inst, v.person_id)).text(v.faculty).text(codes[i].code).end_row();
        }
        modules::audit_change(ctx, tx, "election.credentials", "election", id, nullptr,
            object { { "issued", int64_t(codes.size()) }, { "fingerprint", fingerprint }, { "revote", revote } });
        return out.take();
    }));
    auto r = Response::text(200, std::move(csv), std::string(docs::csv_media_type));
    r.set_header("Content-Disposition", "attachment; filename=\"voting-codes-" + std::to_string(id) + ".csv\"");
    r.set_header("Cache-Control", "no-store");
    return r;
}

Result<Response> status(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        TRY(election_of(tx, ctx, id));
        auto b = load_belenios(tx, ctx.institution_id(), id);
        if (!b)
            return Response::ok(object { { "issued", false }, { "issued_at", nullptr }, { "count", 0 }, { "revote", false }, { "fingerprint", nullptr } });
        auto count = int64_t(boost::json::parse(b->public_credentials_json).as_array().size());
        return Response::ok(object { { "issued", true }, { "issued_at", almaty::iso_datetime(b->issued_at) }, { "count", count }, { "revote", b->revote },
            { "fingerprint", b->fingerprint } });
    });
}

}

void detail::register_credential_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/elections/{id}/credentials", run_perm, policy::run_election, Body::None, status);
    r.router.add("POST", "/api/v1/elections/{id}/credentials", run_perm, policy::run_election, Body::Json, issue);
}

}
