// Protocols (MTG-7): closing a session freezes its record; every member present signs it; when
// all have signed it becomes final and immutable, its hash is signed with the institution's
// Ed25519 key, and the PDF carries a QR code to a public verification page.
#include "core/json_fields.hpp"
#include "modules/bodies/policy.hpp"
#include "docs/pdf.hpp"
#include "i18n/dates.hpp"
#include "modules/bodies/templates.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/bodies/notices.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include "security/crypto.hpp"
#include "security/signing.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace kenes::bodies {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

using people::full_name;

// Everything the protocol states, frozen when the session is closed.
object snapshot(db::Tx& tx, int64_t inst, int64_t meeting_id)
{
    auto m = tx.query_one("SELECT m.number, m.academic_year, m.held_on, m.place, b.name, b.id, i.name, m.extraordinary FROM meetings m "
                          "JOIN bodies b ON b.institution_id = m.institution_id AND b.id = m.body_id JOIN institutions i ON i.id = m.institution_id "
                          "WHERE m.institution_id = ? AND m.id = ?",
        { inst, meeting_id });
    array present, absent;
    int64_t voting_members = 0, voting_present = 0;
    for (auto& r : tx.query("SELECT ms.person_id, ms.position, ms.voting, p.surname, p.name, p.patronymic, a.present FROM memberships ms "
                            "JOIN persons p ON p.institution_id = ms.institution_id AND p.id = ms.person_id "
                            "LEFT JOIN attendance a ON a.institution_id = ms.institution_id AND a.meeting_id = ? AND a.person_id = ms.person_id "
                            "WHERE ms.institution_id = ? AND ms.body_id = ? AND ms.starts_on <= ? AND (ms.ends_on IS NULL OR ms.ends_on >= ?) ORDER BY ms.id",
             { meeting_id, inst, m->i64(5), m->str(2), m->str(2) })) {
        object p { { "person_id", r.i64(0) }, { "full_name", full_name(r, 3) }, { "position", r.str(1) }, { "voting", r.flag(2) } };
        voting_members += r.flag(2);
        if (r.flag(6)) {
            voting_present += r.flag(2);
            present.push_back(std::move(p));
        } else {
            absent.push_back(std::move(p));
        }
    }
    auto rules = rules_on(tx, inst, m->i64(5), m->str(2));
    auto q = check_quorum(rules, voting_members, voting_present);
    array items;
    for (auto& r : tx.query("SELECT id, position, kind, title, motion, secret, vote_status, outcome, yes_votes, no_votes, abstentions FROM agenda_items "
                            "WHERE institution_id = ? AND meeting_id = ? ORDER BY position, id",
             { inst, meeting_id })) {
        array recused, dissents;
        for (auto& x : tx.query("SELECT p.surname, p.name, p.patronymic FROM interests i JOIN persons p ON p.institution_id = i.institution_id AND p.id = i.person_id "
                                "WHERE i.institution_id = ? AND i.item_id = ? ORDER BY p.sort_kk, p.id",
                 { inst, r.i64(0) }))
            recused.emplace_back(full_name(x, 0));
        for (auto& d : tx.query("SELECT p.surname, p.name, p.patronymic, d.text FROM dissents d JOIN persons p ON p.institution_id = d.institution_id AND p.id = d.person_id "
                                "WHERE d.institution_id = ? AND d.item_id = ? ORDER BY p.sort_kk, p.id",
                 { inst, r.i64(0) }))
            dissents.push_back(object { { "full_name", full_name(d, 0) }, { "text", d.str(3) } });
        object item { { "position", r.i64(1) }, { "kind", r.str(2) }, { "title", r.str(3) }, { "motion", r.str(4) }, { "secret", r.flag(5) },
            { "voted", r.str(6) == "closed" }, { "recused", recused }, { "dissents", dissents } };
        if (r.str(6) == "closed") {
            item["outcome"] = r.str(7);
            item["counts"] = object { { "yes", r.i64(8) }, { "no", r.i64(9) }, { "abstain", r.i64(10) } };
        }
        items.push_back(std::move(item));
    }
    return { { "institution", m->str(6) }, { "body", m->str(4) }, { "number", m->i64(0) }, { "academic_year", m->str(1) }, { "held_on", m->str(2) },
        { "place", m->str(3) }, { "extraordinary", m->flag(7) }, { "present", present }, { "absent", absent },
        { "quorum", object { { "present", q.present }, { "base", q.base }, { "needed", q.needed }, { "met", q.met }, { "rule", q.rule->rule },
                        { "comparison", q.rule->comparison == Threshold::Comparison::MoreThan ? "more_than" : "at_least" },
                        { "numerator", q.rule->numerator }, { "denominator", q.rule->denominator } } },
        { "items", items } };
}

