// Public pages of an election (ELEC-1: open and public preparation; ELEC-RES-1: official
// publication): the calendar, the published candidates with photos, programs and campaign
// materials, after the close the receipt codes with the hash over the ballot set, and after
// publication the result with its protocol. No other personal data.
#include "modules/elections/belenios.hpp"
#include "modules/elections/elections.hpp"
#include "modules/module_support.hpp"
#include "security/crypto.hpp"
#include "security/signing.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

namespace kenes::elections {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

object public_summary(const Election& e, UnixMillis now, const Catalog& catalog, Lang lang)
{
    auto cal = e.cal();
    return { { "id", e.id }, { "title", e.title_in(catalog, lang) }, { "academic_year", e.academic_year }, { "phase", phase(e, now) }, { "election_day", cal.election_day.iso() },
        { "voting_opens", almaty::iso_datetime(cal.voting_opens) }, { "voting_closes", almaty::iso_datetime(cal.voting_closes) },
        { "registration_closes", almaty::iso_datetime(cal.registration_closes) } };
}

Result<Response> public_elections(Context& ctx)
{
    int64_t inst = TRY(ctx.id_param("institution_id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        for (auto& r : tx.query("SELECT id FROM elections WHERE institution_id = ? ORDER BY academic_year DESC LIMIT 20", { inst }))
            items.push_back(public_summary(*load_election(tx, inst, r.i64(0)), ctx.clock().now(), ctx.services.catalog, ctx.lang));
        return Response::ok(object { { "items", items } });
    });
}

Result<Response> public_election(Context& ctx)
{
    int64_t inst = TRY(ctx.id_param("institution_id"));
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto e = load_election(tx, inst, id);
        if (!e)
            return Error::not_found();
        auto out = public_summary(*e, ctx.clock().now(), ctx.services.catalog, ctx.lang);
        array candidates;
        if (e->list_published_at)
            for (auto& n : ballot_candidates(tx, inst, id, ctx.lang)) {
                auto c = tx.query_one("SELECT c.program, coalesce(s.course, g.course), f.name, "
                                      "(SELECT count(*) FROM election_files x WHERE x.institution_id = c.institution_id AND x.candidate_id = c.id AND x.kind = 'photo') "
                                      "FROM election_candidates c LEFT JOIN students s ON s.institution_id = c.institution_id AND s.person_id = c.person_id "
                                      "LEFT JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id "
                                      "LEFT JOIN faculties f ON f.institution_id = g.institution_id AND f.id = g.faculty_id WHERE c.institution_id = ? AND c.id = ?",
                    { inst, n.candidate_id });
                array materials;
                for (auto& m : tx.query("SELECT text, created_at FROM campaign_materials WHERE institution_id = ? AND candidate_id = ? ORDER BY created_at DESC",
                         { inst, n.candidate_id }))
                    materials.push_back(object { { "text", m.str(0) }, { "created_at", almaty::iso_datetime(m.i64(1)) } });
                candidates.push_back(object { { "candidate_id", n.candidate_id },
                    { "full_name", n.surname + " " + n.name + (n.patronymic.empty() ? "" : " " + n.patronymic) }, { "program", c->str(0) },
                    { "course", c->is_null(1) ? boost::json::value(nullptr) : boost::json::value(c->i64(1)) },
                    { "faculty", modules::json_or_null(c->opt_str(2)) }, { "has_photo", c->i64(3) > 0 }, { "materials", materials } });
            }
        out["candidates"] = candidates;
        if (e->voting_closed_at) {
            out["ballot_set_hash"] = e->ballot_set_hash;
            out["ballots"] = tx.query_one("SELECT count(*) FROM ballots WHERE institution_id = ? AND election_id = ?", { inst, id })->i64(0);
            out["voters_marked_online"] = tx.query_one("SELECT count(*) FROM voter_roll WHERE institution_id = ? AND election_id = ? AND voted_via = 'online'",
                                              { inst, id })->i64(0);
        }
        if (e->results_published_at) {
            out["results"] = boost::json::parse(e->results_json);
            out["published_at"] = almaty::iso_datetime(*e->results_published_at);
            out["protocol_verification"] = modules::json_or_null(e->protocol_verification);
        }
        return Response::ok(out);
    });
}

// After the close: every receipt code, so each voter can check that theirs is counted, and the
// hash over the full ballot set.
Result<Response> public_receipts(Context& ctx)
{
    int64_t inst = TRY(ctx.id_param("institution_id"));
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto e = load_election(tx, inst, id);
        // A verifiable election has no plaintext ballots and so no receipts: its board lists the
        // trackers (GET .../board).
        if (!e || !e->voting_closed_at || is_verifiable(tx, inst, id))
            return Error::not_found();
        array receipts;
        for (auto& r : tx.query("SELECT receipt FROM ballots WHERE institution_id = ? AND election_id = ? ORDER BY receipt", { inst, id }))
            receipts.emplace_back(r.str(0));
        return Response::ok(object { { "ballot_set_hash", e->ballot_set_hash }, { "count", int64_t(receipts.size()) }, { "receipts", receipts } });
    });
}

