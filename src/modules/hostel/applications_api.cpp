// Applications (seed 004 hostel rules): the family applies from its own view or the head
// registers a paper application; each gets the next number of the application journal (appendix
// 3) with the time to the second, until the campaign's last day (HST-APP-1). The form follows the
// declared group (HST-APP-3), the documents follow a checklist (HST-APP-2), the commission may
// inspect the family's living conditions (HST-COM-1). Documents and inspections are read by the
// commission and the family only, each read audited (GEN-3).
#include "core/json_fields.hpp"
#include "docs/pdf.hpp"
#include "i18n/dates.hpp"
#include "modules/elections/portfolio.hpp"
#include "modules/hostel/allocation_store.hpp"
#include "modules/hostel/appendix_columns.hpp"
#include "modules/hostel/policy.hpp"
#include "modules/hostel/routes.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include "security/crypto.hpp"
#include "security/signing.hpp"
#include <boost/json/array.hpp>
#include <algorithm>

namespace kenes::hostel {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

std::string institution_name(db::Tx& tx, int64_t inst)
{
    auto r = tx.query_one("SELECT name FROM institutions WHERE id = ?", { inst });
    return r ? r->str(0) : "";
}

object answer(db::Tx& tx, const Context& ctx, const store::Application& a)
{
    auto out = store::application_json(tx, ctx.institution_id(), a);
    auto c = store::load_campaign(tx, ctx.institution_id(), a.campaign_id);
    out["accepting"] = c && c->accepting(modules::today(ctx));
    return out;
}

// POST /api/v1/hostel/students/{id}/applications: online by a representative for their child,
// or on paper by the head naming the representative who signed it.
Result<Response> apply(Context& ctx)
{
    int64_t student = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto campaign_id = in.integer("campaign_id", Presence::Required, 1, INT64_MAX);
    auto channel = in.one_of("channel", Presence::Optional, { "online", "paper" }).value_or("online");
    auto representative = in.integer("representative_id", channel == "paper" ? Presence::Required : Presence::Optional, 1, INT64_MAX);
    auto group = in.integer("priority_group", Presence::Required, 1, 5);
    auto subgroups = in.string_list("subgroups", Presence::Optional, {});
    auto wants_paid = in.boolean("wants_paid", Presence::Optional).value_or(false);
    auto locality = in.text("home_locality", Presence::Required, 200, Lines::Single, 2);
    auto consent = in.boolean("consent_inspection", Presence::Required);
    auto undertaking = in.boolean("undertaking_to_vacate", Presence::Optional).value_or(false);
    auto grade_in = in.integer("grade", Presence::Optional, 1, 12);
    std::string subgroup_list;
    if (subgroups) {
        for (auto& s : *subgroups) {
            if (!rules::parse_subgroup(s)) {
                in.add_error("subgroups", "invalid");
                break;
            }
            subgroup_list += (subgroup_list.empty() ? "" : ",") + s;
        }
        if (subgroups->size() > 7)
            in.add_error("subgroups", "too_long");
    }
    TRY(in.finish());
    // HST-APP-3: groups 4-5 sign appendix 2 with the undertaking to vacate for a priority student.
    if (rules::needs_undertaking(int(*group)) && !undertaking)
        return Error::rule_refusal("HST-APP-3", "rule.hostel.application.undertaking_required", {}, "undertaking_to_vacate");
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = ctx.institution_id();
        auto c = store::load_campaign(tx, inst, *campaign_id);
        if (!c)
            return Error::field("campaign_id", "not_found");
        // HST-APP-1: until July 1 (Almaty, server clock), or the commission's extension.
        if (!c->accepting(modules::today(ctx)))
            return Error::rule_refusal("HST-APP-1", "rule.hostel.application.deadline_passed", { { "last_day", c->last_day() } }, "campaign_id");
        auto s = tx.query_one("SELECT coalesce(s.grade, g.grade), p.gender FROM students s JOIN persons p ON p.institution_id = s.institution_id AND p.id = s.person_id "
                              "LEFT JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id WHERE s.institution_id = ? AND s.person_id = ?",
            { inst, student });
        if (!s)
            return Error::not_found();
        // The hostel takes grades 7-12 only: the grade of the year applied for, else the recorded one.
        auto grade = grade_in ? grade_in : s->opt_i64(0);
        if (!grade || *grade < 7 || *grade > 12)
            return Error::field("grade", "out_of_range", { { "min", 7 }, { "max", 12 } });
        auto gender = s->opt_str(1);
        if (!gender || (*gender != "female" && *gender != "male"))
            return Error::field("student_id", "invalid");
        // The applicant: the signed-in representative (online), the named one (paper).
        auto reps = store::representatives_of(tx, inst, student);
        std::optional<int64_t> applicant = channel == "paper" ? representative : ctx.user().person_id;
        if (!applicant || std::find(reps.begin(), reps.end(), *applicant) == reps.end())
            return Error::field(channel == "paper" ? "representative_id" : "channel", "not_found");
        // One application per student per campaign.
        if (tx.query_one("SELECT 1 FROM hostel_applications WHERE institution_id = ? AND campaign_id = ? AND student_id = ?", { inst, c->id, student }))
            return Error { ErrorCode::Conflict, "hostel.application.exists" };
        // Numbers are given one at a time per campaign (the row lock of the campaign on PostgreSQL).
        tx.exec("UPDATE hostel_campaigns SET offer_hours = offer_hours WHERE institution_id = ? AND id = ?", { inst, c->id });
        int64_t number = tx.query_one("SELECT coalesce(max(number), 0) + 1 FROM hostel_applications WHERE institution_id = ? AND campaign_id = ?", { inst, c->id })->i64(0);
        int64_t id = tx.next_id();
        auto now = ctx.clock().now();
        std::string form(rules::form_for(int(*group)));
        tx.exec("INSERT INTO hostel_applications (institution_id, id, campaign_id, number, student_id, grade, gender, applicant_id, channel, priority_group, subgroups, "
                "home_locality, wants_paid, form, consent_inspection, undertaking_to_vacate, registered_at, registered_by, status) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered')",
            { inst, id, c->id, number, student, *grade, *gender, *applicant, channel, *group, subgroup_list, *locality, int64_t(wants_paid), form, int64_t(*consent),
                int64_t(rules::needs_undertaking(int(*group)) && undertaking), now, ctx.user().user_id });
        modules::audit_change(ctx, tx, "hostel_application.create", "hostel_application", id, nullptr,
            object { { "campaign_id", c->id }, { "number", number }, { "student_id", student }, { "channel", channel }, { "priority_group", *group },
                { "subgroups", subgroup_list }, { "form", form } });
        return Response::created(answer(tx, ctx, *store::load_application(tx, inst, id)));
    });
}

