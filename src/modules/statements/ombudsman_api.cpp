// APL-4 (seed 003 §4.6): the Ombudsman of the Student Government receives students' complaints.
// A complaint is confidential: the ombudsman, the complainant and their representatives, and the
// people the ombudsman involves by an explicit share; never the body or person complained about
// (nor the administration) unless shared (policy.cpp).
#include "core/json_fields.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include "modules/statements/notices.hpp"
#include "modules/statements/policy.hpp"
#include "modules/statements/routes.hpp"
#include "modules/statements/store.hpp"
#include <boost/json/array.hpp>

namespace kenes::statements {

using namespace http;
using boost::json::array;
using boost::json::object;
using modules::json_or_null;

namespace {

std::vector<int64_t> ombudsmen(db::Tx& tx, int64_t inst, const std::string& day)
{
    std::vector<int64_t> out;
    for (auto& r : tx.query("SELECT DISTINCT m.person_id FROM memberships m JOIN bodies b ON b.institution_id = m.institution_id AND b.id = m.body_id "
                            "WHERE m.institution_id = ? AND m.position = 'ombudsman' AND b.template = 'student_government' AND m.starts_on <= ? "
                            "AND (m.ends_on IS NULL OR m.ends_on >= ?) ORDER BY m.person_id",
             { inst, day, day }))
        out.push_back(r.i64(0));
    return out;
}

object complaint_json(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT id, number, year, complainant_person_id, filed_by_person_id, about_person_id, about, text, state, response, responded_at, filed_at "
                          "FROM ombudsman_complaints WHERE institution_id = ? AND id = ?",
        { inst, id });
    array shares;
    for (auto& s : tx.query("SELECT person_id, reason, shared_at FROM ombudsman_shares WHERE institution_id = ? AND complaint_id = ? ORDER BY shared_at, person_id", { inst, id }))
        shares.push_back(object { { "person_id", s.i64(0) }, { "name", people::name_of(tx, inst, s.i64(0)) }, { "reason", s.str(1) }, { "at", almaty::iso_datetime(s.i64(2)) } });
    auto name = [&](std::optional<int64_t> p) { return p ? boost::json::value(people::name_of(tx, inst, *p)) : boost::json::value(nullptr); };
    return { { "id", r->i64(0) }, { "number", std::to_string(r->i64(1)) + "/" + std::to_string(r->i64(2)) }, { "complainant_person_id", r->i64(3) },
        { "complainant", people::name_of(tx, inst, r->i64(3)) }, { "filed_by", people::name_of(tx, inst, r->i64(4)) },
        { "about_person_id", json_or_null(r->opt_i64(5)) }, { "about_person", name(r->opt_i64(5)) }, { "about", r->str(6) }, { "text", r->str(7) },
        { "state", r->str(8) }, { "response", json_or_null(r->opt_str(9)) },
        { "responded_at", r->is_null(10) ? boost::json::value(nullptr) : boost::json::value(almaty::iso_datetime(r->i64(10))) },
        { "filed_at", almaty::iso_datetime(r->i64(11)) }, { "shares", shares } };
}

Result<Response> file(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    if (body.contains("anonymous"))
        return Error::rule_refusal("APL-2", "rule.statements.anonymous", {}, "filer");
    FieldReader in(body);
    auto text = in.text("text", Presence::Required, 10000, Lines::Multi, 1);
    auto about = in.text("about", Presence::Optional, 300);
    auto about_person = in.integer("about_person_id", Presence::Optional, 1, INT64_MAX);
    auto student = in.integer("student_id", Presence::Optional, 1, INT64_MAX);
    TRY(in.finish());
    if (auto why = filing_refusal({ ctx.user().person_id, *text }))
        return why == "anonymous" ? Error::rule_refusal("APL-2", "rule.statements.anonymous", {}, "filer")
                                  : Error::rule_refusal("APL-2", "rule.statements.no_arguments", {}, "text");
    int64_t inst = ctx.institution_id(), me = *ctx.user().person_id;
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        int64_t complainant = me;
        if (student && *student != me) {
            if (!store::represents(tx, inst, me, *student))
                return Error::field("student_id", "not_own_child");
            complainant = *student;
        } else if (!people::is_student(tx, inst, me))
            return Error::field("student_id", "required");
        if (about_person && !tx.query_one("SELECT 1 FROM persons WHERE institution_id = ? AND id = ?", { inst, *about_person }))
            return Error::field("about_person_id", "not_found");
        auto receivers = ombudsmen(tx, inst, modules::today(ctx));
        // APL-4: the ombudsman receives complaints; with nobody in the position there is nobody to receive it.
        if (receivers.empty())
            return Error::rule_refusal("APL-4", "rule.statements.no_ombudsman");
        auto now = ctx.clock().now();
        int year = almaty::local_date(now).year;
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO ombudsman_complaints (institution_id, id, year, number, complainant_person_id, filed_by_person_id, about_person_id, about, text, state, filed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?)",
            { inst, id, int64_t(year), store::next_number(tx, "ombudsman_complaints", inst, year), complainant, me,
                about_person ? db::Value(*about_person) : db::Value(), about.value_or(""), *text, now });
        modules::audit_change(ctx, tx, "ombudsman_complaint.file", "ombudsman_complaint", id, nullptr, object { { "complainant_person_id", complainant } });
        notices::complaint_filed(tx, ctx.clock(), inst, id, receivers);
        return Response::created(complaint_json(tx, inst, id));
    });
}