Result<Response> public_photo(Context& ctx)
{
    int64_t inst = TRY(ctx.id_param("institution_id"));
    int64_t id = TRY(ctx.id_param("id"));
    auto [type, bytes] = TRY(ctx.db().read([&](db::Tx& tx) -> Result<std::pair<std::string, std::string>> {
        auto c = tx.query_one("SELECT election_id, status, program_review FROM election_candidates WHERE institution_id = ? AND id = ?", { inst, id });
        if (!c || c->str(1) != "registered" || c->str(2) != "approved")
            return Error::not_found();
        auto e = load_election(tx, inst, c->i64(0));
        if (!e || !e->list_published_at)
            return Error::not_found();
        auto f = tx.query_one("SELECT content_type, bytes FROM election_files WHERE institution_id = ? AND candidate_id = ? AND kind = 'photo'", { inst, id });
        if (!f)
            return Error::not_found();
        return std::pair { f->str(0), f->blob(1) };
    }));
    auto r = Response::text(200, std::move(bytes), type);
    r.set_header("Cache-Control", "public, max-age=300");
    return r;
}

Result<Response> public_protocol_pdf(Context& ctx)
{
    int64_t inst = TRY(ctx.id_param("institution_id"));
    int64_t id = TRY(ctx.id_param("id"));
    Lang lang = TRY(modules::document_lang(ctx));
    auto bytes = TRY(ctx.db().read([&](db::Tx& tx) -> Result<std::string> {
        auto e = load_election(tx, inst, id);
        if (!e || !e->results_published_at)
            return Error::not_found();
        return render_protocol_pdf(tx, inst, ctx.services.catalog, lang, *e, modules::base_url(ctx) + "/verify/" + e->protocol_verification.value_or(""));
    }));
    return modules::pdf_response(std::move(bytes), "election-protocol-" + std::to_string(id), lang);
}

// The verification page of a printed results protocol: the hash and the institution's signature.
Result<Response> verify_protocol(Context& ctx)
{
    auto it = ctx.params.find("code");
    std::string code = it == ctx.params.end() ? "" : it->second;
    auto institution = signing::institution_of_code(code, 'e');
    if (!institution)
        return Error::not_found();
    int64_t inst = *institution;
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto r = tx.query_one("SELECT id FROM elections WHERE institution_id = ? AND protocol_verification = ?", { inst, code });
        if (!r)
            return Error::not_found();
        auto e = *load_election(tx, inst, r->i64(0));
        bool intact = signing::sha256(e.protocol_snapshot) == e.protocol_hash && signing::verify(e.protocol_public_key, e.protocol_hash, e.protocol_signature);
        auto results = boost::json::parse(e.results_json).as_object();
        return Response::ok(object { { "kind", "election_results" }, { "valid", intact }, { "title", e.title_in(ctx.services.catalog, ctx.lang) }, { "academic_year", e.academic_year },
            { "election_day", e.day.iso() }, { "document_hash", crypto::to_hex(e.protocol_hash) }, { "signature", crypto::to_hex(e.protocol_signature) },
            { "public_key", crypto::to_hex(e.protocol_public_key) }, { "finalized_at", almaty::iso_datetime(*e.protocol_final_at) },
            { "voted", results["voted"] }, { "roll_size", results["roll_size"] } });
    });
}

}

void detail::register_public_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/public/institutions/{institution_id}/elections", perm::Public, authz::anyone, Body::None, public_elections);
    r.router.add("GET", "/api/v1/public/institutions/{institution_id}/elections/{id}", perm::Public, authz::anyone, Body::None, public_election);
    r.router.add("GET", "/api/v1/public/institutions/{institution_id}/elections/{id}/receipts", perm::Public, authz::anyone, Body::None, public_receipts);
    r.router.add("GET", "/api/v1/public/institutions/{institution_id}/elections/{id}/protocol.pdf", perm::Public, authz::anyone, Body::None, public_protocol_pdf);
    r.router.add("GET", "/api/v1/public/institutions/{institution_id}/election-candidates/{id}/photo", perm::Public, authz::anyone, Body::None, public_photo);
    r.router.add("GET", "/api/v1/public/election-protocols/{code}", perm::Public, authz::anyone, Body::None, verify_protocol);
}

}
