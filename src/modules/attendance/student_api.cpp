// A student's attendance as the student, their representatives, their curator and the staff see
// it (terms, absences to sign, what was missed), the justifications of ATT-1 with their documents
// and the coordinator's decision, and the representatives' signatures (REP-2).
#include "core/json_fields.hpp"
#include "docs/image_header.hpp"
#include "modules/attendance/params.hpp"
#include "modules/attendance/policy.hpp"
#include "modules/attendance/routes.hpp"
#include "modules/attendance/store.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include "security/crypto.hpp"
#include "security/signing.hpp"
#include <array>
#include <map>

namespace kenes::attendance {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

inline constexpr size_t max_document_bytes = 5 * 1024 * 1024;
inline constexpr int64_t max_justification_days = 31;

boost::json::value signature_json(const std::optional<db::Row>& r)
{
    if (!r)
        return nullptr;
    return object { { "signed_by", r->i64(0) }, { "signed_at", almaty::iso_datetime(r->i64(1)) }, { "name", people::full_name(*r, 2) } };
}

std::optional<db::Row> signature(db::Tx& tx, int64_t inst, int64_t person, const std::string& kind, const std::string& subject)
{
    return tx.query_one("SELECT a.signed_by, a.signed_at, p.surname, p.name, p.patronymic FROM attendance_acknowledgements a "
                        "JOIN persons p ON p.institution_id = a.institution_id AND p.id = a.signed_by "
                        "WHERE a.institution_id = ? AND a.person_id = ? AND a.kind = ? AND a.subject = ?",
        { inst, person, kind, subject });
}

std::string year_start(const std::string& year) { return year.substr(0, 4) + "-09-01"; }
std::string year_end(const std::string& year) { return year.substr(5, 4) + "-08-31"; }

object student_json(db::Tx& tx, const Context& ctx, int64_t person, const std::string& year)
{
    int64_t inst = ctx.institution_id();
    auto p = tx.query_one("SELECT p.surname, p.name, p.patronymic, g.id, g.name FROM persons p LEFT JOIN students s ON s.institution_id = p.institution_id "
                          "AND s.person_id = p.id LEFT JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id WHERE p.institution_id = ? AND p.id = ?",
        { inst, person });
    auto terms = store::terms_of(tx, inst, year);
    std::map<int64_t, std::array<int64_t, 3>> counts;
    for (auto& r : tx.query("SELECT term, late, unjustified, justified FROM attendance_counts WHERE institution_id = ? AND person_id = ? AND academic_year = ?",
             { inst, person, year }))
        counts[r.i64(0)] = { r.i64(1), r.i64(2), r.i64(3) };
    array terms_json;
    for (auto& t : terms) {
        auto c = counts[t.number];
        terms_json.push_back(object { { "number", t.number }, { "starts_on", t.starts_on }, { "ends_on", t.ends_on }, { "late_days", c[0] },
            { "unjustified_days", c[1] }, { "justified_days", c[2] },
            { "report_card_signature", signature_json(signature(tx, inst, person, "report_card", year + "/" + std::to_string(t.number))) } });
    }
    // ATT-3: every day with a lesson missed or a lateness, with its lessons; the unjustified
    // absences with the representative's signature (REP-2).
    std::map<std::string, object> days;
    for (auto& r : tx.query("SELECT on_date, lesson, status, late_minutes, reason FROM attendance_marks WHERE institution_id = ? AND person_id = ? "
                            "AND on_date >= ? AND on_date <= ? AND status <> 'present' ORDER BY on_date DESC, lesson",
             { inst, person, year_start(year), year_end(year) })) {
        auto& d = days[r.str(0)];
        if (d.empty())
            d = object { { "date", r.str(0) }, { "absent_lessons", array {} }, { "late_lessons", array {} }, { "unjustified", false }, { "reason", nullptr } };
        if (r.str(2) == "absent") {
            d["absent_lessons"].as_array().push_back(r.i64(1));
            if (r.is_null(4))
                d["unjustified"] = true;
            else
                d["reason"] = r.str(4);
        } else {
            object late { { "lesson", r.i64(1) } };
            if (!r.is_null(3))
                late["minutes"] = r.i64(3);
            d["late_lessons"].as_array().push_back(late);
        }
    }
    array missed;
    int64_t to_sign = 0;
    for (auto it = days.rbegin(); it != days.rend(); ++it) {
        auto& d = it->second;
        if (d["unjustified"].as_bool()) {
            auto s = signature(tx, inst, person, "absence", it->first);
            d["signature"] = signature_json(s);
            to_sign += s ? 0 : 1;
        }
        auto term = term_of(terms, it->first);
        d["term"] = term ? boost::json::value(term->number) : boost::json::value(nullptr);
        missed.push_back(std::move(d));
        if (missed.size() >= 400)
            break;
    }
    array justifications;
    for (auto& r : tx.query("SELECT id FROM attendance_justifications WHERE institution_id = ? AND person_id = ? AND academic_year = ? ORDER BY from_date DESC, id DESC LIMIT 100",
             { inst, person, year }))
        justifications.push_back(store::justification_json(tx, inst, r.i64(0)));
    array proposals;
    for (auto& r : tx.query(std::string("SELECT ") + store::proposal_columns
                 + " FROM attendance_proposals x JOIN persons p ON p.institution_id = x.institution_id AND p.id = x.person_id "
                   "WHERE x.institution_id = ? AND x.person_id = ? AND x.academic_year = ? AND x.status IN ('pending', 'confirmed') ORDER BY x.id",
             { inst, person, year }))
        proposals.push_back(store::proposal_json(r));
    auto current = term_of(terms, modules::today(ctx));
    return object { { "person_id", person }, { "name", p ? people::full_name(*p, 0) : "" },
        { "group", p && !p->is_null(3) ? boost::json::value(object { { "id", p->i64(3) }, { "name", p->str(4) } }) : boost::json::value(nullptr) },
        { "academic_year", year }, { "current_term", current ? boost::json::value(current->number) : boost::json::value(nullptr) }, { "terms", terms_json },
        { "days", missed }, { "to_sign", to_sign }, { "justifications", justifications },
        { "family_days", object { { "used", store::family_days_used(tx, inst, person, year) }, { "cap", family_days_per_year } } },
        { "proposals", proposals }, { "today", modules::today(ctx) } };
}

Result<Response> get_student(Context& ctx)
{
    int64_t person = TRY(ctx.id_param("id"));
    auto year = TRY(year_param(ctx));
    bool own = ctx.facts.has(authz::Rel::OwnRecord);
    auto build = [&](db::Tx& tx) -> Result<Response> {
        if (!people::is_student(tx, ctx.institution_id(), person))
            return Error::not_found();
        // GEN-3: a read of a student's attendance by anyone but the student is audited.
        if (!own)
            modules::audit_change(ctx, tx, "attendance.read", "person", person, nullptr, nullptr);
        return Response::ok(student_json(tx, ctx, person, year));
    };
    return own ? ctx.db().read(build) : ctx.db().write(build);
}

// ATT-1: a justification for absences from..to. A representative brings illness, a doctor's
// visit or family matters; olympiads and external activities are the coordinator's to register.
Result<Response> post_justification(Context& ctx)
{
    int64_t person = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto reason = in.one_of("reason", Presence::Required, { "illness", "doctor", "family", "olympiad", "external" });
    auto from = in.date("from", Presence::Required);
    auto to = in.date("to", Presence::Required);
    auto note = in.text("note", Presence::Optional, 2000, Lines::Multi);
    if (from && to && days_between_inclusive(from->iso(), to->iso()) == 0)
        in.add_error("to", "before_from");
    else if (from && to && days_between_inclusive(from->iso(), to->iso()) > max_justification_days)
        in.add_error("to", "out_of_range", { { "min", 1 }, { "max", max_justification_days } });
    TRY(in.finish());
    bool staff = ctx.facts.has(authz::Rel::Manager) || ctx.facts.has(authz::Rel::Administration);
    auto r = *parse_reason(*reason);
    if (!staff && !representative_may_submit(r))
        return Error::rule_refusal("ATT-1", "rule.attendance_coordinator_registers", {}, "reason");
    int64_t inst = ctx.institution_id();
    auto year = academic_year_of(*from);
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        if (!people::is_student(tx, inst, person))
            return Error::not_found();
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO attendance_justifications (institution_id, id, person_id, academic_year, reason, from_date, to_date, note, status, submitted_by, submitted_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
            { inst, id, person, year, *reason, from->iso(), to->iso(), note.value_or(""), db::nullable(ctx.user().person_id), ctx.clock().now() });
        auto j = store::justification_json(tx, inst, id);
        modules::audit_change(ctx, tx, "attendance.justification", "attendance_justification", id, nullptr, j);
        return j;
    }));
    return Response::created(out);
}

