// Candidates (ELEC-ELIG-1, ELEC-REG-1, ELEC-REG-2, ELEC-REG-3, ELEC-CAMP-1, ELEC-CAMP-3, ORG-7):
// the nomination with its program, the portfolio files, registration by a commission member who
// received the documents in person, the eligibility check criterion by criterion, the review of
// the program, and campaign materials.
#include "core/json_fields.hpp"
#include "modules/people/people.hpp"
#include "modules/elections/policy.hpp"
#include "modules/elections/elections.hpp"
#include "modules/elections/portfolio.hpp"
#include "modules/module_support.hpp"
#include "modules/notifications/notifications.hpp"
#include "security/signing.hpp"
#include "security/crypto.hpp"
#include <boost/json/array.hpp>

namespace kenes::elections {

using namespace http;
using boost::json::array;
using boost::json::object;
using modules::json_or_null;

namespace {

// The candidate is told of each step of their candidacy (nominated, registered, program approved
// or rejected). The catalog's message picks its words by the number, as it has no select.
enum class CandidacyStep : int64_t { Nominated = 0, Registered = 1, ProgramApproved = 2, ProgramRejected = 3 };

void tell_candidate(db::Tx& tx, const Clock& clock, int64_t inst, int64_t candidate_id, CandidacyStep step)
{
    auto r = tx.query_one("SELECT c.person_id, c.election_id, e.title FROM election_candidates c JOIN elections e ON e.institution_id = c.institution_id "
                          "AND e.id = c.election_id WHERE c.institution_id = ? AND c.id = ?",
        { inst, candidate_id });
    notifications::notify(tx, clock, { inst, r->i64(0), "election_candidacy", "election.candidacy:" + std::to_string(candidate_id) + ":" + std::to_string(int64_t(step)),
        object { { "election_id", r->i64(1) }, { "election", r->str(2) }, { "state", int64_t(step) } } });
}


struct Candidate {
    int64_t id, election_id, person_id;
    std::string status, program, program_lang, program_review, program_review_reason, leadership_declared;
    int64_t program_words;
    bool leadership_confirmed;
    std::optional<int64_t> documents_received_at, registered_at;
};

std::optional<Candidate> load_candidate(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT id, election_id, person_id, status, program, program_lang, program_review, program_review_reason, leadership_declared, "
                          "program_words, leadership_confirmed, documents_received_at, registered_at FROM election_candidates WHERE institution_id = ? AND id = ?",
        { inst, id });
    if (!r)
        return std::nullopt;
    return Candidate { r->i64(0), r->i64(1), r->i64(2), r->str(3), r->str(4), r->str(5), r->str(6), r->str(7), r->str(8), r->i64(9), r->flag(10),
        r->opt_i64(11), r->opt_i64(12) };
}

// The eligibility criteria of ELEC-ELIG-1 (and ORG-7) with whether each is met, in a fixed order.
array eligibility_json(const std::vector<std::string>& failed)
{
    array out;
    for (const char* c : { "course", "penalty", "academic_debt", "leadership", "term_limit" })
        out.push_back(object { { "criterion", c }, { "met", std::find(failed.begin(), failed.end(), c) == failed.end() },
            { "rule", std::string_view(c) == "term_limit" ? "ORG-7" : "ELEC-ELIG-1" } });
    return out;
}

std::vector<std::string> missing_documents(db::Tx& tx, int64_t inst, const Candidate& c)
{
    std::vector<std::string> missing;
    for (auto& kind : portfolio::kinds())
        if (!tx.query_one("SELECT 1 FROM election_files WHERE institution_id = ? AND candidate_id = ? AND kind = ?", { inst, c.id, kind }))
            missing.push_back(kind);
    if (c.program.empty())
        missing.push_back("program");
    return missing;
}

object candidate_json(db::Tx& tx, int64_t inst, const Election& e, const Candidate& c, UnixMillis now)
{
    auto s = tx.query_one("SELECT coalesce(s.course, g.course), g.name, f.name FROM students s "
                          "LEFT JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id "
                          "LEFT JOIN faculties f ON f.institution_id = g.institution_id AND f.id = g.faculty_id WHERE s.institution_id = ? AND s.person_id = ?",
        { inst, c.person_id });
    array files;
    for (auto& f : tx.query("SELECT kind, content_type, length(bytes), sha256 FROM election_files WHERE institution_id = ? AND candidate_id = ? ORDER BY kind",
             { inst, c.id }))
        files.push_back(object { { "kind", f.str(0) }, { "content_type", f.str(1) }, { "size", f.i64(2) }, { "sha256", f.str(3) } });
    array missing;
    for (auto& m : missing_documents(tx, inst, c))
        missing.emplace_back(m);
    // Eligibility on the registration date, or today while not registered.
    auto on = almaty::local_date(c.registered_at.value_or(now));
    auto failed = failed_criteria(candidate_facts(tx, inst, e, c.person_id, c.leadership_confirmed, on));
    return { { "id", c.id }, { "election_id", c.election_id }, { "person_id", c.person_id }, { "full_name", people::name_of(tx, inst, c.person_id) },
        { "course", s && !s->is_null(0) ? boost::json::value(s->i64(0)) : nullptr }, { "group", s ? json_or_null(s->opt_str(1)) : nullptr },
        { "faculty", s ? json_or_null(s->opt_str(2)) : nullptr }, { "status", c.status }, { "program", c.program }, { "program_lang", c.program_lang },
        { "program_words", c.program_words }, { "program_review", c.program_review }, { "program_review_reason", c.program_review_reason },
        { "leadership_declared", c.leadership_declared }, { "leadership_confirmed", c.leadership_confirmed },
        { "documents_received_at", c.documents_received_at ? boost::json::value(almaty::iso_datetime(*c.documents_received_at)) : nullptr },
        { "registered_at", c.registered_at ? boost::json::value(almaty::iso_datetime(*c.registered_at)) : nullptr }, { "files", files },
        { "missing_documents", missing }, { "eligibility", eligibility_json(failed) }, { "eligible", failed.empty() } };
}

// ELEC-REG-1: the program has at most 100 words, counted by ICU word boundaries.
Status check_program(const std::string& program, Lang lang)
{
    auto words = count_words(program, lang);
    if (words > max_program_words)
        return Error::rule_refusal("ELEC-REG-1", "rule.program_too_long", { { "count", int64_t(words) }, { "max", int64_t(max_program_words) } }, "program");
    return Ok {};
}

// A candidate with their election (the route's policy decided who may act on it).
Result<std::pair<Election, Candidate>> candidate_of(db::Tx& tx, const Context& ctx, int64_t id)
{
    auto c = load_candidate(tx, ctx.institution_id(), id);
    if (!c)
        return Error::not_found();
    auto e = TRY(election_of(tx, ctx, c->election_id));
    return std::pair { e, *c };
}

Result<Response> list_candidates(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    int64_t inst = ctx.institution_id();
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto e = load_election(tx, inst, id);
        if (!e)
            return Error::not_found();
        // The commission sees every nomination; others the published list only.
        bool commission = commission_sees(ctx);
        if (!commission && !e->list_published_at)
            return Response::ok(object { { "items", array {} } });
        array items;
        for (auto& r : tx.query("SELECT id FROM election_candidates WHERE institution_id = ? AND election_id = ? ORDER BY id", { inst, id })) {
            auto c = *load_candidate(tx, inst, r.i64(0));
            if (!commission && (c.status != "registered" || c.program_review != "approved"))
                continue;
            auto j = candidate_json(tx, inst, *e, c, ctx.clock().now());
            if (!commission) {
                j.erase("eligibility");   // ELEC-ELIG-1 details (penalties, debts) are for the commission
                j.erase("files");
                j.erase("missing_documents");
                j.erase("eligible");
            }
            items.push_back(j);
        }
        return Response::ok(object { { "items", modules::in_alphabetical_order(std::move(items), ctx.lang, "full_name") } });
    });
}

