// APL-1, APL-2: written statements to the administration. The filer is always identified: the
// signed-in student, or their legal representative on their behalf, or (a paper statement) the
// person a staff member names when registering it. Each gets a registration slip (number of the
// year's register, date, time, who received it), a deadline by the institution's term, an answer
// delivered to the filer and the student's representatives (REP-1), or a record of forwarding.
#include "core/json_fields.hpp"
#include "docs/csv_writer.hpp"
#include "docs/pdf.hpp"
#include "i18n/dates.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include "modules/statements/notices.hpp"
#include "modules/statements/policy.hpp"
#include "modules/statements/routes.hpp"
#include "modules/statements/rules.hpp"
#include "modules/statements/store.hpp"
#include <boost/json/array.hpp>

namespace kenes::statements {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

std::vector<std::string_view> topic_list() { return { std::begin(topics), std::end(topics) }; }

CivilDate today_of(const Context& ctx) { return almaty::local_date(ctx.clock().now()); }

std::string actor_name(db::Tx& tx, const Context& ctx)
{
    return ctx.user().person_id ? people::name_of(tx, ctx.institution_id(), *ctx.user().person_id) : ctx.user().display_name;
}

db::Value person_value(const Context& ctx) { return ctx.user().person_id ? db::Value(*ctx.user().person_id) : db::Value(); }

void add_event(db::Tx& tx, const Context& ctx, int64_t id, State state, const std::string& note)
{
    tx.exec("INSERT INTO statement_events (institution_id, id, statement_id, state, note, by_user, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        { ctx.institution_id(), tx.next_id(), id, state_name(state), note, ctx.user().user_id, actor_name(tx, ctx), ctx.clock().now() });
}

Error refusal(const std::string& why)
{
    // APL-2: a written statement with arguments from an identified filer; anonymous ones are not considered.
    if (why == "anonymous")
        return Error::rule_refusal("APL-2", "rule.statements.anonymous", {}, "filer");
    return Error::rule_refusal("APL-2", "rule.statements.no_arguments", {}, "arguments");
}

struct NewStatement {
    std::string topic, about, arguments, channel;
    int64_t filer;
    std::optional<int64_t> student;
    CivilDate received_on;
    UnixMillis received_at;
    std::string received_by_name;
};

int64_t insert_statement(db::Tx& tx, const Context& ctx, const NewStatement& s)
{
    int64_t inst = ctx.institution_id();
    auto term = store::answer_term(tx, inst);
    auto due = due_date(s.received_on, term.days, term.working);
    int64_t id = tx.next_id();
    int64_t number = store::next_number(tx, "statements", inst, s.received_on.year);
    tx.exec("INSERT INTO statements (institution_id, id, year, number, topic, about, arguments, filer_person_id, student_id, channel, received_at, received_on, "
            "received_by, received_by_name, state, due_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registered', ?)",
        { inst, id, int64_t(s.received_on.year), number, s.topic, s.about, s.arguments, s.filer, s.student ? db::Value(*s.student) : db::Value(), s.channel,
            s.received_at, s.received_on.iso(), s.channel == "paper" ? person_value(ctx) : db::Value(), s.received_by_name, due.iso() });
    add_event(tx, ctx, id, State::Registered, "");
    modules::audit_change(ctx, tx, "statement.register", "statement", id, nullptr,
        object { { "topic", s.topic }, { "filer_person_id", s.filer }, { "channel", s.channel }, { "due_on", due.iso() } });
    return id;
}

// Online: the signed-in student, or a representative on behalf of their child.
Result<Response> file(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    // APL-2: there is no anonymous statement; a request asking for one is refused as such.
    if (body.contains("anonymous"))
        return refusal("anonymous");
    FieldReader in(body);
    auto topic = in.one_of("topic", Presence::Required, topic_list());
    auto about = in.text("about", Presence::Optional, 300);
    auto arguments = in.text("arguments", Presence::Optional, 10000, Lines::Multi);
    auto student = in.integer("student_id", Presence::Optional, 1, INT64_MAX);
    TRY(in.finish());
    if (auto why = filing_refusal({ ctx.user().person_id, arguments.value_or("") }))
        return refusal(*why);
    int64_t inst = ctx.institution_id(), me = *ctx.user().person_id;
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        std::optional<int64_t> for_student;
        if (people::is_student(tx, inst, me) && (!student || *student == me))
            for_student = me;
        else if (student) {
            // APL-1: through a legal representative: only on behalf of their own child.
            if (!store::represents(tx, inst, me, *student))
                return Error::field("student_id", "not_own_child");
            for_student = *student;
        } else
            return Error::field("student_id", "required");
        auto now = ctx.clock().now();
        int64_t id = insert_statement(tx, ctx, { *topic, about.value_or(""), *arguments, "online", me, for_student, almaty::local_date(now), now, "Kenes" });
        return Response::created(store::statement_json(tx, inst, id, today_of(ctx)));
    });
}