// The ombudsman's inbox, or the complaints one filed, filed for one's child, or was involved in.
Result<Response> list(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        int64_t inst = ctx.institution_id();
        bool ombudsman = false;
        if (ctx.user().person_id) {
            int64_t me = *ctx.user().person_id;
            ombudsman = policy::is_ombudsman(tx, inst, me, modules::today(ctx));
            auto rows = ombudsman
                ? tx.query("SELECT id FROM ombudsman_complaints WHERE institution_id = ? ORDER BY filed_at DESC, id DESC LIMIT 500", { inst })
                : tx.query("SELECT id FROM ombudsman_complaints c WHERE institution_id = ? AND (complainant_person_id = ? OR complainant_person_id IN "
                           "(SELECT student_id FROM representatives WHERE institution_id = ? AND representative_id = ?) OR EXISTS (SELECT 1 FROM ombudsman_shares s "
                           "WHERE s.institution_id = c.institution_id AND s.complaint_id = c.id AND s.person_id = ?)) ORDER BY filed_at DESC, id DESC LIMIT 500",
                      { inst, me, inst, me, me });
            for (auto& r : rows)
                items.push_back(complaint_json(tx, inst, r.i64(0)));
        }
        return Response::ok(object { { "ombudsman", ombudsman }, { "items", items } });
    });
}

Result<Response> read(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    // Confidential (APL-4): each reading is audited.
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        modules::audit_change(ctx, tx, "ombudsman_complaint.read", "ombudsman_complaint", id, nullptr, nullptr);
        return Response::ok(complaint_json(tx, ctx.institution_id(), id));
    });
}

// The ombudsman involves a person by an explicit record (who, why).
Result<Response> share(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto person = in.integer("person_id", Presence::Required, 1, INT64_MAX);
    auto reason = in.text("reason", Presence::Required, 1000, Lines::Multi, 1);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        if (!tx.query_one("SELECT 1 FROM persons WHERE institution_id = ? AND id = ?", { inst, *person }))
            return Error::field("person_id", "not_found");
        if (tx.query_one("SELECT 1 FROM ombudsman_shares WHERE institution_id = ? AND complaint_id = ? AND person_id = ?", { inst, id, *person }))
            return Error { ErrorCode::Conflict, "statements.already_shared" };
        tx.exec("INSERT INTO ombudsman_shares (institution_id, complaint_id, person_id, reason, shared_by, shared_at) VALUES (?, ?, ?, ?, ?, ?)",
            { inst, id, *person, *reason, ctx.user().person_id ? db::Value(*ctx.user().person_id) : db::Value(), ctx.clock().now() });
        tx.exec("UPDATE ombudsman_complaints SET state = 'in_progress' WHERE institution_id = ? AND id = ? AND state = 'received'", { inst, id });
        modules::audit_change(ctx, tx, "ombudsman_complaint.share", "ombudsman_complaint", id, nullptr, object { { "person_id", *person }, { "reason", *reason } });
        notices::complaint_shared(tx, ctx.clock(), inst, id, *person);
        return Response::ok(complaint_json(tx, inst, id));
    });
}

Result<Response> answer(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto response = in.text("response", Presence::Required, 10000, Lines::Multi, 1);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        if (tx.query_one("SELECT 1 FROM ombudsman_complaints WHERE institution_id = ? AND id = ? AND state = 'answered'", { inst, id }))
            return Error { ErrorCode::Conflict, "statements.complaint_answered" };
        tx.exec("UPDATE ombudsman_complaints SET state = 'answered', response = ?, responded_at = ? WHERE institution_id = ? AND id = ?",
            { *response, ctx.clock().now(), inst, id });
        modules::audit_change(ctx, tx, "ombudsman_complaint.answer", "ombudsman_complaint", id, nullptr, object { { "state", "answered" } });
        notices::complaint_answered(tx, ctx.clock(), inst, id);
        return Response::ok(complaint_json(tx, inst, id));
    });
}

}

void detail::register_ombudsman_routes(Registry& r)
{
    r.router.add("POST", "/api/v1/ombudsman/complaints", file_perm, policy::file_complaint, Body::Json, file);
    r.router.add("GET", "/api/v1/ombudsman/complaints", perm::Self, policy::mine, Body::None, list);
    r.router.add("GET", "/api/v1/ombudsman/complaints/{id}", perm::Self, policy::read_complaint, Body::None, read);
    r.router.add("POST", "/api/v1/ombudsman/complaints/{id}/shares", perm::Self, policy::handle_complaint, Body::Json, share);
    r.router.add("POST", "/api/v1/ombudsman/complaints/{id}/answer", perm::Self, policy::handle_complaint, Body::Json, answer);
}

}
