#include "modules/hostel/orders.hpp"
#include "docs/pdf.hpp"
#include "i18n/dates.hpp"
#include "modules/hostel/policy.hpp"
#include "modules/hostel/routes.hpp"
#include "modules/module_support.hpp"
#include "modules/order_verification.hpp"
#include "modules/notifications/notifications.hpp"
#include "security/crypto.hpp"
#include "security/signing.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace kenes::hostel::orders {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

// Hostel orders carry an "h" in their verification code (discipline "y", protocols "z").
constexpr char code_tag = 'h';

const char* kind_name(Kind k)
{
    switch (k) {
    case Kind::Allocation: return "allocation";
    case Kind::Settlement: return "settlement";
    case Kind::Reprimand: return "reprimand";
    case Kind::Eviction: return "eviction";
    case Kind::Bumping: return "bumping";
    }
    return "allocation";
}

std::string str(const boost::json::value& v) { return v.is_string() ? std::string(v.as_string()) : v.is_null() ? std::string() : boost::json::serialize(v); }
std::string field(const object& o, const char* key) { return o.contains(key) ? str(o.at(key)) : std::string(); }

// An order about one student goes to the student and their representatives (REP-1). An order
// about many (the allocation) names other families' children: each family learns its own outcome
// from the allocation side instead.
std::vector<int64_t> concerned(db::Tx& tx, int64_t inst, std::optional<int64_t> person)
{
    std::vector<int64_t> out;
    if (!person)
        return out;
    out.push_back(*person);
    for (auto& r : tx.query("SELECT representative_id FROM representatives WHERE institution_id = ? AND student_id = ? ORDER BY representative_id", { inst, *person }))
        out.push_back(r.i64(0));
    return out;
}

}

Issued issue(db::Tx& tx, const Context& ctx, Draft d)
{
    return issue(tx, ctx.clock(), ctx.user().actor(), ctx.institution_id(), std::move(d));
}

Issued issue(db::Tx& tx, const Clock& clock, const audit::Actor& actor, int64_t inst, Draft d)
{
    auto year = academic_year_of(*parse_iso_date(d.issued_on));
    int64_t seq = tx.query_one("SELECT coalesce(max(seq), 0) + 1 FROM hostel_orders WHERE institution_id = ? AND academic_year = ?", { inst, year })->i64(0);
    auto institution = tx.query_one("SELECT name FROM institutions WHERE id = ?", { inst });
    std::string number = std::to_string(seq) + "/" + year;
    object& content = d.content;
    content["institution"] = institution ? institution->str(0) : std::string();
    content["kind"] = kind_name(d.kind);
    content["number"] = number;
    content["issued_on"] = d.issued_on;
    std::string snapshot = boost::json::serialize(content);
    std::string hash = signing::sha256(snapshot);
    auto sig = signing::sign(tx, inst, hash);
    std::string code = signing::verification_code(inst, code_tag);
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO hostel_orders (institution_id, id, academic_year, seq, kind, person_id, decision_id, issued_on, snapshot_json, document_hash, "
            "signature, public_key, verification_code, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        { inst, id, year, seq, kind_name(d.kind), d.person_id ? db::Value(*d.person_id) : db::Value(), d.decision_id ? db::Value(*d.decision_id) : db::Value(),
            d.issued_on, snapshot, db::Blob { hash }, db::Blob { sig.signature }, db::Blob { sig.public_key }, code,
            actor.user_id ? db::Value(*actor.user_id) : db::Value(), clock.now() });
    audit::record(tx, clock, { inst, actor, "hostel_order.issue", "hostel_order", id, nullptr,
        object { { "kind", kind_name(d.kind) }, { "number", number }, { "document_hash", crypto::to_hex(hash) } } });
    notifications::notify_each(tx, clock, inst, concerned(tx, inst, d.person_id), "hostel_order", "hostel.order:" + std::to_string(id),
        object { { "order_id", id }, { "number", number }, { "issued_on", d.issued_on } });
    return { id, number };
}

object order_json(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT snapshot_json, document_hash, signature, verification_code, kind, person_id, decision_id, issued_on "
                          "FROM hostel_orders WHERE institution_id = ? AND id = ?",
        { inst, id });
    if (!r)
        return {};
    return { { "id", id }, { "kind", r->str(4) }, { "person_id", r->is_null(5) ? boost::json::value() : boost::json::value(r->i64(5)) },
        { "decision_id", r->is_null(6) ? boost::json::value() : boost::json::value(r->i64(6)) }, { "issued_on", r->str(7) },
        { "content", boost::json::parse(r->str(0)) }, { "document_hash", crypto::to_hex(r->blob(1)) }, { "signature", crypto::to_hex(r->blob(2)) },
        { "verification_code", r->str(3) } };
}