Result<Response> nominate(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto person = in.integer("person_id", Presence::Required, 1, INT64_MAX);
    auto program = in.text("program", Presence::Optional, 4000, Lines::Multi);
    auto lang = in.one_of("program_lang", Presence::Optional, { "kk", "ru", "en" });
    auto leadership = in.text("leadership_declared", Presence::Optional, 1000, Lines::Multi);
    TRY(in.finish());
    Lang program_lang = lang ? *parse_lang(*lang) : Lang::Kk;
    if (program)
        TRY(check_program(*program, program_lang));
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto e = TRY(election_of(tx, ctx, id));
        auto now = ctx.clock().now();
        // ELEC-REG-2: registration closes at the end of the day 14 days before election day.
        if (!registration_open(e.cal(), now) || e.list_published_at)
            return Error::rule_refusal("ELEC-REG-2", "rule.registration_closed", { { "closes", almaty::iso_datetime(e.cal().registration_closes) } });
        if (!people::is_student(tx, inst, *person))
            return Error::field("person_id", "not_student");
        if (tx.query_one("SELECT 1 FROM election_candidates WHERE institution_id = ? AND election_id = ? AND person_id = ?", { inst, id, *person }))
            return Error { ErrorCode::Conflict, {}, {}, {}, { FieldError { "person_id", "duplicate" } } };
        int64_t cid = tx.next_id();
        std::string text = program.value_or("");
        tx.exec("INSERT INTO election_candidates (institution_id, id, election_id, person_id, status, program, program_lang, program_words, program_review, "
                "leadership_declared, created_at) VALUES (?, ?, ?, ?, 'submitted', ?, ?, ?, 'pending', ?, ?)",
            { inst, cid, id, *person, text, std::string(lang_code(program_lang)), int64_t(count_words(text, program_lang)), leadership.value_or(""), now });
        modules::audit_change(ctx, tx, "candidate.nominate", "election_candidate", cid, nullptr, object { { "election_id", id }, { "person_id", *person } });
        tell_candidate(tx, ctx.clock(), inst, cid, CandidacyStep::Nominated);
        return candidate_json(tx, inst, e, *load_candidate(tx, inst, cid), now);
    }));
    return Response::created(out);
}