struct Protocol {
    std::string status, snapshot, verification_code;
    std::string hash, signature, public_key;
    int64_t finalized_at = 0;
    bool is_public = false;
};

std::optional<Protocol> load_protocol(db::Tx& tx, int64_t inst, int64_t meeting_id)
{
    auto r = tx.query_one("SELECT status, snapshot_json, verification_code, document_hash, signature, public_key, finalized_at, public FROM protocols "
                          "WHERE institution_id = ? AND meeting_id = ?",
        { inst, meeting_id });
    if (!r)
        return std::nullopt;
    return Protocol { r->str(0), r->str(1), r->str(2), r->blob(3), r->blob(4), r->blob(5), r->is_null(6) ? 0 : r->i64(6), r->flag(7) };
}

std::vector<std::pair<int64_t, int64_t>> signatures_of(db::Tx& tx, int64_t inst, int64_t meeting_id)
{
    std::vector<std::pair<int64_t, int64_t>> out;
    for (auto& r : tx.query("SELECT person_id, signed_at FROM protocol_signatures WHERE institution_id = ? AND meeting_id = ?", { inst, meeting_id }))
        out.emplace_back(r.i64(0), r.i64(1));
    return out;
}

object protocol_json(db::Tx& tx, int64_t inst, int64_t meeting_id, const Protocol& p)
{
    auto snap = boost::json::parse(p.snapshot).as_object();
    auto sigs = signatures_of(tx, inst, meeting_id);
    array signers;
    for (auto& person : snap["present"].as_array()) {
        int64_t id = person.as_object().at("person_id").as_int64();
        auto it = std::find_if(sigs.begin(), sigs.end(), [&](auto& s) { return s.first == id; });
        signers.push_back(object { { "person_id", id }, { "full_name", person.as_object().at("full_name") },
            { "signed_at", it == sigs.end() ? boost::json::value(nullptr) : boost::json::value(almaty::iso_datetime(it->second)) } });
    }
    object out { { "meeting_id", meeting_id }, { "status", p.status }, { "number", snap["number"] }, { "signers", signers }, { "snapshot", snap },
        { "public", p.is_public } };
    if (p.status == "final") {
        out["verification_code"] = p.verification_code;
        out["document_hash"] = crypto::to_hex(p.hash);
        out["signature"] = crypto::to_hex(p.signature);
        out["finalized_at"] = almaty::iso_datetime(p.finalized_at);
    }
    return out;
}

}

// A session closed outside a request (demo data): its draft protocol, frozen as close_meeting does.
void draft_protocol(db::Tx& tx, const Clock& clock, int64_t inst, int64_t meeting_id)
{
    tx.exec("INSERT INTO protocols (institution_id, meeting_id, status, snapshot_json, created_at) VALUES (?, ?, 'draft', ?, ?)",
        { inst, meeting_id, boost::json::serialize(snapshot(tx, inst, meeting_id)), clock.now() });
}

namespace {

Result<Response> close_meeting(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto m = tx.query_one("SELECT status, held_on, starts_at FROM meetings WHERE institution_id = ? AND id = ?", { inst, id });
        if (!m)
            return Error::not_found();
        if (m->str(0) != "open")
            return Error::rule_refusal("MTG-7", "rule.meeting_closed");
        // MTG-1: a session that has not started yet has nothing to put in a protocol.
        if (!session_started(m->str(1), m->str(2), almaty::iso_datetime(ctx.clock().now())))
            return Error::rule_refusal("MTG-1", "rule.session_not_started", { { "date", m->str(1) }, { "time", m->str(2) } });
        if (tx.query_one("SELECT 1 FROM agenda_items WHERE institution_id = ? AND meeting_id = ? AND vote_status = 'open'", { inst, id }))
            return Error::rule_refusal("MTG-7", "rule.votes_still_open");
        tx.exec("UPDATE meetings SET status = 'closed' WHERE institution_id = ? AND id = ?", { inst, id });
        auto snap = snapshot(tx, inst, id);
        tx.exec("INSERT INTO protocols (institution_id, meeting_id, status, snapshot_json, created_at) VALUES (?, ?, 'draft', ?, ?)",
            { inst, id, boost::json::serialize(snap), ctx.clock().now() });
        modules::audit_change(ctx, tx, "meeting.close", "meeting", id, nullptr, object { { "protocol", "draft" } });
        notices::protocol_to_sign(tx, ctx.clock(), inst, id);
        return protocol_json(tx, inst, id, *load_protocol(tx, inst, id));
    }));
    return Response::created(out);
}