// A paper statement registered by a staff member, naming the filer (APL-2: never anonymous).
Result<Response> register_paper(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    if (body.contains("anonymous"))
        return refusal("anonymous");
    FieldReader in(body);
    auto topic = in.one_of("topic", Presence::Required, topic_list());
    auto about = in.text("about", Presence::Optional, 300);
    auto arguments = in.text("arguments", Presence::Optional, 10000, Lines::Multi);
    auto filer = in.integer("filer_person_id", Presence::Optional, 1, INT64_MAX);
    auto student = in.integer("student_id", Presence::Optional, 1, INT64_MAX);
    auto received_on = in.date("received_on", Presence::Optional);
    if (received_on && received_on->iso() > modules::today(ctx))
        in.add_error("received_on", "in_future");
    TRY(in.finish());
    if (auto why = filing_refusal({ filer, arguments.value_or("") }))
        return refusal(*why);
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        if (!tx.query_one("SELECT 1 FROM persons WHERE institution_id = ? AND id = ?", { inst, *filer }))
            return Error::field("filer_person_id", "not_found");
        std::optional<int64_t> for_student;
        if (student) {
            if (*student != *filer && !store::represents(tx, inst, *filer, *student))
                return Error::field("student_id", "not_own_child");
            if (!people::is_student(tx, inst, *student))
                return Error::field("student_id", "not_found");
            for_student = *student;
        } else if (people::is_student(tx, inst, *filer))
            for_student = *filer;
        auto now = ctx.clock().now();
        auto on = received_on ? *received_on : almaty::local_date(now);
        int64_t id = insert_statement(tx, ctx, { *topic, about.value_or(""), *arguments, "paper", *filer, for_student, on, now, actor_name(tx, ctx) });
        return Response::created(store::statement_json(tx, inst, id, today_of(ctx)));
    });
}

Result<Response> list_of(Context& ctx, const std::string& where, std::vector<db::Value> params)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        auto today = today_of(ctx);
        for (auto& r : tx.query("SELECT id FROM statements WHERE institution_id = ? AND " + where + " ORDER BY received_at DESC, id DESC LIMIT 500", params))
            items.push_back(store::statement_json(tx, ctx.institution_id(), r.i64(0), today));
        return Response::ok(object { { "items", items } });
    });
}

// One's own statements and those filed for one's children.
Result<Response> mine(Context& ctx)
{
    if (!ctx.user().person_id)
        return Response::ok(object { { "items", array {} } });
    int64_t inst = ctx.institution_id(), me = *ctx.user().person_id;
    return list_of(ctx, "(filer_person_id = ? OR student_id = ? OR assignee_person_id = ? OR student_id IN (SELECT student_id FROM representatives WHERE institution_id = ? AND representative_id = ?))",
        { inst, me, me, me, inst, me });
}

// The register: every statement, or those in a state, or the overdue ones.
Result<Response> register_list(Context& ctx)
{
    auto state = ctx.query_param("state");
    if (state && !parse_state(*state))
        return Error::field("state", "invalid");
    int64_t inst = ctx.institution_id();
    if (ctx.query_param("overdue").value_or("") == "1")
        return list_of(ctx, "state IN ('registered', 'assigned', 'in_progress') AND due_on < ?", { inst, modules::today(ctx) });
    if (state)
        return list_of(ctx, "state = ?", { inst, *state });
    return list_of(ctx, "1 = 1", { inst });
}

Result<Response> read(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    // A statement names a minor and what troubles them: each reading is audited with it (GEN-3).
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        modules::audit_change(ctx, tx, "statement.read", "statement", id, nullptr, nullptr);
        return Response::ok(store::statement_json(tx, ctx.institution_id(), id, today_of(ctx)));
    });
}

