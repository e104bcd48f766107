// Instructions to the Secretariat (ORG-11): decisions of the Council (an adopted agenda item of
// one of its sessions) and instructions of the President bind the Secretariat. Each is tracked
// with an assignee of the Secretariat, a deadline and a status with its history until done; the
// overdue ones are flagged. The Secretariat's reports to the Council become its agenda items.
#include "core/json_fields.hpp"
#include "modules/bodies/bodies.hpp"
#include "modules/bodies/templates.hpp"
#include "modules/instructions/instructions.hpp"
#include "modules/instructions/policy.hpp"
#include "modules/instructions/rules.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include <boost/json/array.hpp>

namespace kenes::instructions {

using namespace http;
using boost::json::array;
using boost::json::object;
using modules::json_or_null;

namespace {

constexpr const char* read_perm = "bodies.read";
constexpr const char* run_perm = "meetings.run";

Status status_of(const std::string& s)
{
    Status out = Status::Issued;
    parse_status(s, out);
    return out;
}

constexpr const char* select_instruction
    = "SELECT x.id, x.body_id, b.name, b.name_key, x.secretariat_id, s.name, s.name_key, x.source, x.agenda_item_id, i.title, "
      "x.issued_by, ip.surname, ip.name, ip.patronymic, x.text, x.assignee_id, ap.surname, ap.name, ap.patronymic, x.deadline, x.status, x.created_at "
      "FROM instructions x JOIN bodies b ON b.institution_id = x.institution_id AND b.id = x.body_id "
      "JOIN bodies s ON s.institution_id = x.institution_id AND s.id = x.secretariat_id "
      "JOIN persons ap ON ap.institution_id = x.institution_id AND ap.id = x.assignee_id "
      "LEFT JOIN persons ip ON ip.institution_id = x.institution_id AND ip.id = x.issued_by "
      "LEFT JOIN agenda_items i ON i.institution_id = x.institution_id AND i.id = x.agenda_item_id ";

object instruction_json(const Catalog& catalog, Lang lang, const db::Row& r, const std::string& today)
{
    auto status = r.str(20);
    return { { "id", r.i64(0) }, { "body_id", r.i64(1) }, { "body_name", bodies::display_name(catalog, lang, r.str(2), r.opt_str(3)) },
        { "secretariat_id", r.i64(4) }, { "secretariat_name", bodies::display_name(catalog, lang, r.str(5), r.opt_str(6)) }, { "source", r.str(7) },
        { "agenda_item_id", json_or_null(r.opt_i64(8)) }, { "agenda_item_title", json_or_null(r.opt_str(9)) },
        { "issued_by", json_or_null(r.opt_i64(10)) },
        { "issued_by_name", r.is_null(10) ? boost::json::value(nullptr) : boost::json::value(people::full_name(r, 11)) }, { "text", r.str(14) },
        { "assignee_id", r.i64(15) }, { "assignee_name", people::full_name(r, 16) }, { "deadline", r.str(19) }, { "status", status },
        { "overdue", overdue(status_of(status), r.str(19), today) }, { "created_at", r.i64(21) } };
}

std::optional<object> load(db::Tx& tx, const Context& ctx, int64_t id, bool with_history)
{
    int64_t inst = ctx.institution_id();
    auto r = tx.query_one(std::string(select_instruction) + "WHERE x.institution_id = ? AND x.id = ?", { inst, id });
    if (!r)
        return std::nullopt;
    auto out = instruction_json(ctx.services.catalog, ctx.lang, *r, modules::today(ctx));
    if (with_history) {
        array history;
        for (auto& h : tx.query("SELECT e.seq, e.status, e.note, e.person_id, p.surname, p.name, p.patronymic, e.at FROM instruction_events e "
                                "LEFT JOIN persons p ON p.institution_id = e.institution_id AND p.id = e.person_id "
                                "WHERE e.institution_id = ? AND e.instruction_id = ? ORDER BY e.seq",
                 { inst, id }))
            history.push_back(object { { "status", h.str(1) }, { "note", h.str(2) }, { "person_id", json_or_null(h.opt_i64(3)) },
                { "person_name", h.is_null(3) ? boost::json::value(nullptr) : boost::json::value(people::full_name(h, 4)) }, { "at", h.i64(7) } });
        out["history"] = std::move(history);
    }
    return out;
}

void add_event(db::Tx& tx, const Context& ctx, int64_t id, Status status, const std::string& note)
{
    int64_t inst = ctx.institution_id();
    int64_t seq = tx.query_one("SELECT count(*) FROM instruction_events WHERE institution_id = ? AND instruction_id = ?", { inst, id })->i64(0) + 1;
    db::Value person = db::nullable(ctx.user().person_id);
    tx.exec("INSERT INTO instruction_events (institution_id, instruction_id, seq, status, note, person_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        { inst, id, seq, std::string(status_name(status)), note, person, ctx.clock().now() });
}

bool seated(db::Tx& tx, int64_t inst, int64_t body, int64_t person, const std::string& date, bool chair_only)
{
    for (auto& s : tx.query("SELECT position FROM memberships WHERE institution_id = ? AND body_id = ? AND person_id = ? AND starts_on <= ? "
                            "AND (ends_on IS NULL OR ends_on >= ?)",
             { inst, body, person, date, date }))
        if (!chair_only || bodies::chairs(s.str(0)))
            return true;
    return false;
}

struct BodyRow {
    std::string template_id;
    int64_t parent;
};

std::optional<BodyRow> body_row(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT template, parent_id FROM bodies WHERE institution_id = ? AND id = ?", { inst, id });
    if (!r)
        return std::nullopt;
    return BodyRow { r->str(0), r->opt_i64(1).value_or(0) };
}

Result<Response> list_instructions(Context& ctx)
{
    int64_t body_id = TRY(ctx.id_param("id"));
    auto status = ctx.query_param("status");
    if (status && !status->empty()) {
        Status s;
        if (!parse_status(*status, s))
            return Error::field("status", "invalid");
    }
    bool only_overdue = ctx.query_param("overdue").value_or("") == "true";
    int64_t inst = ctx.institution_id();
    auto today = modules::today(ctx);
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        // Both sides see them: the issuing body and the Secretariat bound by them.
        for (auto& r : tx.query(std::string(select_instruction) + "WHERE x.institution_id = ? AND (x.body_id = ? OR x.secretariat_id = ?) "
                                                                  "ORDER BY x.deadline, x.id LIMIT ?",
                 { inst, body_id, body_id, modules::short_list_cap })) {
            auto item = instruction_json(ctx.services.catalog, ctx.lang, r, today);
            if (status && !status->empty() && item.at("status").as_string() != *status)
                continue;
            if (only_overdue && !item.at("overdue").as_bool())
                continue;
            items.push_back(std::move(item));
        }
        // For the issuing form: the body's adopted decisions, and the Secretariats it binds with their people.
        array decisions, secretariats;
        if (auto me = body_row(tx, inst, body_id)) {
            for (auto& r : tx.query("SELECT i.id, i.title, m.number, m.held_on FROM agenda_items i JOIN meetings m ON m.institution_id = i.institution_id AND m.id = i.meeting_id "
                                    "WHERE i.institution_id = ? AND m.body_id = ? AND i.outcome = 'adopted' ORDER BY m.held_on DESC, i.id DESC LIMIT 50",
                     { inst, body_id }))
                decisions.push_back(object { { "agenda_item_id", r.i64(0) }, { "title", r.str(1) }, { "meeting_number", r.i64(2) }, { "held_on", r.str(3) } });
            for (auto& r : tx.query("SELECT id, template, parent_id, name, name_key FROM bodies WHERE institution_id = ? AND template = 'secretariat' ORDER BY id", { inst })) {
                if (!binds(r.str(1), r.opt_i64(2).value_or(0), body_id, me->parent))
                    continue;
                array seated_people;
                for (auto& m : tx.query("SELECT p.id, p.surname, p.name, p.patronymic FROM memberships ms JOIN persons p ON p.institution_id = ms.institution_id AND p.id = ms.person_id "
                                        "WHERE ms.institution_id = ? AND ms.body_id = ? AND ms.starts_on <= ? AND (ms.ends_on IS NULL OR ms.ends_on >= ?) ORDER BY p.surname, p.name, p.id",
                         { inst, r.i64(0), today, today }))
                    seated_people.push_back(object { { "person_id", m.i64(0) }, { "full_name", people::full_name(m, 1) } });
                secretariats.push_back(object { { "id", r.i64(0) }, { "name", bodies::display_name(ctx.services.catalog, ctx.lang, r.str(3), r.opt_str(4)) }, { "members", seated_people } });
            }
        }
        return Response::ok(object { { "items", items }, { "decisions", decisions }, { "secretariats", secretariats } });
    });
}

Result<Response> issue_instruction(Context& ctx)
{
    int64_t body_id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto source = in.one_of("source", Presence::Required, { "council_decision", "president" });
    auto item = in.integer("agenda_item_id", Presence::Optional, 1, INT64_MAX);
    auto secretariat = in.integer("secretariat_id", Presence::Optional, 1, INT64_MAX);
    auto text = in.text("text", Presence::Required, 2000, Lines::Multi, 1);
    auto assignee = in.integer("assignee_id", Presence::Required, 1, INT64_MAX);
    auto deadline = in.date("deadline", Presence::Required);
    if (source && *source == "council_decision" && !item)
        in.add_error("agenda_item_id", "required");
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto today = modules::today(ctx);
    if (deadline->iso() < today)
        return Error::field("deadline", "in_past");
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto issuer = body_row(tx, inst, body_id);
        if (!issuer)
            return Error::not_found();
        Source src = *source == "president" ? Source::President : Source::CouncilDecision;
        // rule ORG-11: the Council decides, the President instructs; no other body binds the Secretariat.
        if (!may_issue_from(src, issuer->template_id))
            return Error::rule_refusal("ORG-11", src == Source::President ? "rule.instruction_president" : "rule.instruction_decision", {}, "source");
        if (src == Source::President) {
            // rule ORG-11: an instruction of the President is given by the President in person.
            if (!ctx.user().person_id || !seated(tx, inst, body_id, *ctx.user().person_id, today, true))
                return Error::rule_refusal("ORG-11", "rule.instruction_president", {}, "source");
        } else {
            // rule ORG-11: a decision of the Council is an adopted agenda item of one of its sessions.
            auto adopted = tx.query_one("SELECT 1 FROM agenda_items i JOIN meetings m ON m.institution_id = i.institution_id AND m.id = i.meeting_id "
                                        "WHERE i.institution_id = ? AND i.id = ? AND m.body_id = ? AND i.outcome = 'adopted'",
                { inst, *item, body_id });
            if (!adopted)
                return Error::rule_refusal("ORG-11", "rule.instruction_decision", {}, "agenda_item_id");
        }
        // rule ORG-11: the Secretariat of the same assembly; found when not named.
        std::optional<int64_t> sec = secretariat ? std::optional<int64_t>(*secretariat) : std::nullopt;
        if (!sec) {
            for (auto& r : tx.query("SELECT id, template, parent_id FROM bodies WHERE institution_id = ? AND template = 'secretariat' ORDER BY id", { inst }))
                if (binds(r.str(1), r.opt_i64(2).value_or(0), body_id, issuer->parent)) {
                    sec = r.i64(0);
                    break;
                }
            if (!sec)
                return Error::rule_refusal("ORG-11", "rule.instruction_secretariat", {}, "secretariat_id");
        }
        auto s = body_row(tx, inst, *sec);
        if (!s)
            return Error::field("secretariat_id", "not_found");
        if (!binds(s->template_id, s->parent, body_id, issuer->parent))
            return Error::rule_refusal("ORG-11", "rule.instruction_secretariat", {}, "secretariat_id");
        // rule ORG-11: the assignee is a person of the Secretariat.
        if (!people::exists(tx, inst, *assignee))
            return Error::field("assignee_id", "not_found");
        if (!seated(tx, inst, *sec, *assignee, today, false))
            return Error::rule_refusal("ORG-11", "rule.instruction_assignee", {}, "assignee_id");
        int64_t id = tx.next_id();
        db::Value by = db::nullable(ctx.user().person_id);
        db::Value item_v = db::nullable(src == Source::CouncilDecision ? item : std::nullopt);
        tx.exec("INSERT INTO instructions (institution_id, id, body_id, secretariat_id, source, agenda_item_id, issued_by, text, assignee_id, deadline, status, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'issued', ?)",
            { inst, id, body_id, *sec, *source, item_v, by, *text, *assignee, deadline->iso(), ctx.clock().now() });
        add_event(tx, ctx, id, Status::Issued, "");
        modules::audit_change(ctx, tx, "instruction.issue", "instruction", id, nullptr,
            object { { "body_id", body_id }, { "secretariat_id", *sec }, { "source", *source }, { "assignee_id", *assignee }, { "deadline", deadline->iso() },
                { "rule", "ORG-11" } });
        return *load(tx, ctx, id, true);
    }));
    return Response::created(out);
}

