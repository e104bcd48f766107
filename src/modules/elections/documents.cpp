// The election's documents as PDF, in the language asked for: the printable ballot (ELEC-DAY-3),
// the candidate's application of consent (appendix 2, ELEC-REG-1) and the results protocol in two
// numbered originals (ELEC-CNT-2).
#include "docs/pdf.hpp"
#include "i18n/dates.hpp"
#include "modules/people/people.hpp"
#include "modules/elections/policy.hpp"
#include "modules/elections/elections.hpp"
#include "modules/module_support.hpp"
#include "security/crypto.hpp"
#include <boost/json/parse.hpp>

namespace kenes::elections {

using namespace http;
using boost::json::object;

std::string render_protocol_pdf(db::Tx& tx, int64_t inst, const Catalog& c, Lang lang, const Election& e, const std::string& verify_url)
{
    auto snap = boost::json::parse(e.protocol_snapshot.empty() ? "{}" : e.protocol_snapshot).as_object();
    auto results = boost::json::parse(e.results_json).as_object();
    auto str = [](const boost::json::value& v) { return v.is_string() ? std::string(v.as_string()) : std::string(); };
    auto inst_name = tx.query_one("SELECT name FROM institutions WHERE id = ?", { inst });
    docs::PdfWriter pdf;
    pdf.language(std::string(lang_code(lang)));
    // Each original is a document of its own: its pages are numbered "1 / n" from its first page.
    pdf.number_pages();
    for (int original = 1; original <= 2; ++original) {
        if (original == 2)
            pdf.restart_page_numbers();
        pdf.small(inst_name ? inst_name->str(0) : "");
        pdf.small(c.format(lang, "election.protocol.original", { { "n", original }, { "of", 2 } }));
        pdf.title(c.format(lang, "election.protocol.title", { { "title", e.title_in(c, lang) } }));
        pdf.paragraph(c.format(lang, "election.protocol.day", { { "day", i18n::long_date(lang, e.day) }, { "year", e.academic_year } }));
        if (!e.protocol_final())
            pdf.heading(c.format(lang, "protocol.draft"));
        std::vector<std::vector<std::string>> rows { { c.format(lang, "election.protocol.candidate"), c.format(lang, "election.protocol.online"),
            c.format(lang, "election.protocol.paper"), c.format(lang, "election.protocol.votes") } };
        std::vector<std::string> labels;
        std::vector<double> values;
        for (auto& v : results["candidates"].as_array()) {
            auto& o = v.as_object();
            rows.push_back({ str(o.at("full_name")), std::to_string(o.at("online").as_int64()), std::to_string(o.at("paper").as_int64()),
                std::to_string(o.at("votes").as_int64()) });
        }
        pdf.table(rows, { 0.52, 0.16, 0.16, 0.16 });
        pdf.paragraph(c.format(lang, "election.protocol.turnout",
            { { "voted", results["voted"] }, { "roll", results["roll_size"] }, { "percent", results["turnout_percent"] } }));
        pdf.paragraph(c.format(lang, "election.protocol.set_aside", { { "invalid", results["invalid"] }, { "unknown", results["unknown_form"] } }));
        // A verifiable election names its Belenios archive (election fingerprint and the archive's
        // last event, which commits to every ballot, the tally, the decryptions and the result).
        if (auto* archive = results.if_contains("archive_fingerprint"); archive && archive->is_string())
            pdf.small(c.format(lang, "election.protocol.archive", { { "hash", *archive } }));
        else
            pdf.small(c.format(lang, "election.protocol.ballot_hash", { { "hash", results["ballot_set_hash"] } }));
        if (!e.tie_decision.empty())
            pdf.paragraph(c.format(lang, "election.protocol.tie_decision", { { "decision", e.tie_decision } }));
        if (!results["winner_candidate_id"].is_null()) {
            for (auto& v : results["candidates"].as_array())
                if (v.at("candidate_id") == results["winner_candidate_id"])
                    pdf.heading(c.format(lang, "election.protocol.winner", { { "name", v.at("full_name") } }));
        } else {
            pdf.heading(c.format(lang, "election.protocol.tie"));
        }
        pdf.heading(c.format(lang, "protocol.signatures"));
        std::vector<std::vector<std::string>> sig_rows { { c.format(lang, "protocol.column_name"), c.format(lang, "protocol.column_position"),
            c.format(lang, "protocol.column_signature") } };
        if (snap.contains("commission"))
            for (auto& m : snap["commission"].as_array()) {
                auto s = tx.query_one("SELECT signed_at FROM election_protocol_signatures WHERE institution_id = ? AND election_id = ? AND person_id = ?",
                    { inst, e.id, m.at("person_id").as_int64() });
                sig_rows.push_back({ str(m.at("full_name")), c.format(lang, "body.position." + str(m.at("position"))),
                    s ? c.format(lang, "protocol.signed_at", { { "at", i18n::long_date_time(lang, s->i64(0)) } }) : c.format(lang, "protocol.not_signed") });
            }
        pdf.table(sig_rows, { 0.42, 0.28, 0.30 });
        if (e.protocol_final())
            pdf.qr(verify_url, c.format(lang, "protocol.verification",
                                   { { "url", verify_url }, { "hash", crypto::to_hex(e.protocol_hash) }, { "signature", crypto::to_hex(e.protocol_signature) } }));
    }
    return pdf.finish();
}

namespace {

Result<Response> protocol_pdf(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    Lang lang = TRY(modules::document_lang(ctx));
    auto bytes = TRY(ctx.db().read([&](db::Tx& tx) -> Result<std::string> {
        auto e = load_election(tx, ctx.institution_id(), id);
        if (!e)
            return Error::not_found();
        if (!e->counted_at)
            return Error::rule_refusal("ELEC-CNT-2", "rule.protocol_after_count");
        return render_protocol_pdf(tx, ctx.institution_id(), ctx.services.catalog, lang, *e, modules::base_url(ctx) + "/verify/" + e->protocol_verification.value_or(""));
    }));
    return modules::pdf_response(std::move(bytes), "election-protocol-" + std::to_string(id), lang);
}

// ELEC-DAY-3: the approved ballot form for paper voting, in the order of the language.
Result<Response> ballot_pdf(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    Lang lang = TRY(modules::document_lang(ctx));
    auto bytes = TRY(ctx.db().read([&](db::Tx& tx) -> Result<std::string> {
        auto e = load_election(tx, ctx.institution_id(), id);
        if (!e)
            return Error::not_found();
        if (e->ballot_json.empty())
            return Error { ErrorCode::Conflict, "election.ballot_not_approved" };
        auto& c = ctx.services.catalog;
        auto ballot = boost::json::parse(e->ballot_json).as_object();
        docs::PdfWriter pdf;
        pdf.language(std::string(lang_code(lang)));
        pdf.title(c.format(lang, "election.ballot.title", { { "title", e->title_in(c, lang) } }));
        pdf.paragraph(c.format(lang, "election.ballot.day", { { "day", i18n::long_date(lang, e->day) } }));
        pdf.small(c.format(lang, "election.ballot.instructions"));
        std::vector<std::vector<std::string>> rows;
        for (auto& v : ballot.at(lang_code(lang)).as_array()) {
            auto& o = v.as_object();
            rows.push_back({ std::string(o.at("surname").as_string()) + " " + std::string(o.at("name").as_string()) + " " + std::string(o.at("patronymic").as_string()),
                "[   ]" });
        }
        pdf.table(rows, { 0.82, 0.18 }, false);
        pdf.space(12);
        pdf.small(c.format(lang, "election.ballot.approved", { { "at", e->ballot_approved_at ? i18n::long_date_time(lang, *e->ballot_approved_at) : "" } }));
        return pdf.finish();
    }));
    return modules::pdf_response(std::move(bytes), "ballot-" + std::to_string(id), lang);
}

// Appendix 2: the application of consent, filled in from the data, for the candidate to sign.
Result<Response> consent_pdf(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    Lang lang = TRY(modules::document_lang(ctx));
    auto bytes = TRY(ctx.db().read([&](db::Tx& tx) -> Result<std::string> {
        auto c = tx.query_one("SELECT election_id, person_id FROM election_candidates WHERE institution_id = ? AND id = ?", { ctx.institution_id(), id });
        if (!c)
            return Error::not_found();
        auto e = TRY(election_of(tx, ctx, c->i64(0)));
        auto group = tx.query_one("SELECT g.name, f.name, s.student_number FROM students s LEFT JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id "
                                  "LEFT JOIN faculties f ON f.institution_id = g.institution_id AND f.id = g.faculty_id WHERE s.institution_id = ? AND s.person_id = ?",
            { ctx.institution_id(), c->i64(1) });
        auto& cat = ctx.services.catalog;
        docs::PdfWriter pdf;
        pdf.language(std::string(lang_code(lang)));
        pdf.small(cat.format(lang, "election.consent.to"));
        pdf.title(cat.format(lang, "election.consent.title"));
        pdf.paragraph(cat.format(lang, "election.consent.text",
            { { "name", people::name_of(tx, ctx.institution_id(), c->i64(1)) }, { "group", group && !group->is_null(0) ? group->str(0) : "—" },
                { "faculty", group && !group->is_null(1) ? group->str(1) : "—" }, { "year", e.academic_year } }));
        pdf.space(24);
        pdf.paragraph(cat.format(lang, "election.consent.signature"));
        return pdf.finish();
    }));
    return modules::pdf_response(std::move(bytes), "consent-" + std::to_string(id), lang);
}

}

void detail::register_document_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/elections/{id}/protocol.pdf", read_perm, policy::read_results, Body::None, protocol_pdf);
    r.router.add("GET", "/api/v1/elections/{id}/ballot.pdf", read_perm, policy::read_election, Body::None, ballot_pdf);
    r.router.add("GET", "/api/v1/election-candidates/{id}/consent.pdf", run_perm, policy::run_candidate, Body::None, consent_pdf);
}

}
