// AWD-5: an award announced by the principal's order (numbered per academic year, signed by the
// institution, verifiable by its QR code), written in the personal record of each of its students,
// their representatives informed (notices, delivery logged: REP-1), a certificate or letter for the
// ceremony (PDF, kk/ru/en), and the public page of the awards the institution chose to publish.
#include "core/json_fields.hpp"
#include "docs/pdf.hpp"
#include "i18n/dates.hpp"
#include "modules/awards/policy.hpp"
#include "modules/awards/routes.hpp"
#include "modules/awards/rules.hpp"
#include "modules/awards/store.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/module_support.hpp"
#include "modules/notifications/notifications.hpp"
#include "modules/order_verification.hpp"
#include "modules/people/people.hpp"
#include "security/crypto.hpp"
#include "security/signing.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace kenes::awards {

using namespace http;
using boost::json::array;
using boost::json::object;
using boost::json::value;

namespace {

// Award orders carry an "a" in their verification code (discipline "y", hostel "h", protocols "z").
constexpr char code_tag = 'a';

std::string str(const value& v) { return v.is_string() ? std::string(v.as_string()) : v.is_null() ? std::string() : boost::json::serialize(v); }
std::string field(const object& o, const char* key) { return o.contains(key) ? str(o.at(key)) : std::string(); }

// The kind's names in the three languages: the catalog's for the preset, the principal's for added ones.
std::optional<object> kind_names(db::Tx& tx, const Catalog& c, int64_t inst, const std::string& kind)
{
    if (is_preset_kind(kind))
        return object { { "kk", c.format(Lang::Kk, "awards.kind." + kind) }, { "ru", c.format(Lang::Ru, "awards.kind." + kind) },
            { "en", c.format(Lang::En, "awards.kind." + kind) } };
    if (kind.rfind("custom_", 0) != 0 || kind.size() > 26 || kind.size() < 8 || !std::all_of(kind.begin() + 7, kind.end(), ::isdigit))
        return std::nullopt;
    auto r = tx.query_one("SELECT name_kk, name_ru, name_en FROM award_kinds WHERE institution_id = ? AND id = ?", { inst, std::stoll(kind.substr(7)) });
    if (!r)
        return std::nullopt;
    return object { { "kk", r->str(0) }, { "ru", r->str(1) }, { "en", r->str(2) } };
}

std::string in_lang(const object& names, Lang lang) { return field(names, std::string(lang_code(lang)).c_str()); }

std::vector<int64_t> representatives_of(db::Tx& tx, int64_t inst, const std::vector<int64_t>& students)
{
    std::vector<int64_t> out;
    for (auto s : students)
        for (auto& r : tx.query("SELECT representative_id FROM representatives WHERE institution_id = ? AND student_id = ? ORDER BY representative_id", { inst, s }))
            out.push_back(r.i64(0));
    return out;
}

object award_json(db::Tx& tx, int64_t inst, int64_t id, Lang lang, bool with_students)
{
    auto r = tx.query_one("SELECT kind, recipient_kind, student_id, shanyrak_id, group_id, team_name, reason, nomination_id, place, published, academic_year, "
                          "seq, issued_on, snapshot_json, document_hash, signature, verification_code FROM awards WHERE institution_id = ? AND id = ?",
        { inst, id });
    if (!r)
        return {};
    auto snap = boost::json::parse(r->str(13)).as_object();
    object o { { "id", id }, { "kind", r->str(0) }, { "kind_name", in_lang(snap.at("kind_names").as_object(), lang) }, { "recipient_kind", r->str(1) },
        { "student_id", r->is_null(2) ? value() : value(r->i64(2)) }, { "shanyrak_id", r->is_null(3) ? value() : value(r->i64(3)) },
        { "group_id", r->is_null(4) ? value() : value(r->i64(4)) }, { "team_name", r->is_null(5) ? value() : value(r->str(5)) },
        { "recipient_name", snap.at("recipient") }, { "reason", r->str(6) }, { "nomination_id", r->is_null(7) ? value() : value(r->i64(7)) },
        { "place", r->is_null(8) ? value() : value(r->i64(8)) }, { "published", r->flag(9) }, { "academic_year", r->str(10) },
        { "order_number", std::to_string(r->i64(11)) + "/" + r->str(10) }, { "issued_on", r->str(12) } };
    if (with_students) {
        o["order"] = object { { "content", snap }, { "document_hash", crypto::to_hex(r->blob(14)) }, { "signature", crypto::to_hex(r->blob(15)) },
            { "verification_code", r->str(16) } };
        array students;
        for (auto& s : tx.query("SELECT person_id FROM award_recipients WHERE institution_id = ? AND award_id = ? ORDER BY person_id", { inst, id }))
            students.push_back(object { { "person_id", s.i64(0) }, { "name", people::name_of(tx, inst, s.i64(0)) } });
        o["students"] = students;
    }
    return o;
}

std::string group_of(db::Tx& tx, int64_t inst, int64_t student)
{
    auto g = tx.query_one("SELECT g.name FROM students s JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id WHERE s.institution_id = ? "
                          "AND s.person_id = ?",
        { inst, student });
    return g ? g->str(0) : std::string();
}

Result<Response> issue_award(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto kind = in.text("kind", Presence::Required, 30);
    auto recipient = in.one_of("recipient_kind", Presence::Required, { "student", "shanyrak", "group", "team" });
    auto student = in.integer("student_id", Presence::Optional, 1, INT64_MAX);
    auto shanyrak = in.integer("shanyrak_id", Presence::Optional, 1, INT64_MAX);
    auto group = in.integer("group_id", Presence::Optional, 1, INT64_MAX);
    auto team = in.text("team_name", Presence::Optional, 200, Lines::Single, 2);
    auto members = in.id_list("member_ids", Presence::Optional, 100);
    auto reason = in.text("reason", Presence::Required, 2000, Lines::Multi, 3);
    auto nomination = in.integer("nomination_id", Presence::Optional, 1, INT64_MAX);
    auto issued = in.date("issued_on", Presence::Optional);
    auto publish = in.boolean("published", Presence::Optional);
    auto today = modules::today(ctx);
    if (issued && issued->iso() > today)
        in.add_error("issued_on", "in_future");
    if (recipient && *recipient == "student" && !student)
        in.add_error("student_id", "required");
    if (recipient && *recipient == "shanyrak" && !shanyrak)
        in.add_error("shanyrak_id", "required");
    if (recipient && *recipient == "group" && !group)
        in.add_error("group_id", "required");
    if (recipient && *recipient == "team" && !team)
        in.add_error("team_name", "required");
    if (recipient && *recipient == "team" && (!members || members->empty()))
        in.add_error("member_ids", "required");
    TRY(in.finish());
    store::AwardDraft d { *kind, *recipient, student, shanyrak, group, team, members.value_or(std::vector<int64_t> {}), *reason, nomination,
        issued ? issued->iso() : today, publish.value_or(false) };
    int64_t inst = ctx.institution_id();
    int64_t id = TRY(ctx.db().write([&](db::Tx& tx) { return store::issue_award({ tx, ctx.clock(), ctx.user().actor(), ctx.services.catalog, ctx.lang, inst }, d); }));
    return ctx.db().read([&](db::Tx& tx) { return Response::created(award_json(tx, inst, id, ctx.lang, true)); });
}

Result<Response> list_awards(Context& ctx)
{
    auto paging = TRY(ctx.paging(100, 500));
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        modules::audit_change(ctx, tx, "award.list", "institution", ctx.institution_id(), nullptr, nullptr);
        array items;
        for (auto& r : tx.query("SELECT id FROM awards WHERE institution_id = ? ORDER BY issued_on DESC, id DESC LIMIT ? OFFSET ?",
                 { ctx.institution_id(), paging.limit, paging.offset }))
            items.push_back(award_json(tx, ctx.institution_id(), r.i64(0), ctx.lang, false));
        return Response::ok(object { { "items", items }, { "limit", paging.limit }, { "offset", paging.offset } });
    });
}