Result<Response> patch_candidate(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto program = in.text("program", Presence::Optional, 4000, Lines::Multi);
    auto lang = in.one_of("program_lang", Presence::Optional, { "kk", "ru", "en" });
    auto leadership = in.text("leadership_declared", Presence::Optional, 1000, Lines::Multi);
    auto confirmed = in.boolean("leadership_confirmed", Presence::Optional);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto [e, c] = TRY(candidate_of(tx, ctx, id));
        if (c.status != "submitted")
            return Error { ErrorCode::Conflict, "candidate.registered" };
        std::string text = program.value_or(c.program);
        Lang l = *parse_lang(lang.value_or(c.program_lang));
        TRY(check_program(text, l));
        bool changed_program = text != c.program;
        tx.exec("UPDATE election_candidates SET program = ?, program_lang = ?, program_words = ?, leadership_declared = ?, leadership_confirmed = ?, "
                "program_review = ? WHERE institution_id = ? AND id = ?",
            { text, std::string(lang_code(l)), int64_t(count_words(text, l)), leadership.value_or(c.leadership_declared),
                int64_t(confirmed.value_or(c.leadership_confirmed)), changed_program ? "pending" : c.program_review, inst, id });
        modules::audit_change(ctx, tx, "candidate.update", "election_candidate", id,
            object { { "program", c.program }, { "leadership_confirmed", c.leadership_confirmed } },
            object { { "program", text }, { "leadership_confirmed", confirmed.value_or(c.leadership_confirmed) } });
        return candidate_json(tx, inst, e, *load_candidate(tx, inst, id), ctx.clock().now());
    }));
    return Response::ok(out);
}