// The application journal (appendix 3): the commission and the head.
Result<Response> journal(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        if (!store::load_campaign(tx, ctx.institution_id(), id))
            return Error::not_found();
        array items;
        for (auto& a : store::applications_of(tx, ctx.institution_id(), id)) {
            auto line = store::journal_line(tx, ctx.institution_id(), a);
            array missing;
            for (auto& m : rules::missing(rules::checklist(int(a.priority_group), rules::parse_subgroups(a.subgroups)), store::document_kinds_of(tx, ctx.institution_id(), a.id)))
                missing.push_back(boost::json::value(m));
            line["missing"] = missing;
            items.push_back(line);
        }
        return Response::ok(object { { "items", items } });
    });
}

std::string group_label(const Catalog& cat, Lang lang, int64_t group) { return cat.format(lang, "hostel.application.group_" + std::to_string(group)); }

std::string subgroups_label(const Catalog& cat, Lang lang, const std::string& list)
{
    std::string out;
    for (auto s : rules::parse_subgroups(list))
        out += (out.empty() ? "" : ", ") + cat.format(lang, "hostel.application.subgroup." + std::string(rules::subgroup_code(s)));
    return out.empty() ? "—" : out;
}

Result<Response> journal_pdf(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto lang = TRY(modules::document_lang(ctx));
    auto& cat = ctx.services.catalog;
    auto bytes = TRY(ctx.db().read([&](db::Tx& tx) -> Result<std::string> {
        auto c = store::load_campaign(tx, ctx.institution_id(), id);
        if (!c)
            return Error::not_found();
        docs::PdfWriter pdf;
        pdf.number_pages();
        pdf.small(institution_name(tx, ctx.institution_id()));
        pdf.title(cat.format(lang, "hostel.application.journal_title", { { "year", c->academic_year } }));
        // GEN-4, HST-APP-1: the columns of appendix 3 (date and time, the student with date of birth,
        // residence, gender and grade, the father and the mother, the representative's signature,
        // notes), and the priority group and channel of this system.
        std::vector<std::vector<std::string>> rows { { "№", cat.format(lang, "hostel.appendix.submitted_at"), cat.format(lang, "hostel.appendix.student"),
            cat.format(lang, "hostel.appendix.residence"), cat.format(lang, "hostel.appendix.representatives"), cat.format(lang, "hostel.appendix.signature"),
            cat.format(lang, "hostel.appendix.notes") } };
        for (auto& a : store::applications_of(tx, ctx.institution_id(), id)) {
            auto locality = tx.query_one("SELECT home_locality FROM hostel_applications WHERE institution_id = ? AND id = ?", { ctx.institution_id(), a.id });
            auto s = appendix::student_columns(tx, cat, lang, ctx.institution_id(), a.student_id, locality ? locality->str(0) : std::string());
            rows.push_back({ std::to_string(a.number), i18n::long_date_time_seconds(lang, a.registered_at),
                appendix::student_cell(people::name_of(tx, ctx.institution_id(), a.student_id), s), s.residence, appendix::representatives_cell(cat, lang, s), "",
                cat.format(lang, "hostel.application.group") + " " + std::to_string(a.priority_group) + "; " + cat.format(lang, "hostel.application.channel_" + a.channel) });
        }
        pdf.table(rows, { 0.05, 0.14, 0.21, 0.16, 0.2, 0.13, 0.11 }, true, 8); // seven columns: 8 pt keeps names whole
        return pdf.finish();
    }));
    return modules::pdf_response(std::move(bytes), "hostel-journal", lang);
}