Result<object> read_award(Context& ctx, int64_t id, const char* what)
{
    return ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto o = award_json(tx, ctx.institution_id(), id, ctx.lang, true);
        if (o.empty())
            return Error::not_found();
        // An award names minors (GEN-3): every read is audited.
        modules::audit_change(ctx, tx, "award.read", "award", id, nullptr, what ? value(object { { "pdf", what } }) : value());
        return o;
    });
}

Result<Response> get_award(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto o = TRY(read_award(ctx, id, nullptr));
    o["may_publish"] = authz::allows(policy::publish_award, ctx.facts);
    return Response::ok(o);
}

std::string long_date(Lang lang, const std::string& iso)
{
    auto d = parse_iso_date(iso);
    return d ? i18n::long_date(lang, *d) : iso;
}

std::string render_order(const Catalog& c, Lang lang, const object& s, const std::string& verify_url, const std::string& hash_hex, const std::string& signature_hex)
{
    docs::PdfWriter pdf;
    pdf.language(std::string(lang_code(lang)));
    pdf.number_pages();
    pdf.small(field(s, "institution"));
    auto title = c.format(lang, "awards.order.title", { { "number", s.at("number") } });
    pdf.document_title(title);
    pdf.title(title);
    pdf.paragraph(c.format(lang, "awards.order.date", { { "date", long_date(lang, field(s, "issued_on")) } }));
    if (s.contains("decision") && s.at("decision").is_object()) {
        auto& d = s.at("decision").as_object();
        std::optional<std::string> body_key;
        if (auto k = d.if_contains("body_key"); k && k->is_string())
            body_key = std::string(k->as_string());
        auto body = bodies::display_name(c, lang, field(d, "body"), body_key);
        pdf.paragraph(c.format(lang, "awards.order.decision", { { "body", body }, { "date", long_date(lang, field(d, "held_on")) }, { "protocol", d.at("protocol") } }));
    }
    pdf.heading(c.format(lang, "awards.order.grounds"));
    pdf.paragraph(field(s, "reason"));
    pdf.heading(c.format(lang, "awards.order.ordered"));
    std::string kind = in_lang(s.at("kind_names").as_object(), lang);
    if (!s.at("place").is_null())
        kind += " — " + c.format(lang, "awards.place", { { "place", s.at("place") } });
    pdf.paragraph(c.format(lang, "awards.order.award." + field(s, "recipient_kind"), { { "kind", kind }, { "recipient", s.at("recipient") } }));
    std::vector<std::vector<std::string>> rows { { "№", c.format(lang, "awards.order.student"), c.format(lang, "awards.order.group") } };
    int n = 0;
    for (auto& v : s.at("students").as_array())
        rows.push_back({ std::to_string(++n), field(v.as_object(), "name"), field(v.as_object(), "group") });
    if (n)
        pdf.table(rows, { 0.08, 0.6, 0.32 });
    pdf.paragraph(c.format(lang, "awards.order.inform"));
    pdf.space(24);
    pdf.keep_together(48 + docs::PdfWriter::qr_height);
    pdf.paragraph(c.format(lang, "awards.order.signature"));
    pdf.qr(verify_url, c.format(lang, "protocol.verification", { { "url", verify_url }, { "hash", hash_hex }, { "signature", signature_hex } }));
    return pdf.finish();
}

