// Disciplinary cases (DISC-CMT-1, DISC-CASE-1..5, DISC-LAW-1): opening with the representative
// notified and an explanation requested, the case file (facts, evidence, the refusal act), the
// student's rights, and the case on the committee's agenda with the interested recused (MTG-6).
#include "core/json_fields.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/discipline/case_store.hpp"
#include "modules/discipline/notices.hpp"
#include "modules/discipline/policy.hpp"
#include "modules/discipline/routes.hpp"
#include "modules/elections/portfolio.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include "security/crypto.hpp"
#include "security/signing.hpp"
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <set>

namespace kenes::discipline {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

std::vector<std::string_view> views(const std::vector<std::string>& v) { return { v.begin(), v.end() }; }

Result<Response> case_answer(Context& ctx, db::Tx& tx, int64_t id)
{
    auto c = store::load_case(tx, ctx.institution_id(), id);
    if (!c)
        return Error::not_found();
    return Response::ok(store::case_json(tx, ctx.institution_id(), *c, ctx.clock().now()));
}

// A change to an open case, then the whole file back.
template <typename F>
Result<Response> change_case(Context& ctx, int64_t id, F&& change, int status = 200)
{
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto c = store::load_case(tx, ctx.institution_id(), id);
        if (!c)
            return Error::not_found();
        if (c->status != "open")
            return Error { ErrorCode::Conflict, "discipline.case_decided" };
        TRY(change(tx, *c));
        auto out = store::case_json(tx, ctx.institution_id(), *store::load_case(tx, ctx.institution_id(), id), ctx.clock().now());
        return status == 201 ? Response::created(out) : Response::ok(out);
    });
}

Result<Response> open_case(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto student = in.integer("student_id", Presence::Required, 1, INT64_MAX);
    auto committee = in.integer("committee_body_id", Presence::Required, 1, INT64_MAX);
    auto basis = in.one_of("basis", Presence::Required, views(store::bases()));
    auto reporter_id = in.integer("reporter_person_id", Presence::Optional, 1, INT64_MAX);
    auto reporter_name = in.text("reporter_name", Presence::Optional, 200);
    auto summary = in.text("summary", Presence::Required, 4000, Lines::Multi, 3);
    auto incidents = in.id_list("incident_ids", Presence::Optional, 50).value_or(std::vector<int64_t> {});
    auto victim = in.integer("victim_person_id", Presence::Optional, 1, INT64_MAX);
    auto interested = in.id_list("interested_person_ids", Presence::Optional, 20).value_or(std::vector<int64_t> {});
    auto criminal = in.boolean("criminal", Presence::Optional).value_or(false);
    // DISC-CASE-1: no anonymous basis. The student's own application names the student.
    if (basis && *basis != "own_application" && !reporter_id && (!reporter_name || reporter_name->empty()))
        in.add_error("reporter_name", "required");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        int64_t id = TRY(store::open_case(tx, ctx.clock(), ctx.user().actor(), inst,
            { *student, *committee, *basis, reporter_name.value_or(""), *summary, reporter_id ? std::optional(*reporter_id) : std::nullopt,
                victim ? std::optional(*victim) : std::nullopt, incidents, interested, criminal }));
        return Response::created(store::case_json(tx, inst, *store::load_case(tx, inst, id), ctx.clock().now()));
    });
}