// The family's applications for its child (and the student's own), each with its explanation.
Result<Response> student_applications(Context& ctx)
{
    int64_t student = TRY(ctx.id_param("id"));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        store::sweep_offers(tx, ctx);
        array items;
        for (auto& r : tx.query("SELECT a.id FROM hostel_applications a JOIN hostel_campaigns c ON c.institution_id = a.institution_id AND c.id = a.campaign_id "
                                "WHERE a.institution_id = ? AND a.student_id = ? ORDER BY c.academic_year DESC, a.id DESC LIMIT 20",
                 { ctx.institution_id(), student }))
            items.push_back(answer(tx, ctx, *store::load_application(tx, ctx.institution_id(), r.i64(0))));
        // The representatives who may sign an application (the head names one on paper).
        array reps;
        for (auto rep : store::representatives_of(tx, ctx.institution_id(), student))
            reps.push_back(object { { "id", rep }, { "name", people::name_of(tx, ctx.institution_id(), rep) } });
        return Response::ok(object { { "items", items }, { "representatives", reps } });
    });
}

Result<Response> get_application(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        store::sweep_offers(tx, ctx);
        auto a = store::load_application(tx, ctx.institution_id(), id);
        if (!a)
            return Error::not_found();
        return Response::ok(answer(tx, ctx, *a));
    });
}

// Withdrawal by the family (or the head on its paper request), while nothing is decided.
Result<Response> withdraw(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto reason = in.text("reason", Presence::Optional, 1000, Lines::Multi);
    TRY(in.finish());
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto a = store::load_application(tx, ctx.institution_id(), id);
        if (!a)
            return Error::not_found();
        if (a->status != "registered" && a->status != "reserve")
            return Error { ErrorCode::Conflict, "hostel.application.not_withdrawable" };
        tx.exec("UPDATE hostel_applications SET status = 'withdrawn', status_reason = ? WHERE institution_id = ? AND id = ?", { reason.value_or(""), ctx.institution_id(), id });
        modules::audit_change(ctx, tx, "hostel_application.withdraw", "hostel_application", id, object { { "status", a->status } }, object { { "status", "withdrawn" } });
        return Response::ok(answer(tx, ctx, *store::load_application(tx, ctx.institution_id(), id)));
    });
}