namespace {

// What the order says of one student, in the reader's language.
std::string line_text(const Catalog& c, Lang lang, const object& s)
{
    std::string out = c.format(lang, "hostel.order.line." + field(s, "line"));
    if (!field(s, "room").empty())
        out += "; " + c.format(lang, "hostel.order.room", { { "room", s.at("room") }, { "place", s.contains("place") ? s.at("place") : boost::json::value("") } });
    if (!field(s, "reason").empty())
        out += "; " + c.format(lang, "hostel.eviction_reason." + field(s, "reason"));
    if (auto by = parse_iso_date(field(s, "vacate_by")))
        out += "; " + c.format(lang, "hostel.order.vacate_by", { { "date", i18n::long_date(lang, *by) } });
    if (!field(s, "deviation").empty())
        out += "; " + c.format(lang, "hostel.order.deviation", { { "reason", s.at("deviation") } });
    return out;
}

}

std::string render_pdf(const Catalog& c, Lang lang, const object& s, const std::string& verify_url, const std::string& hash_hex, const std::string& signature_hex)
{
    docs::PdfWriter pdf;
    pdf.number_pages();
    pdf.small(field(s, "institution"));
    pdf.title(c.format(lang, "hostel.order.title." + field(s, "kind"), { { "number", s.at("number") }, { "year", s.contains("academic_year") ? s.at("academic_year") : boost::json::value("") } }));
    auto issued = parse_iso_date(field(s, "issued_on"));
    pdf.paragraph(c.format(lang, "hostel.order.date", { { "date", issued ? i18n::long_date(lang, *issued) : field(s, "issued_on") } }));
    if (s.contains("decision") && s.at("decision").is_object()) {
        auto& d = s.at("decision").as_object();
        auto held = parse_iso_date(field(d, "held_on"));
        pdf.paragraph(c.format(lang, "hostel.order.decision",
            { { "body", d.at("body") }, { "date", held ? i18n::long_date(lang, *held) : field(d, "held_on") }, { "protocol", d.at("protocol") } }));
    }
    if (!field(s, "grounds").empty()) {
        pdf.heading(c.format(lang, "hostel.order.grounds"));
        pdf.paragraph(field(s, "grounds"));
    }
    pdf.heading(c.format(lang, "hostel.order.ordered"));
    std::vector<std::vector<std::string>> rows { { "№", c.format(lang, "hostel.order.student"), c.format(lang, "hostel.order.group"),
        c.format(lang, "hostel.order.measure") } };
    int n = 0;
    if (s.contains("students"))
        for (auto& v : s.at("students").as_array()) {
            auto& x = v.as_object();
            std::string group = field(x, "group");
            if (group.empty() && !field(x, "grade").empty())
                group = c.format(lang, "hostel.order.grade", { { "grade", x.at("grade") } });
            rows.push_back({ std::to_string(++n), field(x, "name"), group, line_text(c, lang, x) });
        }
    pdf.table(rows, { 0.07, 0.33, 0.15, 0.45 });
    pdf.space(24);
    pdf.keep_together(48 + docs::PdfWriter::qr_height);
    pdf.paragraph(c.format(lang, "hostel.order.signature"));
    pdf.qr(verify_url, c.format(lang, "protocol.verification", { { "url", verify_url }, { "hash", hash_hex }, { "signature", signature_hex } }));
    return pdf.finish();
}

namespace {

Result<object> read_order(Context& ctx, int64_t id, bool pdf)
{
    return ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto o = order_json(tx, ctx.institution_id(), id);
        if (o.empty())
            return Error::not_found();
        // An order names minors (GEN-3): every read is audited.
        modules::audit_change(ctx, tx, "hostel_order.read", "hostel_order", id, nullptr, pdf ? boost::json::value(object { { "pdf", true } }) : boost::json::value());
        return o;
    });
}

Result<Response> get_order(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return Response::ok(TRY(read_order(ctx, id, false)));
}

Result<Response> order_pdf(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto lang = TRY(modules::document_lang(ctx));
    auto o = TRY(read_order(ctx, id, true));
    auto pdf = render_pdf(ctx.services.catalog, lang, o.at("content").as_object(), modules::base_url(ctx) + "/verify/" + str(o.at("verification_code")),
        str(o.at("document_hash")), str(o.at("signature")));
    return modules::pdf_response(std::move(pdf), "hostel-order-" + std::to_string(id), lang);
}

// Public: anyone holding a printed order checks it. Only its number, date and kind are revealed.
Result<Response> verify_order(Context& ctx)
{
    return modules::verify_order(ctx, { "hostel_orders", code_tag, "hostel_order" });
}

}

void register_routes(Registry& r)
{
    notifications::register_kind({ "hostel_order", true, "/hostel/orders/{order_id}" });
    r.router.add("GET", "/api/v1/hostel/orders/{id}", read_perm, policy::read_order, Body::None, get_order);
    r.router.add("GET", "/api/v1/hostel/orders/{id}/pdf", read_perm, policy::read_order, Body::None, order_pdf);
    r.router.add("GET", "/api/v1/public/hostel-orders/{code}", perm::Public, authz::anyone, Body::None, verify_order);
}

}