Result<Response> list_cases(Context& ctx)
{
    auto paging = TRY(ctx.paging(50, 200));
    auto status = ctx.query_param("status");
    if (status && *status != "open" && *status != "decided")
        return Error::field("status", "invalid");
    // GEN-3: a list of cases names minors; the read is audited like a case's.
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        modules::audit_change(ctx, tx, "discipline_case.list", "institution", ctx.institution_id(), nullptr,
            object { { "status", status ? boost::json::value(*status) : boost::json::value() }, { "offset", paging.offset } });
        std::string sql = "SELECT id FROM discipline_cases WHERE institution_id = ?";
        std::vector<db::Value> params { ctx.institution_id() };
        if (status) {
            sql += " AND status = ?";
            params.push_back(*status);
        }
        sql += " ORDER BY opened_at DESC, id DESC LIMIT ? OFFSET ?";
        params.push_back(paging.limit);
        params.push_back(paging.offset);
        array items;
        for (auto& r : tx.query(sql, params))
            items.push_back(store::case_summary_json(tx, ctx.institution_id(), *store::load_case(tx, ctx.institution_id(), r.i64(0))));
        return Response::ok(object { { "items", items }, { "limit", paging.limit }, { "offset", paging.offset } });
    });
}

// The committee's own cases, for its members (students and parents among them hold no staff
// permission): what their sessions consider, linked to each file.
Result<Response> committee_cases(Context& ctx)
{
    int64_t body = TRY(ctx.id_param("id"));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        modules::audit_change(ctx, tx, "discipline_case.list", "body", body, nullptr, nullptr);
        array items;
        for (auto& r : tx.query("SELECT id FROM discipline_cases WHERE institution_id = ? AND committee_body_id = ? ORDER BY status = 'open' DESC, opened_at DESC, id DESC LIMIT 200",
                 { ctx.institution_id(), body }))
            items.push_back(store::case_summary_json(tx, ctx.institution_id(), *store::load_case(tx, ctx.institution_id(), r.i64(0))));
        return Response::ok(object { { "items", items } });
    });
}

Result<Response> get_case(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        // GEN-3: every read of a case is audited, in the transaction that reads it.
        modules::audit_change(ctx, tx, "discipline_case.read", "discipline_case", id, nullptr, nullptr);
        return case_answer(ctx, tx, id);
    });
}

Result<Response> put_facts(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto facts = in.object("facts", Presence::Required);
    std::vector<std::pair<std::string, std::string>> given;
    if (facts) {
        FieldReader f(*facts, "facts");
        for (auto& code : store::fact_codes())
            if (auto finding = f.text(code, Presence::Optional, 4000, Lines::Multi))
                given.emplace_back(code, *finding);
        in.merge(std::move(f));
    }
    TRY(in.finish());
    return change_case(ctx, id, [&](db::Tx& tx, const store::Case& c) -> Status {
        for (auto& [code, finding] : given) {
            tx.exec("INSERT INTO case_facts (institution_id, case_id, code, finding, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (institution_id, case_id, code) DO UPDATE SET finding = excluded.finding, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
                { ctx.institution_id(), c.id, code, finding, ctx.user().user_id, ctx.clock().now() });
        }
        object after;
        for (auto& [code, finding] : given)
            after[code] = finding;
        modules::audit_change(ctx, tx, "discipline_case.facts", "discipline_case", c.id, nullptr, after);
        return Ok {};
    });
}

Status insert_evidence(Context& ctx, db::Tx& tx, const store::Case& c, const std::string& kind, const std::string& description, const std::string& text,
    std::optional<int64_t> file_id)
{
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO case_evidence (institution_id, id, case_id, kind, description, text, file_id, added_by_person, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        { ctx.institution_id(), id, c.id, kind, description, text, file_id ? db::Value(*file_id) : db::Value(),
            ctx.user().person_id ? db::Value(*ctx.user().person_id) : db::Value(), ctx.user().user_id, ctx.clock().now() });
    modules::audit_change(ctx, tx, "discipline_case.evidence", "discipline_case", c.id, nullptr,
        object { { "evidence_id", id }, { "kind", kind }, { "file_id", file_id ? boost::json::value(*file_id) : boost::json::value() } });
    return Ok {};
}