// Applies an action (the state machine in rules.cpp) with what it records.
Result<Response> act(Context& ctx, Action action)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    std::optional<int64_t> assignee;
    std::optional<std::string> answer, to, reason;
    if (action == Action::Assign)
        assignee = in.integer("assignee_person_id", Presence::Required, 1, INT64_MAX);
    if (action == Action::Answer)
        answer = in.text("answer", Presence::Required, 10000, Lines::Multi, 1);
    if (action == Action::Forward) {
        to = in.text("forwarded_to", Presence::Required, 300, Lines::Single, 1);
        reason = in.text("reason", Presence::Required, 2000, Lines::Multi, 1);
    }
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto s = tx.query_one("SELECT state FROM statements WHERE institution_id = ? AND id = ?", { inst, id });
        if (!s)
            return Error::not_found();
        auto from = *parse_state(s->str(0));
        auto t = transition(from, action);
        if (!t.to)
            return Error { ErrorCode::Conflict, t.refusal, object { { "state", state_name(from) }, { "action", action_name(action) } } };
        std::string note;
        if (action == Action::Assign) {
            if (!tx.query_one("SELECT 1 FROM persons WHERE institution_id = ? AND id = ?", { inst, *assignee }))
                return Error::field("assignee_person_id", "not_found");
            tx.exec("UPDATE statements SET assignee_person_id = ? WHERE institution_id = ? AND id = ?", { *assignee, inst, id });
            note = people::name_of(tx, inst, *assignee);
        }
        if (action == Action::Answer)
            tx.exec("UPDATE statements SET answer = ?, answered_at = ?, answered_by_name = ? WHERE institution_id = ? AND id = ?",
                { *answer, ctx.clock().now(), actor_name(tx, ctx), inst, id });
        if (action == Action::Forward) {
            tx.exec("UPDATE statements SET forwarded_to = ?, forward_reason = ? WHERE institution_id = ? AND id = ?", { *to, *reason, inst, id });
            note = *to + ": " + *reason;
        }
        tx.exec("UPDATE statements SET state = ? WHERE institution_id = ? AND id = ?", { state_name(*t.to), inst, id });
        add_event(tx, ctx, id, *t.to, note);
        object before { { "state", state_name(from) } }, after { { "state", state_name(*t.to) }, { "note", note } };
        switch (action) {
        case Action::Assign: modules::audit_change(ctx, tx, "statement.assign", "statement", id, before, after); break;
        case Action::Start: modules::audit_change(ctx, tx, "statement.start", "statement", id, before, after); break;
        case Action::Answer: modules::audit_change(ctx, tx, "statement.answer", "statement", id, before, after); break;
        case Action::Forward: modules::audit_change(ctx, tx, "statement.forward", "statement", id, before, after); break;
        case Action::Close: modules::audit_change(ctx, tx, "statement.close", "statement", id, before, after); break;
        }
        if (action == Action::Answer)
            notices::answered(tx, ctx.clock(), inst, id);
        if (action == Action::Forward)
            notices::forwarded(tx, ctx.clock(), inst, id);
        if (action == Action::Assign && assignee)
            notices::assigned(tx, ctx.clock(), inst, id, *assignee);
        return Response::ok(store::statement_json(tx, inst, id, today_of(ctx)));
    });
}

// The registration slip (APL-2): number, date, time, who received it; the deadline.
Result<Response> slip_pdf(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto lang = TRY(modules::document_lang(ctx));
    auto& cat = ctx.services.catalog;
    auto bytes = TRY(ctx.db().read([&](db::Tx& tx) -> Result<std::string> {
        int64_t inst = ctx.institution_id();
        auto s = tx.query_one("SELECT number, year, topic, about, filer_person_id, student_id, channel, received_at, received_by_name, due_on FROM statements "
                              "WHERE institution_id = ? AND id = ?",
            { inst, id });
        if (!s)
            return Error::not_found();
        auto number = std::to_string(s->i64(0)) + "/" + std::to_string(s->i64(1));
        docs::PdfWriter pdf;
        pdf.language(std::string(lang_code(lang)));
        pdf.document_title(cat.format(lang, "statements.slip.title", { { "number", number } }));
        pdf.small(store::institution_name(tx, inst));
        pdf.title(cat.format(lang, "statements.slip.title", { { "number", number } }));
        auto received = s->i64(7);
        std::string receiver = s->str(6) == "online" ? cat.format(lang, "statements.slip.online") : s->str(8);
        std::vector<std::vector<std::string>> rows {
            { cat.format(lang, "statements.slip.number"), number },
            { cat.format(lang, "statements.slip.date"), i18n::long_date(lang, almaty::local_date(received)) },
            { cat.format(lang, "statements.slip.time"), almaty::iso_datetime(received).substr(11, 5) },
            { cat.format(lang, "statements.slip.received_by"), receiver },
            { cat.format(lang, "statements.slip.filer"), people::name_of(tx, inst, s->i64(4)) },
        };
        if (!s->is_null(5) && s->i64(5) != s->i64(4))
            rows.push_back({ cat.format(lang, "statements.slip.student"), people::name_of(tx, inst, s->i64(5)) });
        rows.push_back({ cat.format(lang, "statements.slip.topic"), cat.format(lang, "statements.topic." + s->str(2)) });
        if (!s->str(3).empty())
            rows.push_back({ cat.format(lang, "statements.slip.about"), s->str(3) });
        rows.push_back({ cat.format(lang, "statements.slip.due"), i18n::long_date(lang, *parse_iso_date(s->str(9))) });
        pdf.table(rows, { 0.4, 0.6 }, false);
        pdf.space(12);
        pdf.paragraph(cat.format(lang, "statements.slip.note"));
        return pdf.finish();
    }));
    return modules::pdf_response(std::move(bytes), "statement-slip-" + std::to_string(id), lang);
}