// The certificate or letter handed over at the ceremony (AWD-5).
std::string render_certificate(const Catalog& c, Lang lang, const object& s, const std::string& verify_url)
{
    docs::PdfWriter pdf;
    pdf.language(std::string(lang_code(lang)));
    std::string kind = in_lang(s.at("kind_names").as_object(), lang);
    pdf.document_title(kind + " — " + field(s, "recipient"));
    pdf.small(field(s, "institution"));
    pdf.space(60);
    pdf.title(kind);
    pdf.space(24);
    pdf.paragraph(c.format(lang, "awards.certificate.awarded." + field(s, "recipient_kind"), { { "recipient", s.at("recipient") } }));
    if (!s.at("place").is_null())
        pdf.heading(c.format(lang, "awards.place", { { "place", s.at("place") } }));
    pdf.paragraph(field(s, "reason"));
    pdf.space(24);
    pdf.paragraph(c.format(lang, "awards.certificate.order", { { "number", s.at("number") }, { "date", long_date(lang, field(s, "issued_on")) } }));
    pdf.space(36);
    pdf.keep_together(48 + docs::PdfWriter::qr_height);
    pdf.paragraph(c.format(lang, "awards.order.signature"));
    pdf.qr(verify_url, c.format(lang, "awards.certificate.verify", { { "url", verify_url } }));
    return pdf.finish();
}