// Evidence as text: an explanation written in the form, a witness's account, a petition.
Result<Response> add_evidence(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto kind = in.one_of("kind", Presence::Required, views(store::evidence_kinds()));
    auto description = in.text("description", Presence::Required, 500, Lines::Single, 1);
    auto text = in.text("text", Presence::Required, 20000, Lines::Multi, 1);
    TRY(in.finish());
    return change_case(ctx, id, [&](db::Tx& tx, const store::Case& c) { return insert_evidence(ctx, tx, c, *kind, *description, *text, std::nullopt); }, 201);
}

// Evidence as a file (a scan of a handwritten explanation, a photo, a document): PDF, JPEG or PNG,
// checked by content; kept with its SHA-256 (DISC-CASE-4).
Result<Response> add_evidence_file(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto kind = ctx.query_param("kind").value_or("");
    auto& kinds = store::evidence_kinds();
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
        return Error::field("kind", "invalid");
    auto description = TRY(modules::query_text(ctx, "description", 500, true));
    auto name = TRY(modules::query_text(ctx, "name", 200, false)).value_or(kind);
    // The same content checks as candidates' documents: PDF, JPEG or PNG scans, size-limited.
    auto file = TRY(elections::portfolio::accept("transcript", ctx.request.body, ctx.request.header("content-type")));
    return change_case(ctx, id, [&](db::Tx& tx, const store::Case& c) -> Status {
        int64_t file_id = tx.next_id();
        std::string sha = crypto::to_hex(signing::sha256(file.bytes));
        tx.exec("INSERT INTO discipline_files (institution_id, id, owner, owner_id, name, content_type, size, sha256, data, added_by, added_at) "
                "VALUES (?, ?, 'case', ?, ?, ?, ?, ?, ?, ?, ?)",
            { ctx.institution_id(), file_id, c.id, name, file.content_type, int64_t(file.bytes.size()), sha, db::Blob { file.bytes }, ctx.user().user_id,
                ctx.clock().now() });
        return insert_evidence(ctx, tx, c, kind, *description, "", file_id);
    }, 201);
}

Result<Response> get_evidence_file(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto f = tx.query_one("SELECT f.content_type, f.data, f.name FROM case_evidence e JOIN discipline_files f ON f.institution_id = e.institution_id AND f.id = e.file_id "
                              "WHERE e.institution_id = ? AND e.id = ?",
            { ctx.institution_id(), id });
        if (!f)
            return Error::not_found();
        modules::audit_change(ctx, tx, "case_evidence.read", "case_evidence", id, nullptr, nullptr);
        auto type = f->str(0);
        auto r = Response::text(200, f->blob(1), type);
        r.set_header("Content-Disposition", "attachment; filename=\"evidence-" + std::to_string(id) + elections::portfolio::extension(type) + "\"");
        return r;
    });
}

// DISC-CASE-5: an explanation may be withdrawn; the withdrawal is recorded, the text kept.
Result<Response> withdraw_evidence(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto reason = in.text("reason", Presence::Required, 2000, Lines::Multi, 1);
    TRY(in.finish());
    int64_t case_id = TRY(ctx.db().read([&](db::Tx& tx) -> Result<int64_t> {
        auto r = tx.query_one("SELECT case_id FROM case_evidence WHERE institution_id = ? AND id = ?", { ctx.institution_id(), id });
        if (!r)
            return Error::not_found();
        return r->i64(0);
    }));
    return change_case(ctx, case_id, [&](db::Tx& tx, const store::Case& c) -> Status {
        if (tx.query_one("SELECT 1 FROM case_evidence WHERE institution_id = ? AND id = ? AND withdrawn_at IS NOT NULL", { ctx.institution_id(), id }))
            return Error { ErrorCode::Conflict, "discipline.evidence_withdrawn" };
        tx.exec("UPDATE case_evidence SET withdrawn_at = ?, withdrawal_reason = ? WHERE institution_id = ? AND id = ?", { ctx.clock().now(), *reason, ctx.institution_id(), id });
        modules::audit_change(ctx, tx, "case_evidence.withdraw", "discipline_case", c.id, nullptr, object { { "evidence_id", id }, { "reason", *reason } });
        return Ok {};
    });
}