// The document, checked by its content (PDF, JPEG or PNG scans and photos), never by its name.
Result<std::string> document_type(const std::string& bytes, std::string_view declared)
{
    if (bytes.empty())
        return Error::field("file", "required");
    if (bytes.size() > max_document_bytes)
        return Error::field("file", "too_large", { { "max", int64_t(max_document_bytes) } });
    std::string actual;
    if (bytes.starts_with("%PDF-"))
        actual = "application/pdf";
    else {
        auto probe = image::read_header(bytes);
        if (auto* h = std::get_if<image::Header>(&probe))
            actual = h->format == image::Format::Png ? "image/png" : "image/jpeg";
        else if (std::get<image::HeaderFault>(probe) != image::HeaderFault::NotAnImage)
            return Error::field("file", "image_damaged");
    }
    if (actual.empty())
        return Error::field("file", "not_document");
    std::string type;
    for (char ch : declared.substr(0, declared.find(';')))
        if (ch != ' ' && ch != '\t')
            type += char(std::tolower(static_cast<unsigned char>(ch)));
    if ((type == "image/jpeg" || type == "image/png" || type == "application/pdf") && type != actual)
    {
        auto name = [](const std::string& t) { return t == "image/jpeg" ? "JPEG" : t == "image/png" ? "PNG" : "PDF"; };
        return Error::field("file", "type_mismatch", { { "declared", name(type) }, { "actual", name(actual) } });
    }
    return actual;
}

