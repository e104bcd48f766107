#include "modules/discipline/orders.hpp"
#include "core/json_fields.hpp"
#include "docs/pdf.hpp"
#include "i18n/dates.hpp"
#include "modules/discipline/notices.hpp"
#include "modules/discipline/policy.hpp"
#include "modules/discipline/routes.hpp"
#include "modules/module_support.hpp"
#include "modules/order_verification.hpp"
#include "modules/people/people.hpp"
#include "security/crypto.hpp"
#include "security/signing.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace kenes::discipline::orders {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

std::string str(const boost::json::value& v) { return v.is_string() ? std::string(v.as_string()) : boost::json::serialize(v); }

object student_of(db::Tx& tx, int64_t inst, int64_t person)
{
    auto r = tx.query_one("SELECT p.surname, p.name, p.patronymic, g.name FROM persons p LEFT JOIN students s ON s.institution_id = p.institution_id AND s.person_id = p.id "
                          "LEFT JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id WHERE p.institution_id = ? AND p.id = ?",
        { inst, person });
    return { { "name", r ? people::full_name(*r, 0) : std::string() }, { "group", r && !r->is_null(3) ? r->str(3) : std::string() } };
}

}

int64_t issue(db::Tx& tx, const Context& ctx, const std::string& kind, std::optional<int64_t> case_id, int64_t penalty_id, int64_t person_id,
    const std::string& issued_on, object content)
{
    int64_t inst = ctx.institution_id();
    auto year = academic_year_of(*parse_iso_date(issued_on));
    int64_t seq = tx.query_one("SELECT coalesce(max(seq), 0) + 1 FROM discipline_orders WHERE institution_id = ? AND academic_year = ?", { inst, year })->i64(0);
    auto institution = tx.query_one("SELECT name FROM institutions WHERE id = ?", { inst });
    content["institution"] = institution ? institution->str(0) : std::string();
    content["kind"] = kind;
    content["number"] = std::to_string(seq) + "/" + year;
    content["issued_on"] = issued_on;
    content["student"] = student_of(tx, inst, person_id);
    std::string snapshot = boost::json::serialize(content);
    std::string hash = signing::sha256(snapshot);
    auto sig = signing::sign(tx, inst, hash);
    std::string code = signing::verification_code(inst, 'y');
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO discipline_orders (institution_id, id, academic_year, seq, kind, case_id, penalty_id, person_id, issued_on, snapshot_json, document_hash, "
            "signature, public_key, verification_code, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        { inst, id, year, seq, kind, case_id ? db::Value(*case_id) : db::Value(), penalty_id, person_id, issued_on, snapshot, db::Blob { hash },
            db::Blob { sig.signature }, db::Blob { sig.public_key }, code, ctx.user().user_id, ctx.clock().now() });
    modules::audit_change(ctx, tx, "discipline_order.issue", "discipline_order", id, nullptr,
        object { { "kind", kind }, { "number", content["number"] }, { "person_id", person_id }, { "document_hash", crypto::to_hex(hash) } });
    notices::order_issued(tx, ctx.clock(), inst, id);
    return id;
}

object order_json(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT snapshot_json, document_hash, signature, verification_code, delivered_on, delivery_method, delivery_note, delivered_to, kind, "
                          "person_id, case_id, penalty_id FROM discipline_orders WHERE institution_id = ? AND id = ?",
        { inst, id });
    object delivery;
    if (!r->is_null(4)) {
        std::string to = r->is_null(7) ? std::string() : people::name_of(tx, inst, r->i64(7));
        delivery = { { "on", r->str(4) }, { "method", r->str(5) }, { "note", r->str(6) }, { "received_by", to } };
    }
    return { { "id", id }, { "kind", r->str(8) }, { "person_id", r->i64(9) }, { "case_id", r->is_null(10) ? boost::json::value() : boost::json::value(r->i64(10)) },
        { "penalty_id", r->i64(11) }, { "content", boost::json::parse(r->str(0)) }, { "document_hash", crypto::to_hex(r->blob(1)) },
        { "signature", crypto::to_hex(r->blob(2)) }, { "verification_code", r->str(3) },
        { "delivery", delivery.empty() ? boost::json::value() : boost::json::value(delivery) } };
}