Result<Response> order_pdf(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto lang = TRY(modules::document_lang(ctx));
    auto o = TRY(read_award(ctx, id, "order"));
    auto& order = o.at("order").as_object();
    auto pdf = render_order(ctx.services.catalog, lang, order.at("content").as_object(), modules::base_url(ctx) + "/verify/" + field(order, "verification_code"),
        field(order, "document_hash"), field(order, "signature"));
    return modules::pdf_response(std::move(pdf), "award-order-" + std::to_string(id), lang);
}

Result<Response> certificate_pdf(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto lang = TRY(modules::document_lang(ctx));
    auto o = TRY(read_award(ctx, id, "certificate"));
    auto& order = o.at("order").as_object();
    auto pdf = render_certificate(ctx.services.catalog, lang, order.at("content").as_object(), modules::base_url(ctx) + "/verify/" + field(order, "verification_code"));
    return modules::pdf_response(std::move(pdf), "award-" + std::to_string(id), lang);
}

Result<Response> set_publication(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto published = in.boolean("published", Presence::Required);
    TRY(in.finish());
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        tx.exec("UPDATE awards SET published = ? WHERE institution_id = ? AND id = ?", { *published ? 1 : 0, ctx.institution_id(), id });
        modules::audit_change(ctx, tx, "award.publish", "award", id, nullptr, object { { "published", *published } });
        auto o = award_json(tx, ctx.institution_id(), id, ctx.lang, false);
        o["may_publish"] = true;
        return Response::ok(o);
    });
}

// AWD-1 "publication on the website": what the institution chose to publish; names of the
// recipients and the kind only, never the reasons' personal details beyond what was published.
Result<Response> public_awards(Context& ctx)
{
    int64_t inst = TRY(ctx.id_param("institution_id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto i = tx.query_one("SELECT name FROM institutions WHERE id = ?", { inst });
        if (!i)
            return Error::not_found();
        array items;
        for (auto& r : tx.query("SELECT id FROM awards WHERE institution_id = ? AND published = 1 ORDER BY issued_on DESC, id DESC LIMIT 200", { inst })) {
            auto a = award_json(tx, inst, r.i64(0), ctx.lang, false);
            items.push_back(object { { "id", a["id"] }, { "kind", a["kind"] }, { "kind_name", a["kind_name"] }, { "recipient_kind", a["recipient_kind"] },
                { "recipient_name", a["recipient_name"] }, { "reason", a["reason"] }, { "place", a["place"] }, { "academic_year", a["academic_year"] },
                { "issued_on", a["issued_on"] } });
        }
        return Response::ok(object { { "institution", i->str(0) }, { "items", items } });
    });
}

Result<Response> verify_award_order(Context& ctx) { return modules::verify_order(ctx, { "awards", code_tag, "award_order" }); }

// The overview's awards section: the student's awards, newest first (AWD-5 "the personal record").
value awards_section(db::Tx& tx, const Viewer& v, const authz::Facts&, int64_t person)
{
    int64_t inst = v.user.institution_id;
    array items;
    for (auto& r : tx.query("SELECT a.id FROM award_recipients x JOIN awards a ON a.institution_id = x.institution_id AND a.id = x.award_id "
                            "WHERE x.institution_id = ? AND x.person_id = ? ORDER BY a.issued_on DESC, a.id DESC LIMIT 50",
             { inst, person })) {
        auto a = award_json(tx, inst, r.i64(0), v.lang, false);
        items.push_back(object { { "id", a["id"] }, { "kind", a["kind"] }, { "kind_name", a["kind_name"] }, { "recipient_name", a["recipient_name"] },
            { "place", a["place"] }, { "order_number", a["order_number"] }, { "issued_on", a["issued_on"] } });
    }
    return object { { "awards", items } };
}

}

void detail::register_award_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/awards", manage_perm, policy::list_awards, Body::None, list_awards);
    r.router.add("POST", "/api/v1/awards", manage_perm, policy::issue_award, Body::Json, issue_award);
    r.router.add("GET", "/api/v1/awards/{id}", read_perm, policy::read_award, Body::None, get_award);
    r.router.add("GET", "/api/v1/awards/{id}/order.pdf", read_perm, policy::read_award, Body::None, order_pdf);
    r.router.add("GET", "/api/v1/awards/{id}/certificate.pdf", read_perm, policy::read_award, Body::None, certificate_pdf);
    r.router.add("PUT", "/api/v1/awards/{id}/publication", manage_perm, policy::publish_award, Body::Json, set_publication);
    r.router.add("GET", "/api/v1/public/institutions/{institution_id}/awards", perm::Public, authz::anyone, Body::None, public_awards);
    r.router.add("GET", "/api/v1/public/award-orders/{code}", perm::Public, authz::anyone, Body::None, verify_award_order);
    r.person_sections.push_back({ "awards", &policy::person_awards, awards_section });
}

}