Result<Response> put_document(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    TRY(modules::require_media_type(ctx, { "application/pdf", "image/jpeg", "image/png", "application/octet-stream" }));
    auto& bytes = ctx.request.body;
    auto type = TRY(document_type(bytes, ctx.request.header("content-type")));
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto j = tx.query_one("SELECT status FROM attendance_justifications WHERE institution_id = ? AND id = ?", { inst, id });
        if (!j)
            return Error::not_found();
        if (j->str(0) != "pending")
            return Error { ErrorCode::Conflict, "attendance.justification_decided" };
        std::string sha = crypto::to_hex(signing::sha256(bytes));
        tx.exec("UPDATE attendance_justifications SET file_type = ?, file_size = ?, file_sha256 = ?, file_data = ? WHERE institution_id = ? AND id = ?",
            { type, int64_t(bytes.size()), sha, db::Blob { bytes }, inst, id });
        modules::audit_change(ctx, tx, "attendance.justification_document", "attendance_justification", id, nullptr,
            object { { "content_type", type }, { "size", int64_t(bytes.size()) }, { "sha256", sha } });
        return store::justification_json(tx, inst, id);
    }));
    return Response::ok(out);
}

Result<Response> get_document(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto [type, bytes] = TRY(ctx.db().write([&](db::Tx& tx) -> Result<std::pair<std::string, std::string>> {
        auto f = tx.query_one("SELECT file_type, file_data, person_id FROM attendance_justifications WHERE institution_id = ? AND id = ? AND file_type IS NOT NULL",
            { ctx.institution_id(), id });
        if (!f)
            return Error::not_found();
        // GEN-3: medical and family documents; every read is audited.
        modules::audit_change(ctx, tx, "attendance.justification_document_read", "attendance_justification", id, nullptr, nullptr);
        return std::pair { f->str(0), f->blob(1) };
    }));
    auto r = Response::text(200, std::move(bytes), type);
    r.set_header("Content-Disposition", "attachment; filename=\"justification-" + std::to_string(id) + (type == "application/pdf" ? ".pdf" : type == "image/png" ? ".png" : ".jpg") + "\"");
    r.set_header("Cache-Control", "private, no-store");
    return r;
}