Result<Response> get_instruction(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto out = load(tx, ctx, id, true);
        if (!out)
            return Error::not_found();
        return Response::ok(*out);
    });
}

Result<Response> move(Context& ctx, Side side)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    std::optional<std::string> to;
    if (side == Side::Secretariat)
        to = in.one_of("status", Presence::Required, { "in_progress", "done" });
    auto note = in.text("note", Presence::Optional, 2000, Lines::Multi);
    TRY(in.finish());
    Status target = side == Side::Issuer ? Status::Cancelled : status_of(*to);
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto r = tx.query_one("SELECT status FROM instructions WHERE institution_id = ? AND id = ?", { ctx.institution_id(), id });
        if (!r)
            return Error::not_found();
        Status from = status_of(r->str(0));
        // rule ORG-11: issued -> in progress -> done by the Secretariat; cancelled by the issuer.
        if (!may_move(from, target, side))
            return Error::rule_refusal("ORG-11", "rule.instruction_status", object { { "from", std::string(status_name(from)) } }, "status");
        tx.exec("UPDATE instructions SET status = ? WHERE institution_id = ? AND id = ?", { std::string(status_name(target)), ctx.institution_id(), id });
        add_event(tx, ctx, id, target, note.value_or(""));
        modules::audit_change(ctx, tx, "instruction.status", "instruction", id, object { { "status", std::string(status_name(from)) } },
            object { { "status", std::string(status_name(target)) }, { "note", note.value_or("") } });
        return *load(tx, ctx, id, true);
    }));
    return Response::ok(out);
}