Result<Response> put_file(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto kind_it = ctx.params.find("kind");
    std::string kind = kind_it == ctx.params.end() ? "" : kind_it->second;
    auto& kinds = portfolio::kinds();
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
        return Error::not_found();
    TRY(modules::require_media_type(ctx, { "application/pdf", "image/jpeg", "image/png", "application/octet-stream" }));
    auto file = TRY(portfolio::accept(kind, ctx.request.body, ctx.request.header("content-type")));
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto [e, c] = TRY(candidate_of(tx, ctx, id));
        if (c.status != "submitted")
            return Error { ErrorCode::Conflict, "candidate.registered" };
        std::string sha = crypto::to_hex(signing::sha256(file.bytes));
        // One upsert, not a delete and an insert: two uploads of the same kind at once (on
        // PostgreSQL's read committed both deletes see no row) would otherwise collide on the key.
        // The later upload replaces the earlier, as a PUT does.
        tx.exec("INSERT INTO election_files (institution_id, candidate_id, kind, content_type, bytes, sha256, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (institution_id, candidate_id, kind) DO UPDATE SET content_type = excluded.content_type, bytes = excluded.bytes, "
                "sha256 = excluded.sha256, uploaded_at = excluded.uploaded_at",
            { inst, id, kind, file.content_type, db::Blob { file.bytes }, sha, ctx.clock().now() });
        modules::audit_change(ctx, tx, "candidate.file", "election_candidate", id, nullptr,
            object { { "kind", kind }, { "content_type", file.content_type }, { "sha256", sha }, { "size", int64_t(file.bytes.size()) } });
        return candidate_json(tx, inst, e, c, ctx.clock().now());
    }));
    return Response::ok(out);
}

// Portfolio files are for the commission; the photo of a published candidate is public (see the
// public routes).
Result<Response> get_file(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto kind_it = ctx.params.find("kind");
    std::string kind = kind_it == ctx.params.end() ? "" : kind_it->second;
    auto [type, bytes] = TRY(ctx.db().read([&](db::Tx& tx) -> Result<std::pair<std::string, std::string>> {
        TRY(candidate_of(tx, ctx, id));
        auto f = tx.query_one("SELECT content_type, bytes FROM election_files WHERE institution_id = ? AND candidate_id = ? AND kind = ?",
            { ctx.institution_id(), id, kind });
        if (!f)
            return Error::not_found();
        return std::pair { f->str(0), f->blob(1) };
    }));
    auto r = Response::text(200, std::move(bytes), type);
    r.set_header("Content-Disposition", "attachment; filename=\"" + kind + portfolio::extension(type) + "\"");
    r.set_header("Cache-Control", "private, no-store");
    return r;
}

// ELEC-REG-3: the candidate brings the documents in person; the commission member who received
// them completes the registration. Then ELEC-REG-2 (deadline), ELEC-REG-1 (complete portfolio)
// and ELEC-ELIG-1 (each failed criterion listed).
Result<Response> register_candidate(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto received = in.boolean("documents_received", Presence::Required);
    TRY(in.finish());
    if (!*received)
        return Error::rule_refusal("ELEC-REG-3", "rule.documents_in_person", {}, "documents_received");
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto [e, c] = TRY(candidate_of(tx, ctx, id));
        if (c.status != "submitted")
            return Error { ErrorCode::Conflict, "candidate.registered" };
        auto now = ctx.clock().now();
        if (!registration_open(e.cal(), now) || e.list_published_at)
            return Error::rule_refusal("ELEC-REG-2", "rule.registration_closed", { { "closes", almaty::iso_datetime(e.cal().registration_closes) } });
        auto missing = missing_documents(tx, inst, c);
        if (!missing.empty()) {
            Error err { ErrorCode::Rule, "rule.portfolio_incomplete", {}, "ELEC-REG-1" };
            for (auto& m : missing)
                err.fields.push_back({ "documents." + m, "required" });
            return err;
        }
        auto failed = failed_criteria(candidate_facts(tx, inst, e, c.person_id, c.leadership_confirmed, almaty::local_date(now)));
        if (!failed.empty()) {
            Error err { ErrorCode::Rule, "rule.candidate_ineligible", {}, "ELEC-ELIG-1" };
            for (auto& f : failed)
                err.fields.push_back({ "eligibility." + f, "rule", {}, {}, {}, "election.criterion_failed." + f });
            return err;
        }
        tx.exec("UPDATE election_candidates SET status = 'registered', documents_received_by = ?, documents_received_at = ?, registered_at = ? "
                "WHERE institution_id = ? AND id = ?",
            { ctx.user().user_id, now, now, inst, id });
        modules::audit_change(ctx, tx, "candidate.register", "election_candidate", id, object { { "status", "submitted" } },
            object { { "status", "registered" }, { "documents_received_by", ctx.user().user_id } });
        tell_candidate(tx, ctx.clock(), inst, id, CandidacyStep::Registered);
        return candidate_json(tx, inst, e, *load_candidate(tx, inst, id), now);
    }));
    return Response::ok(out);
}