// ATT-1: the coordinator accepts (what the reason needs, the family cap) or refuses with a reason.
Result<Response> decide(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto accept = in.boolean("accept", Presence::Required);
    auto principal = in.boolean("principal_agreed", Presence::Optional);
    auto refusal = in.text("refusal_reason", Presence::Optional, 2000, Lines::Multi);
    if (accept && !*accept && (!refusal || refusal->size() < 3))
        in.add_error("refusal_reason", "required");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto j = tx.query_one("SELECT person_id, reason, from_date, to_date, status, file_type, academic_year, principal_agreed FROM attendance_justifications "
                              "WHERE institution_id = ? AND id = ?",
            { inst, id });
        if (!j)
            return Error::not_found();
        if (j->str(4) != "pending")
            return Error { ErrorCode::Conflict, "attendance.justification_decided" };
        auto before = store::justification_json(tx, inst, id);
        if (*accept) {
            bool agreed = principal.value_or(j->flag(7));
            AcceptFacts facts { *parse_reason(j->str(1)), !j->is_null(5), agreed, days_between_inclusive(j->str(2), j->str(3)),
                store::family_days_used(tx, inst, j->i64(0), j->str(6)) };
            if (auto r = acceptance_refusal(facts))
                return Error::rule_refusal(r->rule, r->key,
                    { { "used", facts.family_days_before }, { "cap", family_days_per_year }, { "days", facts.days } });
            tx.exec("UPDATE attendance_justifications SET status = 'accepted', principal_agreed = ?, decided_by = ?, decided_at = ? WHERE institution_id = ? AND id = ?",
                { int64_t(agreed), db::nullable(ctx.user().person_id), ctx.clock().now(), inst, id });
            store::apply_justification(tx, ctx.clock(), inst, id);
        } else {
            tx.exec("UPDATE attendance_justifications SET status = 'refused', refusal_reason = ?, decided_by = ?, decided_at = ? WHERE institution_id = ? AND id = ?",
                { *refusal, db::nullable(ctx.user().person_id), ctx.clock().now(), inst, id });
        }
        auto after = store::justification_json(tx, inst, id);
        modules::audit_change(ctx, tx, "attendance.justification_decide", "attendance_justification", id, before, after);
        return after;
    }));
    return Response::ok(out);
}

// REP-2: the representative signs an unjustified absence (a day) or a term's report card; a
// second signature of the same thing returns the first.
Result<Response> acknowledge(Context& ctx)
{
    int64_t person = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto kind = in.one_of("kind", Presence::Required, { "absence", "report_card" });
    std::optional<CivilDate> date;
    std::optional<int64_t> term;
    if (kind && *kind == "absence")
        date = in.date("date", Presence::Required);
    if (kind && *kind == "report_card")
        term = in.integer("term", Presence::Required, 1, 6);
    auto year_text = in.text("academic_year", Presence::Optional, 9);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    std::string year = year_text.value_or(academic_year_of(*parse_iso_date(modules::today(ctx))));
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        std::string subject;
        if (date) {
            if (!tx.query_one("SELECT 1 FROM attendance_marks WHERE institution_id = ? AND person_id = ? AND on_date = ? AND status = 'absent' AND reason IS NULL",
                    { inst, person, date->iso() }))
                return Error::field("date", "no_unjustified_absence");
            subject = date->iso();
        } else {
            auto terms = store::terms_of(tx, inst, year);
            if (std::none_of(terms.begin(), terms.end(), [&](const Term& t) { return t.number == *term; }))
                return Error::field("term", "invalid");
            subject = year + "/" + std::to_string(*term);
        }
        bool created = false;
        if (!signature(tx, inst, person, *kind, subject)) {
            tx.exec("INSERT INTO attendance_acknowledgements (institution_id, person_id, kind, subject, signed_by, signed_by_user, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                { inst, person, *kind, subject, *ctx.user().person_id, db::nullable(ctx.user().actor().user_id), ctx.clock().now() });
            modules::audit_change(ctx, tx, "attendance.acknowledge", "person", person, nullptr, object { { "kind", *kind }, { "subject", subject }, { "rule", "REP-2" } });
            created = true;
        }
        auto s = signature_json(signature(tx, inst, person, *kind, subject));
        auto o = s.as_object();
        o["kind"] = *kind;
        o["subject"] = subject;
        o["created"] = created;
        return o;
    }));
    return Response::ok(out);
}

}

void detail::register_student_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/people/{id}/attendance", read_perm, policy::read_student, Body::None, get_student);
    r.router.add("POST", "/api/v1/people/{id}/attendance/justifications", justify_perm, policy::justify, Body::Json, post_justification);
    r.router.add("POST", "/api/v1/people/{id}/attendance/acknowledgements", acknowledge_perm, policy::acknowledge, Body::Json, acknowledge);
    r.router.add("PUT", "/api/v1/attendance-justifications/{id}/document", justify_perm, policy::attach_document, Body::Upload, put_document);
    r.router.add("GET", "/api/v1/attendance-justifications/{id}/document", read_perm, policy::read_document, Body::None, get_document);
    r.router.add("POST", "/api/v1/attendance-justifications/{id}/decision", manage_perm, policy::decide_justification, Body::Json, decide);
}

}