// rule ORG-11: the Secretariat reports to the Council: its report becomes an agenda item
// ("hear_report", MTG-2) of a session of the Council of the same assembly.
Result<Response> report_to_council(Context& ctx)
{
    int64_t body_id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto meeting = in.integer("meeting_id", Presence::Required, 1, INT64_MAX);
    auto title = in.text("title", Presence::Required, 500, Lines::Single, 1);
    auto summary = in.text("summary", Presence::Required, 2000, Lines::Multi, 1);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto sec = body_row(tx, inst, body_id);
        if (!sec)
            return Error::not_found();
        if (sec->template_id != "secretariat")
            return Error::rule_refusal("ORG-11", "rule.report_from_secretariat", {}, "meeting_id");
        auto m = tx.query_one("SELECT m.body_id, b.template, b.parent_id FROM meetings m JOIN bodies b ON b.institution_id = m.institution_id AND b.id = m.body_id "
                              "WHERE m.institution_id = ? AND m.id = ?",
            { inst, *meeting });
        if (!m)
            return Error::field("meeting_id", "not_found");
        if (m->str(1) != "council" || !binds(sec->template_id, sec->parent, m->i64(0), m->opt_i64(2).value_or(0)))
            return Error::rule_refusal("ORG-11", "rule.report_to_council", {}, "meeting_id");
        int64_t item = TRY(bodies::put_on_agenda(tx, ctx.clock(), ctx.user().actor(), inst, { *meeting, m->i64(0), "hear_report", *title, *summary, {} }));
        modules::audit_change(ctx, tx, "instruction.report", "body", body_id, nullptr, object { { "meeting_id", *meeting }, { "agenda_item_id", item }, { "rule", "ORG-11" } });
        return object { { "meeting_id", *meeting }, { "agenda_item_id", item }, { "council_id", m->i64(0) } };
    }));
    return Response::created(out);
}

}

void detail::register_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/bodies/{id}/instructions", read_perm, policy::list, Body::None, list_instructions);
    r.router.add("POST", "/api/v1/bodies/{id}/instructions", run_perm, policy::issue, Body::Json, issue_instruction);
    r.router.add("POST", "/api/v1/bodies/{id}/council-reports", run_perm, policy::report, Body::Json, report_to_council);
    r.router.add("GET", "/api/v1/instructions/{id}", read_perm, policy::read, Body::None, get_instruction);
    r.router.add("POST", "/api/v1/instructions/{id}/status", perm::Self, policy::update, Body::Json, [](Context& c) { return move(c, Side::Secretariat); });
    r.router.add("POST", "/api/v1/instructions/{id}/cancel", run_perm, policy::cancel, Body::Json, [](Context& c) { return move(c, Side::Issuer); });
}

}