// ELEC-CAMP-3: the commission screens each program and approves or rejects it with a reason.
Result<Response> review_program(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto decision = in.one_of("decision", Presence::Required, { "approved", "rejected" });
    auto reason = in.text("reason", Presence::Optional, 2000, Lines::Multi);
    if (decision && *decision == "rejected" && reason.value_or("").empty())
        in.add_error("reason", "required");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto [e, c] = TRY(candidate_of(tx, ctx, id));
        if (e.list_published_at)
            return Error { ErrorCode::Conflict, "election.list_published" };
        tx.exec("UPDATE election_candidates SET program_review = ?, program_review_reason = ? WHERE institution_id = ? AND id = ?",
            { *decision, reason.value_or(""), inst, id });
        modules::audit_change(ctx, tx, "candidate.program_review", "election_candidate", id, object { { "program_review", c.program_review } },
            object { { "program_review", *decision }, { "reason", reason.value_or("") } });
        tell_candidate(tx, ctx.clock(), inst, id, *decision == "approved" ? CandidacyStep::ProgramApproved : CandidacyStep::ProgramRejected);
        return candidate_json(tx, inst, e, *load_candidate(tx, inst, id), ctx.clock().now());
    }));
    return Response::ok(out);
}

// ELEC-CAMP-1: campaign material is published from the publication of the list until the start
// of the day before election day; the day before and election day are silent. ELEC-CAMP-2: the
// commission publishes it (the administration's approval).
Result<Response> add_material(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto text = in.text("text", Presence::Required, 2000, Lines::Multi, 1);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto c = load_candidate(tx, inst, id);
        if (!c)
            return Error::not_found();
        auto e = *load_election(tx, inst, c->election_id);
        // ELEC-CAMP-2: campaign material goes up with the administration's approval: the
        // commission publishes what a candidate brings, a candidate cannot post it alone.
        if (!authz::allows(policy::run_candidate, ctx.facts))
            return Error::rule_refusal("ELEC-CAMP-2", "rule.materials_by_commission", {}, "text");
        if (c->status != "registered" || c->program_review != "approved")
            return Error::not_found();
        auto now = ctx.clock().now();
        if (!campaigning_allowed(e.cal(), e.list_published_at, now))
            return Error::rule_refusal("ELEC-CAMP-1", e.list_published_at ? "rule.campaign_silence" : "rule.campaign_not_started", {}, "text");
        int64_t mid = tx.next_id();
        tx.exec("INSERT INTO campaign_materials (institution_id, id, candidate_id, text, created_at) VALUES (?, ?, ?, ?, ?)", { inst, mid, id, *text, now });
        modules::audit_change(ctx, tx, "candidate.material", "campaign_material", mid, nullptr, object { { "candidate_id", id }, { "text", *text } });
        return object { { "id", mid }, { "candidate_id", id }, { "text", *text }, { "created_at", almaty::iso_datetime(now) } };
    }));
    return Response::created(out);
}

}

void detail::register_candidate_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/elections/{id}/candidates", read_perm, policy::read_election, Body::None, list_candidates);
    r.router.add("POST", "/api/v1/elections/{id}/candidates", run_perm, policy::run_election, Body::Json, nominate);
    r.router.add("PATCH", "/api/v1/election-candidates/{id}", run_perm, policy::run_candidate, Body::Json, patch_candidate);
    r.router.add("PUT", "/api/v1/election-candidates/{id}/files/{kind}", run_perm, policy::run_candidate, Body::Upload, put_file);
    r.router.add("GET", "/api/v1/election-candidates/{id}/files/{kind}", run_perm, policy::run_candidate, Body::None, get_file);
    r.router.add("POST", "/api/v1/election-candidates/{id}/register", run_perm, policy::run_candidate, Body::Json, register_candidate);
    r.router.add("POST", "/api/v1/election-candidates/{id}/program-review", run_perm, policy::run_candidate, Body::Json, review_program);
    r.router.add("POST", "/api/v1/election-candidates/{id}/materials", read_perm, policy::offer_material, Body::Json, add_material);
}

}