// DISC-CASE-5: the student or a representative asks for non-disclosure until the decision.
Result<Response> request_non_disclosure(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    TRY(in.finish());
    return change_case(ctx, id, [&](db::Tx& tx, const store::Case& c) -> Status {
        tx.exec("UPDATE discipline_cases SET non_disclosure = 1 WHERE institution_id = ? AND id = ?", { ctx.institution_id(), c.id });
        modules::audit_change(ctx, tx, "discipline_case.non_disclosure", "discipline_case", c.id, object { { "non_disclosure", c.non_disclosure } },
            object { { "non_disclosure", true } });
        return Ok {};
    });
}

// DISC-CASE-2: the act on a refusal to explain, signed by three members of the committee.
Result<Response> draw_refusal_act(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto signers = in.id_list("signer_person_ids", Presence::Required, 3);
    auto note = in.text("note", Presence::Required, 2000, Lines::Multi, 1);
    if (signers && std::set<int64_t>(signers->begin(), signers->end()).size() != 3)
        in.add_error("signer_person_ids", "three_needed");
    TRY(in.finish());
    return change_case(ctx, id, [&](db::Tx& tx, const store::Case& c) -> Status {
        auto members = store::members_on(tx, ctx.institution_id(), c.committee_body_id, modules::today(ctx));
        for (auto s : *signers)
            if (std::find(members.begin(), members.end(), s) == members.end())
                return Error::rule_refusal("DISC-CASE-2", "rule.discipline.signer_not_member", {}, "signer_person_ids");
        if (tx.query_one("SELECT 1 FROM case_refusal_acts WHERE institution_id = ? AND case_id = ?", { ctx.institution_id(), c.id }))
            return Error { ErrorCode::Conflict, "discipline.refusal_act_exists" };
        array ids;
        for (auto s : *signers)
            ids.push_back(s);
        tx.exec("INSERT INTO case_refusal_acts (institution_id, case_id, drawn_at, note, signers) VALUES (?, ?, ?, ?, ?)",
            { ctx.institution_id(), c.id, ctx.clock().now(), *note, boost::json::serialize(ids) });
        modules::audit_change(ctx, tx, "discipline_case.refusal_act", "discipline_case", c.id, nullptr, object { { "signers", ids } });
        return Ok {};
    });
}

// The case on a session of its committee: the person it was committed against and the interested
// are recused (MTG-6); the item's title names the case by number only.
Result<Response> put_on_agenda(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto meeting = in.integer("meeting_id", Presence::Required, 1, INT64_MAX);
    TRY(in.finish());
    return change_case(ctx, id, [&](db::Tx& tx, const store::Case& c) -> Status {
        if (c.agenda_item_id && bodies::item_outcome(tx, ctx.institution_id(), *c.agenda_item_id).empty())
            return Error { ErrorCode::Conflict, "discipline.case_on_agenda" };
        std::vector<int64_t> interested;
        for (auto& r : tx.query("SELECT person_id FROM case_interested WHERE institution_id = ? AND case_id = ?", { ctx.institution_id(), c.id }))
            interested.push_back(r.i64(0));
        Lang lang = ctx.lang;
        auto& cat = ctx.services.catalog;
        int64_t item = TRY(bodies::put_on_agenda(tx, ctx.clock(), ctx.user().actor(), ctx.institution_id(),
            { *meeting, c.committee_body_id, "discipline_case", cat.format(lang, "discipline.case.item_title", { { "number", c.label() } }),
                cat.format(lang, "discipline.case.item_motion", { { "number", c.label() } }), interested }));
        tx.exec("UPDATE discipline_cases SET agenda_item_id = ? WHERE institution_id = ? AND id = ?", { item, ctx.institution_id(), c.id });
        modules::audit_change(ctx, tx, "discipline_case.agenda", "discipline_case", c.id, nullptr, object { { "meeting_id", *meeting }, { "agenda_item_id", item } });
        return Ok {};
    });
}