Result<Response> get_protocol(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto p = load_protocol(tx, ctx.institution_id(), id);
        if (!p)
            return Error::not_found();
        return Response::ok(protocol_json(tx, ctx.institution_id(), id, *p));
    });
}

Result<Response> sign_protocol(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto person = ctx.user().person_id;
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto p = load_protocol(tx, inst, id);
        if (!p)
            return Error::not_found();
        if (p->status == "final")
            return Error::rule_refusal("MTG-7", "rule.protocol_final");
        auto snap = boost::json::parse(p->snapshot).as_object();
        auto& present = snap["present"].as_array();
        // MTG-4 / MTG-7: the protocol is signed by the members present.
        bool was_present = person && std::any_of(present.begin(), present.end(), [&](auto& x) { return x.as_object().at("person_id").as_int64() == *person; });
        if (!was_present)
            return Error::rule_refusal("MTG-7", "rule.not_present_signer");
        tx.exec("INSERT INTO protocol_signatures (institution_id, meeting_id, person_id, signed_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            { inst, id, *person, ctx.clock().now() });
        modules::audit_change(ctx, tx, "protocol.sign", "meeting", id, nullptr, object { { "person_id", *person } });
        if (signatures_of(tx, inst, id).size() == present.size()) {
            // Final: the hash covers the frozen record; the institution signs the hash.
            std::string hash = signing::sha256(p->snapshot);
            auto sig = signing::sign(tx, inst, hash);
            std::string code = signing::verification_code(inst, 'z');
            tx.exec("UPDATE protocols SET status = 'final', document_hash = ?, signature = ?, public_key = ?, verification_code = ?, finalized_at = ? "
                    "WHERE institution_id = ? AND meeting_id = ?",
                { db::Blob { hash }, db::Blob { sig.signature }, db::Blob { sig.public_key }, code, ctx.clock().now(), inst, id });
            modules::audit_change(ctx, tx, "protocol.final", "meeting", id, nullptr, object { { "document_hash", crypto::to_hex(hash) } });
            notices::protocol_final(tx, ctx.clock(), inst, id);
        }
        return protocol_json(tx, inst, id, *load_protocol(tx, inst, id));
    }));
    return Response::ok(out);
}

std::string position_name(const Catalog& c, Lang lang, const std::string& position) { return c.format(lang, "body.position." + position); }