// HST-APP-3: the form to sign, appendix 1 or 2 by the group, in the reader's language.
Result<Response> form_pdf(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto lang = TRY(modules::document_lang(ctx));
    auto& cat = ctx.services.catalog;
    auto bytes = TRY(ctx.db().read([&](db::Tx& tx) -> Result<std::string> {
        int64_t inst = ctx.institution_id();
        auto a = store::load_application(tx, inst, id);
        if (!a)
            return Error::not_found();
        auto c = store::load_campaign(tx, inst, a->campaign_id);
        docs::PdfWriter pdf;
        pdf.small(institution_name(tx, inst));
        pdf.small(cat.format(lang, a->form == "app1" ? "hostel.application.form_app1" : "hostel.application.form_app2"));
        pdf.title(cat.format(lang, "hostel.application.form_title", { { "year", c->academic_year }, { "number", a->number } }));
        auto applicant = a->applicant_id ? people::name_of(tx, inst, *a->applicant_id) : "";
        std::vector<std::vector<std::string>> rows {
            { cat.format(lang, "hostel.application.applicant"), applicant },
            { cat.format(lang, "hostel.application.student"), people::name_of(tx, inst, a->student_id) },
            { cat.format(lang, "hostel.application.grade"), std::to_string(a->grade) },
            { cat.format(lang, "hostel.application.home_locality"), a->home_locality },
            { cat.format(lang, "hostel.application.group"), group_label(cat, lang, a->priority_group) },
            { cat.format(lang, "hostel.application.subgroups"), subgroups_label(cat, lang, a->subgroups) },
            { cat.format(lang, "hostel.application.wants_paid"), cat.format(lang, a->wants_paid ? "hostel.application.yes" : "hostel.application.no") },
            { cat.format(lang, "hostel.application.registered_at"), i18n::long_date_time_seconds(lang, a->registered_at) },
        };
        pdf.table(rows, { 0.4, 0.6 }, false);
        pdf.space(12);
        pdf.paragraph(cat.format(lang, "hostel.application.request_text", { { "year", c->academic_year } }));
        if (a->consent_inspection)
            pdf.paragraph(cat.format(lang, "hostel.application.consent_text"));
        if (a->form == "app2")
            pdf.paragraph(cat.format(lang, "hostel.application.undertaking_text"));
        pdf.paragraph(cat.format(lang, "hostel.application.truth_text"));
        pdf.space(24);
        pdf.paragraph(cat.format(lang, "hostel.application.signature_line", { { "name", applicant } }));
        return pdf.finish();
    }));
    return modules::pdf_response(std::move(bytes), "hostel-application-" + std::to_string(id), lang);
}

// HST-APP-2: a document of the checklist, checked by content (PDF, JPEG, PNG), kept with its
// SHA-256. The family uploads its own; the head uploads for a paper application.
Result<Response> upload_document(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto kind = ctx.query_param("kind").value_or("");
    auto& kinds = rules::document_kinds();
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
        return Error::field("kind", "invalid");
    auto name = TRY(modules::query_text(ctx, "name", 200, false)).value_or(kind);
    // The same content checks as candidates' documents and discipline evidence.
    auto file = TRY(elections::portfolio::accept("transcript", ctx.request.body, ctx.request.header("content-type")));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = ctx.institution_id();
        auto a = store::load_application(tx, inst, id);
        if (!a)
            return Error::not_found();
        if (a->status == "withdrawn")
            return Error { ErrorCode::Conflict, "hostel.application.not_withdrawable" };
        int64_t doc = tx.next_id();
        std::string sha = crypto::to_hex(signing::sha256(file.bytes));
        tx.exec("INSERT INTO hostel_documents (institution_id, id, application_id, kind, file_name, file_type, file_size, file_sha256, file_data, uploaded_by, uploaded_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            { inst, doc, id, kind, name, file.content_type, int64_t(file.bytes.size()), sha, db::Blob { file.bytes }, ctx.user().user_id, ctx.clock().now() });
        modules::audit_change(ctx, tx, "hostel_document.create", "hostel_document", doc, nullptr,
            object { { "application_id", id }, { "kind", kind }, { "sha256", sha }, { "size", int64_t(file.bytes.size()) } });
        return Response::created(answer(tx, ctx, *a));
    });
}

// GEN-3: a family document, read by the commission or the family; the read is audited.
Result<Response> document_file(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto f = tx.query_one("SELECT file_type, file_data, application_id FROM hostel_documents WHERE institution_id = ? AND id = ?", { ctx.institution_id(), id });
        if (!f)
            return Error::not_found();
        modules::audit_change(ctx, tx, "hostel_document.read", "hostel_document", id, nullptr, object { { "application_id", f->i64(2) } });
        auto type = f->str(0);
        auto r = Response::text(200, f->blob(1), type);
        r.set_header("Content-Disposition", "attachment; filename=\"hostel-document-" + std::to_string(id) + elections::portfolio::extension(type) + "\"");
        return r;
    });
}

constexpr std::initializer_list<const char*> inspection_fields { "housing", "household", "finances", "sanitary", "study_place", "readiness", "conclusion" };