// DISC-LAW-1: a criminal or administrative offence is reported by the principal to law
// enforcement and the situational centre; the report is recorded with its date and who made it.
Result<Response> record_law_report(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto on = in.date("reported_on", Presence::Required);
    auto agencies = in.string_list("agencies", Presence::Required, { "police", "situational_centre" });
    auto reporter = in.integer("reported_by_person_id", Presence::Required, 1, INT64_MAX);
    auto note = in.text("note", Presence::Optional, 2000, Lines::Multi);
    if (agencies && agencies->empty())
        in.add_error("agencies", "required");
    if (on && on->iso() > modules::today(ctx))
        in.add_error("reported_on", "in_future");
    TRY(in.finish());
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto c = store::load_case(tx, ctx.institution_id(), id);
        if (!c)
            return Error::not_found();
        if (!c->criminal)
            return Error::rule_refusal("DISC-LAW-1", "rule.discipline.not_criminal");
        if (!people::exists(tx, ctx.institution_id(), *reporter))
            return Error::field("reported_by_person_id", "not_found");
        if (tx.query_one("SELECT 1 FROM law_reports WHERE institution_id = ? AND case_id = ?", { ctx.institution_id(), id }))
            return Error { ErrorCode::Conflict, "discipline.law_report_exists" };
        array list;
        for (auto& a : *agencies)
            list.push_back(boost::json::value(a));
        tx.exec("INSERT INTO law_reports (institution_id, case_id, reported_on, agencies, reported_by_person, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            { ctx.institution_id(), id, on->iso(), boost::json::serialize(list), *reporter, note.value_or(""), ctx.user().user_id, ctx.clock().now() });
        modules::audit_change(ctx, tx, "discipline_case.law_report", "discipline_case", id, nullptr, object { { "reported_on", on->iso() }, { "agencies", list } });
        return case_answer(ctx, tx, id);
    });
}

}

void detail::register_case_routes(Registry& r)
{
    r.router.add("POST", "/api/v1/discipline/cases", manage_perm, policy::open_case, Body::Json, open_case);
    r.router.add("GET", "/api/v1/discipline/cases", manage_perm, policy::list_cases, Body::None, list_cases);
    r.router.add("GET", "/api/v1/discipline/cases/{id}", perm::Self, policy::read_case, Body::None, get_case);
    r.router.add("GET", "/api/v1/bodies/{id}/discipline-cases", perm::Self, policy::committee_cases, Body::None, committee_cases);
    r.router.add("PUT", "/api/v1/discipline/cases/{id}/facts", perm::Self, policy::run_case, Body::Json, put_facts);
    r.router.add("POST", "/api/v1/discipline/cases/{id}/evidence", perm::Self, policy::contribute_to_case, Body::Json, add_evidence);
    r.router.add("POST", "/api/v1/discipline/cases/{id}/evidence-files", perm::Self, policy::contribute_to_case, Body::Upload, add_evidence_file);
    r.router.add("GET", "/api/v1/case-evidence/{id}/file", perm::Self, policy::read_evidence, Body::None, get_evidence_file);
    r.router.add("POST", "/api/v1/case-evidence/{id}/withdraw", perm::Self, policy::withdraw_evidence, Body::Json, withdraw_evidence);
    r.router.add("POST", "/api/v1/discipline/cases/{id}/non-disclosure", perm::Self, policy::defend_in_case, Body::Json, request_non_disclosure);
    r.router.add("POST", "/api/v1/discipline/cases/{id}/refusal-act", perm::Self, policy::run_case, Body::Json, draw_refusal_act);
    r.router.add("POST", "/api/v1/discipline/cases/{id}/agenda", perm::Self, policy::run_case, Body::Json, put_on_agenda);
    r.router.add("POST", "/api/v1/discipline/cases/{id}/law-report", manage_perm, policy::report_to_law, Body::Json, record_law_report);
}

}