std::string render_pdf(const Catalog& c, Lang lang, const Protocol& p, const std::vector<std::pair<int64_t, int64_t>>& sigs, const std::string& verify_url)
{
    auto snap = boost::json::parse(p.snapshot).as_object();
    auto str = [](const boost::json::value& v) { return std::string(v.as_string()); };
    docs::PdfWriter pdf;
    pdf.language(std::string(lang_code(lang)));
    // "1 / 3" on each page: a page lost from a printed protocol shows.
    pdf.number_pages();
    pdf.small(str(snap["institution"]));
    // DISC-PEN-3: an extraordinary session's protocol says so in its title (protocols frozen
    // before sessions could be extraordinary have no flag: ordinary).
    auto* extra = snap.if_contains("extraordinary");
    bool extraordinary = extra && extra->is_bool() && extra->as_bool();
    pdf.title(c.format(lang, extraordinary ? "protocol.title_extraordinary" : "protocol.title", { { "number", snap["number"] } }));
    pdf.paragraph(c.format(lang, extraordinary ? "protocol.extraordinary_session_of" : "protocol.session_of",
        { { "body", snap["body"] }, { "year", snap["academic_year"] } }));
    // Dates as each language writes them, not ISO strings.
    auto held = parse_iso_date(str(snap["held_on"]));
    pdf.paragraph(c.format(lang, "protocol.date_place", { { "date", held ? i18n::long_date(lang, *held) : str(snap["held_on"]) }, { "place", snap["place"] } }));
    if (p.status != "final")
        pdf.heading(c.format(lang, "protocol.draft"));
    auto people_table = [&](const char* key, const boost::json::array& list) {
        pdf.heading(c.format(lang, key, { { "count", int64_t(list.size()) } }));
        std::vector<std::vector<std::string>> rows { { c.format(lang, "protocol.column_name"), c.format(lang, "protocol.column_position") } };
        for (auto& x : list)
            rows.push_back({ str(x.as_object().at("full_name")), position_name(c, lang, str(x.as_object().at("position"))) });
        if (list.size())
            pdf.table(rows, { 0.6, 0.4 });
    };
    people_table("protocol.present", snap["present"].as_array());
    people_table("protocol.absent", snap["absent"].as_array());
    auto& q = snap["quorum"].as_object();
    object qp { { "present", q.at("present") }, { "base", q.at("base") }, { "needed", q.at("needed") }, { "comparison", q.at("comparison") },
        { "numerator", q.at("numerator") }, { "denominator", q.at("denominator") }, { "met", q.at("met").as_bool() ? "true" : "false" } };
    // The quorum is its own section: whether the session could decide anything at all.
    pdf.heading(c.format(lang, "protocol.quorum"));
    pdf.paragraph(c.format(lang, "body.quorum.explanation", qp) + " (" + str(q.at("rule")) + ")");
    pdf.heading(c.format(lang, "protocol.agenda"));
    for (auto& v : snap["items"].as_array()) {
        auto& item = v.as_object();
        pdf.paragraph(std::to_string(item.at("position").as_int64()) + ". " + str(item.at("title")));
        pdf.paragraph(c.format(lang, "protocol.motion", { { "motion", item.at("motion") } }));
        if (item.at("secret").as_bool())
            pdf.small(c.format(lang, "protocol.secret"));
        if (item.at("voted").as_bool()) {
            auto& counts = item.at("counts").as_object();
            pdf.paragraph(c.format(lang, "protocol.result",
                { { "outcome", item.at("outcome") }, { "yes", counts.at("yes") }, { "no", counts.at("no") }, { "abstain", counts.at("abstain") } }));
        } else {
            pdf.paragraph(c.format(lang, "protocol.no_vote"));
        }
        std::string names;
        for (auto& n : item.at("recused").as_array())
            names += (names.empty() ? "" : ", ") + str(n);
        if (!names.empty())
            pdf.small(c.format(lang, "protocol.recused", { { "names", names } }));
        for (auto& d : item.at("dissents").as_array())
            pdf.paragraph(c.format(lang, "protocol.dissent", { { "name", d.as_object().at("full_name") }, { "text", d.as_object().at("text") } }));
        pdf.space(4);
    }
    pdf.heading(c.format(lang, "protocol.signatures"));
    std::vector<std::vector<std::string>> rows { { c.format(lang, "protocol.column_name"), c.format(lang, "protocol.column_position"),
        c.format(lang, "protocol.column_signature") } };
    for (auto& x : snap["present"].as_array()) {
        auto& person = x.as_object();
        int64_t id = person.at("person_id").as_int64();
        auto it = std::find_if(sigs.begin(), sigs.end(), [&](auto& s) { return s.first == id; });
        rows.push_back({ str(person.at("full_name")), position_name(c, lang, str(person.at("position"))),
            it == sigs.end() ? c.format(lang, "protocol.not_signed") : c.format(lang, "protocol.signed_at", { { "at", i18n::long_date_time(lang, it->second) } }) });
    }
    pdf.table(rows, { 0.42, 0.28, 0.30 });
    // The closing block, as paper protocols end: who chaired and who kept the minutes, each with
    // a line to sign on (an empty name when nobody in that position attended).
    auto holder = [&](auto is_position) {
        for (auto& x : snap["present"].as_array())
            if (is_position(str(x.as_object().at("position"))))
                return str(x.as_object().at("full_name"));
        return std::string {};
    };
    pdf.space(8);
    // The chair's and the secretary's lines are signed together, and the verification code
    // vouches for the pages before it: the closing block and the QR are never split by a page break.
    pdf.keep_together(48 + (p.status == "final" ? docs::PdfWriter::qr_height : 0));
    pdf.paragraph(c.format(lang, "protocol.closing.chair", { { "name", holder([](const std::string& pos) { return chairs(pos); }) } }));
    pdf.paragraph(c.format(lang, "protocol.closing.secretary", { { "name", holder([](const std::string& pos) { return pos == "secretary"; }) } }));
    if (p.status == "final")
        pdf.qr(verify_url, c.format(lang, "protocol.verification",
                               { { "url", verify_url }, { "hash", crypto::to_hex(p.hash) }, { "signature", crypto::to_hex(p.signature) } }));
    return pdf.finish();
}