namespace kenes::awards::store {

Result<int64_t> issue_award(const Env& e, const AwardDraft& d)
{
    auto& tx = e.tx;
    int64_t inst = e.inst;
    auto names = kind_names(tx, e.catalog, inst, d.kind);
    if (!names)
        return Error::field("kind", "not_found");
    // AWD-1: personal and collective awards, each kind to whom it goes.
    if (!recipient_allowed(d.kind, d.recipient_kind))
        return Error::rule_refusal("AWD-1", "rule.awards.recipient", { { "kind", d.kind } }, "recipient_kind");
    std::optional<int64_t> place;
    std::optional<object> decision;
    if (is_contest(d.kind)) {
        const char* rule = d.kind == "student_of_year" ? "AWD-3" : "AWD-4";
        // AWD-3, AWD-4: the commission picks; the award follows its places.
        if (!d.nomination_id)
            return Error::rule_refusal(rule, "rule.awards.not_placed", {}, "nomination_id");
        auto n = tx.query_one("SELECT contest, student_id, shanyrak_id, commission_body_id, academic_year FROM award_nominations WHERE institution_id = ? AND id = ?",
            { inst, *d.nomination_id });
        if (!n || n->str(0) != d.kind)
            return Error::field("nomination_id", "not_found");
        auto s = tx.query_one("SELECT result_json, meeting_id FROM award_sessions WHERE institution_id = ? AND commission_body_id = ? AND academic_year = ? "
                              "AND contest = ? AND status = 'closed'",
            { inst, n->i64(3), n->str(4), d.kind });
        // The parsed result must outlive the loop (a temporary in the range expression would not).
        boost::json::value result = s ? boost::json::parse(s->str(0)) : boost::json::value();
        if (s)
            for (auto& row : result.as_object().at("standings").as_array())
                if (row.as_object().at("nomination_id").as_int64() == *d.nomination_id && !row.as_object().at("place").is_null())
                    place = row.as_object().at("place").as_int64();
        if (!place)
            return Error::rule_refusal(rule, "rule.awards.not_placed", {}, "nomination_id");
        if (tx.query_one("SELECT 1 FROM awards WHERE institution_id = ? AND nomination_id = ?", { inst, *d.nomination_id }))
            return Error { ErrorCode::Conflict, "awards.award.exists" };
        if (d.kind == "student_of_year" && (!d.student_id || *d.student_id != n->i64(1)))
            return Error::field("student_id", "not_nominee");
        if (d.kind == "shanyrak_of_year" && (!d.shanyrak_id || *d.shanyrak_id != n->i64(2)))
            return Error::field("shanyrak_id", "not_nominee");
        auto m = tx.query_one("SELECT m.number, m.held_on, b.name, b.name_key FROM meetings m JOIN bodies b ON b.institution_id = m.institution_id AND b.id = m.body_id "
                              "WHERE m.institution_id = ? AND m.id = ?",
            { inst, s->i64(1) });
        if (m)
            // The commission's name from its template is kept as its key, so that each language of the
            // order names it in that language (GEN-1); a typed name is the same in all.
            decision = object { { "protocol", m->i64(0) }, { "held_on", m->str(1) }, { "body", m->str(2) },
                { "body_key", m->is_null(3) ? value(nullptr) : value(m->str(3)) } };
    } else if (d.nomination_id)
        return Error::field("nomination_id", "invalid");
    // The students in whose record it is written.
    std::vector<int64_t> students;
    std::string recipient_name;
    if (d.recipient_kind == "student") {
        if (!people::is_student(tx, inst, *d.student_id))
            return Error::field("student_id", "not_found");
        students.push_back(*d.student_id);
        recipient_name = people::name_of(tx, inst, *d.student_id);
    } else if (d.recipient_kind == "shanyrak") {
        recipient_name = store::shanyrak_name(tx, inst, *d.shanyrak_id);
        if (!tx.query_one("SELECT 1 FROM shanyraks WHERE institution_id = ? AND id = ?", { inst, *d.shanyrak_id }))
            return Error::field("shanyrak_id", "not_found");
        for (auto& r : tx.query("SELECT m.person_id FROM shanyrak_members m JOIN students s ON s.institution_id = m.institution_id AND s.person_id = m.person_id "
                                "WHERE m.institution_id = ? AND m.shanyrak_id = ? ORDER BY m.person_id",
                 { inst, *d.shanyrak_id }))
            students.push_back(r.i64(0));
    } else if (d.recipient_kind == "group") {
        auto g = tx.query_one("SELECT name FROM groups WHERE institution_id = ? AND id = ?", { inst, *d.group_id });
        if (!g)
            return Error::field("group_id", "not_found");
        recipient_name = g->str(0);
        for (auto& r : tx.query("SELECT person_id FROM students WHERE institution_id = ? AND group_id = ? AND status = 'studying' ORDER BY person_id", { inst, *d.group_id }))
            students.push_back(r.i64(0));
    } else {
        recipient_name = *d.team_name;
        for (size_t i = 0; i < d.member_ids.size(); ++i)
            if (!people::is_student(tx, inst, d.member_ids[i]))
                return Error::field("member_ids." + std::to_string(i), "not_found");
        students = d.member_ids;
    }
    auto year = academic_year_of(*parse_iso_date(d.issued_on));
    int64_t seq = tx.query_one("SELECT coalesce(max(seq), 0) + 1 FROM awards WHERE institution_id = ? AND academic_year = ?", { inst, year })->i64(0);
    auto institution = tx.query_one("SELECT name FROM institutions WHERE id = ?", { inst });
    std::string number = std::to_string(seq) + "/" + year;
    array listed;
    for (auto s : students)
        listed.push_back(object { { "name", people::name_of(tx, inst, s) }, { "group", group_of(tx, inst, s) } });
    object content { { "institution", institution ? institution->str(0) : std::string() }, { "kind", d.kind }, { "kind_names", *names },
        { "number", number }, { "academic_year", year }, { "issued_on", d.issued_on }, { "recipient_kind", d.recipient_kind }, { "recipient", recipient_name },
        { "reason", d.reason }, { "place", modules::json_or_null(place) }, { "students", listed },
        { "decision", decision ? value(*decision) : value(nullptr) } };
    std::string snapshot = boost::json::serialize(content);
    std::string hash = signing::sha256(snapshot);
    auto sig = signing::sign(tx, inst, hash);
    std::string code = signing::verification_code(inst, code_tag);
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO awards (institution_id, id, kind, recipient_kind, student_id, shanyrak_id, group_id, team_name, reason, nomination_id, place, published, "
            "academic_year, seq, issued_on, snapshot_json, document_hash, signature, public_key, verification_code, created_by, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        { inst, id, d.kind, d.recipient_kind, d.recipient_kind == "student" ? db::nullable(d.student_id) : db::Value(),
            d.recipient_kind == "shanyrak" ? db::nullable(d.shanyrak_id) : db::Value(), d.recipient_kind == "group" ? db::nullable(d.group_id) : db::Value(),
            d.recipient_kind == "team" ? db::nullable(d.team_name) : db::Value(), d.reason, db::nullable(d.nomination_id), db::nullable(place), d.published ? 1 : 0,
            year, seq, d.issued_on, snapshot, db::Blob { hash }, db::Blob { sig.signature }, db::Blob { sig.public_key }, code, db::nullable(e.actor.user_id), e.clock.now() });
    // AWD-5: written in the personal record of each student (one may hold several awards).
    for (auto s : students)
        tx.exec("INSERT INTO award_recipients (institution_id, award_id, person_id) VALUES (?, ?, ?)", { inst, id, s });
    audit::record(e.tx, e.clock, { e.inst, e.actor, "award.issue", "award", id, nullptr, object { { "kind", d.kind }, { "number", number }, { "students", int64_t(students.size()) }, { "document_hash", crypto::to_hex(hash) } } });
    // AWD-5, REP-1: the students and their representatives are informed; each delivery is logged.
    auto concerned = students;
    for (auto r : representatives_of(tx, inst, students))
        concerned.push_back(r);
    notifications::notify_each(tx, e.clock, inst, concerned, "award", "award:" + std::to_string(id),
        object { { "award_id", id }, { "number", number }, { "issued_on", d.issued_on }, { "recipient", recipient_name } });
    return id;

}

}