// The register as CSV, through the shared writer (formula neutralisation of what people typed).
Result<Response> register_csv(Context& ctx)
{
    auto csv = TRY(ctx.db().read([&](db::Tx& tx) -> Result<std::string> {
        int64_t inst = ctx.institution_id();
        auto today = today_of(ctx);
        docs::CsvWriter out;
        out.row({ "number", "received_at", "channel", "filer", "student", "topic", "about", "state", "due_on", "overdue", "assignee", "forwarded_to" });
        for (auto& r : tx.query("SELECT number, year, received_at, channel, filer_person_id, student_id, topic, about, state, due_on, assignee_person_id, forwarded_to "
                                "FROM statements WHERE institution_id = ? ORDER BY year, number",
                 { inst })) {
            auto state = *parse_state(r.str(8));
            out.text(std::to_string(r.i64(0)) + "/" + std::to_string(r.i64(1))).text(almaty::iso_datetime(r.i64(2)).substr(0, 16)).text(r.str(3))
                .text(people::name_of(tx, inst, r.i64(4))).text(r.is_null(5) ? "" : people::name_of(tx, inst, r.i64(5))).text(r.str(6)).text(r.str(7))
                .text(r.str(8)).text(r.str(9)).text(overdue(state, *parse_iso_date(r.str(9)), today) ? "yes" : "no")
                .text(r.is_null(10) ? "" : people::name_of(tx, inst, r.i64(10))).text(r.opt_str(11).value_or(""))
                .end_row();
        }
        return out.take();
    }));
    auto r = Response::text(200, std::move(csv), std::string(docs::csv_media_type));
    r.set_header("Content-Disposition", "attachment; filename=\"statements.csv\"");
    r.set_header("Cache-Control", "no-store");
    return r;
}

object term_json(const store::Term& t) { return { { "answer_days", t.days }, { "working_days", t.working } }; }

Result<Response> read_settings(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> { return Response::ok(term_json(store::answer_term(tx, ctx.institution_id()))); });
}

Result<Response> write_settings(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto days = in.integer("answer_days", Presence::Required, 1, 90);
    auto working = in.boolean("working_days", Presence::Required);
    TRY(in.finish());
    return ctx.db().write([&](db::Tx& tx) -> Result<Response> {
        auto before = store::answer_term(tx, ctx.institution_id());
        tx.exec("UPDATE institutions SET statement_answer_days = ?, statement_working_days = ? WHERE id = ?", { *days, int64_t(*working), ctx.institution_id() });
        modules::audit_change(ctx, tx, "statement.settings", "institution", ctx.institution_id(), term_json(before), term_json({ int(*days), *working }));
        return Response::ok(term_json({ int(*days), *working }));
    });
}

}

void detail::register_statement_routes(Registry& r)
{
    r.router.add("POST", "/api/v1/statements", file_perm, policy::file_statement, Body::Json, file);
    r.router.add("POST", "/api/v1/statements/paper", manage_perm, policy::register_statements, Body::Json, register_paper);
    r.router.add("GET", "/api/v1/statements/mine", perm::Self, policy::mine, Body::None, mine);
    r.router.add("GET", "/api/v1/statements", manage_perm, policy::register_statements, Body::None, register_list);
    r.router.add("GET", "/api/v1/statements/register.csv", manage_perm, policy::register_statements, Body::None, register_csv);
    r.router.add("GET", "/api/v1/statements/settings", manage_perm, policy::register_statements, Body::None, read_settings);
    r.router.add("PUT", "/api/v1/statements/settings", manage_perm, policy::register_statements, Body::Json, write_settings);
    r.router.add("GET", "/api/v1/statements/{id}", perm::Self, policy::read_statement, Body::None, read);
    r.router.add("GET", "/api/v1/statements/{id}/slip.pdf", perm::Self, policy::read_statement, Body::None, slip_pdf);
    r.router.add("POST", "/api/v1/statements/{id}/assign", manage_perm, policy::handle_statement, Body::Json, [](Context& c) { return act(c, Action::Assign); });
    r.router.add("POST", "/api/v1/statements/{id}/start", perm::Self, policy::answer_statement, Body::Json, [](Context& c) { return act(c, Action::Start); });
    r.router.add("POST", "/api/v1/statements/{id}/answer", perm::Self, policy::answer_statement, Body::Json, [](Context& c) { return act(c, Action::Answer); });
    r.router.add("POST", "/api/v1/statements/{id}/forward", manage_perm, policy::handle_statement, Body::Json, [](Context& c) { return act(c, Action::Forward); });
    r.router.add("POST", "/api/v1/statements/{id}/close", manage_perm, policy::handle_statement, Body::Json, [](Context& c) { return act(c, Action::Close); });
}

}