Result<Response> protocol_pdf(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    Lang lang = TRY(modules::document_lang(ctx));
    auto [p, sigs] = TRY(ctx.db().read([&](db::Tx& tx) -> Result<std::pair<Protocol, std::vector<std::pair<int64_t, int64_t>>>> {
        auto p = load_protocol(tx, ctx.institution_id(), id);
        if (!p)
            return Error::not_found();
        return std::pair { *p, signatures_of(tx, ctx.institution_id(), id) };
    }));
    return modules::pdf_response(render_pdf(ctx.services.catalog, lang, p, sigs, modules::base_url(ctx) + "/verify/" + p.verification_code),
        "protocol-" + std::to_string(id), lang);
}

// PLAN-4: a final protocol can be marked public by those who run the body.
Result<Response> publish_protocol(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto is_public = in.boolean("public", Presence::Required);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto p = load_protocol(tx, inst, id);
        if (!p)
            return Error::not_found();
        if (p->status != "final")
            return Error::rule_refusal("MTG-7", "rule.protocol_not_final");
        // A confidential commission's protocol names minors' cases: it is never published (GEN-3).
        if (*is_public && ctx.facts.is(authz::Flag::Confidential))
            return Error::rule_refusal("GEN-3", "rule.confidential_protocol", {}, "public");
        tx.exec("UPDATE protocols SET public = ? WHERE institution_id = ? AND meeting_id = ?", { int64_t(*is_public), inst, id });
        modules::audit_change(ctx, tx, "protocol.publish", "meeting", id, nullptr, object { { "public", *is_public } });
        return protocol_json(tx, inst, id, *load_protocol(tx, inst, id));
    }));
    return Response::ok(out);
}

// Public: anyone holding a printed protocol checks it. Only what the printout shows is revealed.
Result<Response> verify_protocol(Context& ctx)
{
    auto code = ctx.params.at("code");
    auto institution = signing::institution_of_code(code, 'z');
    if (!institution)
        return Error::not_found();
    int64_t inst = *institution;
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto r = tx.query_one("SELECT p.snapshot_json, p.document_hash, p.signature, p.public_key, p.finalized_at FROM protocols p "
                              "WHERE p.institution_id = ? AND p.verification_code = ? AND p.status = 'final'",
            { inst, code });
        if (!r)
            return Error::not_found();
        std::string snap = r->str(0), hash = r->blob(1);
        bool intact = signing::sha256(snap) == hash && signing::verify(r->blob(3), hash, r->blob(2));
        auto s = boost::json::parse(snap).as_object();
        return Response::ok(object { { "valid", intact }, { "institution", s["institution"] }, { "body", s["body"] }, { "number", s["number"] },
            { "academic_year", s["academic_year"] }, { "held_on", s["held_on"] }, { "document_hash", crypto::to_hex(hash) },
            { "signature", crypto::to_hex(r->blob(2)) }, { "public_key", crypto::to_hex(r->blob(3)) }, { "signers", int64_t(s["present"].as_array().size()) },
            { "finalized_at", almaty::iso_datetime(r->i64(4)) } });
    });
}

}

void detail::register_protocol_routes(Registry& r)
{
    r.router.add("POST", "/api/v1/meetings/{id}/close", "meetings.run", policy::run_meeting, Body::Json, close_meeting);
    r.router.add("GET", "/api/v1/meetings/{id}/protocol", "bodies.read", policy::read_meeting, Body::None, get_protocol);
    r.router.add("POST", "/api/v1/meetings/{id}/protocol/sign", perm::Self, policy::sign_protocol, Body::Json, sign_protocol);
    r.router.add("GET", "/api/v1/meetings/{id}/protocol.pdf", "bodies.read", policy::read_meeting, Body::None, protocol_pdf);
    r.router.add("PUT", "/api/v1/meetings/{id}/protocol/public", "meetings.run", policy::run_meeting, Body::Json, publish_protocol);
    r.router.add("GET", "/api/v1/public/protocols/{code}", perm::Public, authz::anyone, Body::None, verify_protocol);
}

}