std::string render_pdf(const Catalog& c, Lang lang, const object& s, const std::string& verify_url, const std::string& hash_hex, const std::string& signature_hex)
{
    docs::PdfWriter pdf;
    pdf.language(std::string(lang_code(lang)));
    pdf.number_pages();
    pdf.small(str(s.at("institution")));
    bool withdrawal = str(s.at("kind")) == "withdrawal";
    pdf.title(c.format(lang, withdrawal ? "discipline.order.title_withdrawal" : "discipline.order.title", { { "number", s.at("number") } }));
    auto issued = parse_iso_date(str(s.at("issued_on")));
    pdf.paragraph(c.format(lang, "discipline.order.date", { { "date", issued ? i18n::long_date(lang, *issued) : str(s.at("issued_on")) } }));
    auto& student = s.at("student").as_object();
    bool grouped = !str(student.at("group")).empty();
    pdf.paragraph(c.format(lang, grouped ? "discipline.order.student" : "discipline.order.student_no_group", { { "name", student.at("name") }, { "group", student.at("group") } }));
    auto penalty = c.format(lang, "discipline.penalty." + str(s.at("penalty")));
    pdf.heading(c.format(lang, "discipline.order.ordered"));
    pdf.paragraph(c.format(lang, withdrawal ? "discipline.order.withdraw_text" : "discipline.order.impose_text",
        { { "penalty", penalty }, { "name", student.at("name") }, { "imposed_number", s.contains("imposed_number") ? s.at("imposed_number") : boost::json::value("") } }));
    pdf.heading(c.format(lang, "discipline.order.grounds"));
    pdf.paragraph(str(s.at("grounds")));
    if (s.contains("intercession"))   // DISC-PEN-5: on whose intercession
        pdf.paragraph(c.format(lang, "discipline.order.intercession",
            { { "by", c.format(lang, "discipline.intercession." + str(s.at("intercession"))) }, { "who", s.at("intercessor") } }));
    if (s.contains("decision")) {
        auto& d = s.at("decision").as_object();
        auto held = parse_iso_date(str(d.at("held_on")));
        pdf.paragraph(c.format(lang, "discipline.order.decision",
            { { "body", d.at("body") }, { "date", held ? i18n::long_date(lang, *held) : str(d.at("held_on")) }, { "protocol", d.at("protocol") } }));
    }
    if (s.contains("evidence") && !s.at("evidence").as_array().empty()) {
        pdf.heading(c.format(lang, "discipline.order.evidence"));
        std::vector<std::vector<std::string>> rows { { c.format(lang, "discipline.order.evidence_kind"), c.format(lang, "discipline.order.evidence_description"),
            "SHA-256" } };
        for (auto& e : s.at("evidence").as_array()) {
            auto& x = e.as_object();
            rows.push_back({ c.format(lang, "discipline.evidence_kind." + str(x.at("kind"))), str(x.at("description")), str(x.at("sha256")).substr(0, 16) });
        }
        pdf.table(rows, { 0.3, 0.5, 0.2 });
    }
    pdf.space(24);
    pdf.keep_together(48 + docs::PdfWriter::qr_height);
    pdf.paragraph(c.format(lang, "discipline.order.signature"));
    pdf.qr(verify_url, c.format(lang, "protocol.verification", { { "url", verify_url }, { "hash", hash_hex }, { "signature", signature_hex } }));
    return pdf.finish();
}

namespace {

Result<Response> get_order(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        modules::audit_change(ctx, tx, "discipline_order.read", "discipline_order", id, nullptr, nullptr);
        return Response::ok(order_json(tx, ctx.institution_id(), id));
    });
}

Result<Response> order_pdf(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto lang = TRY(modules::document_lang(ctx));
    auto o = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        modules::audit_change(ctx, tx, "discipline_order.read", "discipline_order", id, nullptr, object { { "pdf", true } });
        return order_json(tx, ctx.institution_id(), id);
    }));
    auto& content = o.at("content").as_object();
    auto pdf = render_pdf(ctx.services.catalog, lang, content, modules::base_url(ctx) + "/verify/" + str(o.at("verification_code")), str(o.at("document_hash")),
        str(o.at("signature")));
    return modules::pdf_response(std::move(pdf), "order-" + std::to_string(id), lang);
}

// DISC-PEN-4: a copy against the receipt of the student or a representative, or by mail with
// acknowledgement when they refuse to come.
Result<Response> record_delivery(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto method = in.one_of("method", Presence::Required, { "receipt", "mail" });
    auto on = in.date("on", Presence::Required);
    auto receiver = in.integer("received_by_person_id", Presence::Optional, 1, INT64_MAX);
    auto note = in.text("note", Presence::Optional, 1000, Lines::Multi);
    if (method && *method == "receipt" && !receiver)
        in.add_error("received_by_person_id", "required");
    if (method && *method == "mail" && (!note || note->empty()))
        in.add_error("note", "required");   // the postal item's number, for the acknowledgement
    if (on && on->iso() > modules::today(ctx))
        in.add_error("on", "in_future");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto o = tx.query_one("SELECT person_id, delivered_on, issued_on FROM discipline_orders WHERE institution_id = ? AND id = ?", { inst, id });
        if (!o)
            return Error::not_found();
        if (!o->is_null(1))
            return Error { ErrorCode::Conflict, "discipline.order_delivered" };
        if (on->iso() < o->str(2))
            return Error::field("on", "before_issue");
        if (receiver && *receiver != o->i64(0)
            && !tx.query_one("SELECT 1 FROM representatives WHERE institution_id = ? AND student_id = ? AND representative_id = ?", { inst, o->i64(0), *receiver }))
            return Error::rule_refusal("DISC-PEN-4", "rule.discipline.receiver", {}, "received_by_person_id");
        tx.exec("UPDATE discipline_orders SET delivered_on = ?, delivery_method = ?, delivery_note = ?, delivered_to = ? WHERE institution_id = ? AND id = ?",
            { on->iso(), *method, note.value_or(""), receiver ? db::Value(*receiver) : db::Value(), inst, id });
        modules::audit_change(ctx, tx, "discipline_order.deliver", "discipline_order", id, nullptr,
            object { { "method", *method }, { "on", on->iso() }, { "received_by", receiver ? boost::json::value(*receiver) : boost::json::value() } });
        return Response::ok(order_json(tx, inst, id));
    });
}

// Public: anyone holding a printed order checks it. Only the number, date and kind are revealed.
Result<Response> verify_order(Context& ctx)
{
    return modules::verify_order(ctx, { "discipline_orders", 'y', "discipline_order" });
}

}

void register_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/discipline/orders/{id}", perm::Self, policy::read_order, Body::None, get_order);
    r.router.add("GET", "/api/v1/discipline/orders/{id}/pdf", perm::Self, policy::read_order, Body::None, order_pdf);
    r.router.add("POST", "/api/v1/discipline/orders/{id}/delivery", manage_perm, policy::deliver_order, Body::Json, record_delivery);
    r.router.add("GET", "/api/v1/public/discipline-orders/{code}", perm::Public, authz::anyone, Body::None, verify_order);
}

}