// HST-COM-1: the commission's inspection of the family's living conditions.
Result<Response> put_inspection(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto on = in.date("inspected_on", Presence::Required);
    std::vector<std::string> values;
    for (auto f : inspection_fields)
        values.push_back(in.text(f, Presence::Required, 4000, Lines::Multi, 2).value_or(""));
    if (on && on->iso() > modules::today(ctx))
        in.add_error("inspected_on", "in_future");
    TRY(in.finish());
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = ctx.institution_id();
        auto a = store::load_application(tx, inst, id);
        if (!a)
            return Error::not_found();
        // The family consented to the visit on its form (HST-APP-3).
        if (!a->consent_inspection)
            return Error::rule_refusal("HST-COM-1", "rule.hostel.inspection.no_consent");
        bool existed = tx.query_one("SELECT 1 FROM hostel_inspections WHERE institution_id = ? AND application_id = ?", { inst, id }).has_value();
        // An upsert, so two members saving the record at once do not collide on the key.
        tx.exec("INSERT INTO hostel_inspections (institution_id, application_id, inspected_on, housing, household, finances, sanitary, study_place, readiness, conclusion, "
                "inspected_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (institution_id, application_id) DO UPDATE SET "
                "inspected_on = excluded.inspected_on, housing = excluded.housing, household = excluded.household, finances = excluded.finances, "
                "sanitary = excluded.sanitary, study_place = excluded.study_place, readiness = excluded.readiness, conclusion = excluded.conclusion, "
                "inspected_by = excluded.inspected_by, recorded_at = excluded.recorded_at",
            { inst, id, on->iso(), values[0], values[1], values[2], values[3], values[4], values[5], values[6], ctx.user().user_id, ctx.clock().now() });
        modules::audit_change(ctx, tx, existed ? "hostel_inspection.update" : "hostel_inspection.create", "hostel_application", id, nullptr, object { { "inspected_on", on->iso() } });
        object out { { "application_id", id }, { "inspected_on", on->iso() } };
        size_t i = 0;
        for (auto f : inspection_fields)
            out[f] = values[i++];
        return Response::ok(out);
    });
}

Result<Response> get_inspection(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto r = tx.query_one("SELECT inspected_on, housing, household, finances, sanitary, study_place, readiness, conclusion FROM hostel_inspections "
                              "WHERE institution_id = ? AND application_id = ?",
            { ctx.institution_id(), id });
        if (!r)
            return Error::not_found();
        modules::audit_change(ctx, tx, "hostel_inspection.read", "hostel_application", id, nullptr, nullptr);
        object out { { "application_id", id }, { "inspected_on", r->str(0) } };
        size_t i = 1;
        for (auto f : inspection_fields)
            out[f] = r->str(i++);
        return Response::ok(out);
    });
}

}

void detail::register_application_routes(Registry& r)
{
    r.router.add("POST", "/api/v1/hostel/students/{id}/applications", apply_perm, policy::apply_for_student, Body::Json, apply);
    r.router.add("GET", "/api/v1/hostel/students/{id}/applications", read_perm, policy::read_student_applications, Body::None, student_applications);
    r.router.add("GET", "/api/v1/hostel/campaigns/{id}/applications", perm::Self, policy::read_campaign, Body::None, journal);
    r.router.add("GET", "/api/v1/hostel/campaigns/{id}/journal.pdf", perm::Self, policy::read_campaign, Body::None, journal_pdf);
    r.router.add("GET", "/api/v1/hostel/applications/{id}", perm::Self, policy::read_application, Body::None, get_application);
    r.router.add("POST", "/api/v1/hostel/applications/{id}/withdraw", perm::Self, policy::edit_application, Body::Json, withdraw);
    r.router.add("GET", "/api/v1/hostel/applications/{id}/form.pdf", perm::Self, policy::read_application, Body::None, form_pdf);
    r.router.add("POST", "/api/v1/hostel/applications/{id}/documents", perm::Self, policy::edit_application, Body::Upload, upload_document);
    r.router.add("GET", "/api/v1/hostel/documents/{id}/file", perm::Self, policy::read_documents, Body::None, document_file);
    r.router.add("PUT", "/api/v1/hostel/applications/{id}/inspection", perm::Self, policy::inspect, Body::Json, put_inspection);
    r.router.add("GET", "/api/v1/hostel/applications/{id}/inspection", perm::Self, policy::inspect, Body::None, get_inspection);
}

}
