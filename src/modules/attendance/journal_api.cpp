// The group's journal: a day (or a lesson) of the group marked in one request ("all present",
// then the exceptions), the term summary, the printable journal, and the infractions the journal
// proposes to the curator (DISC-ESC-1).
#include "core/json_fields.hpp"
#include <algorithm>
#include <array>
#include "modules/attendance/documents.hpp"
#include "modules/attendance/params.hpp"
#include "modules/attendance/policy.hpp"
#include "modules/attendance/routes.hpp"
#include "modules/attendance/store.hpp"
#include "modules/discipline/discipline.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"

namespace kenes::attendance {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

const char* sort_column(Lang lang)
{
    switch (lang) {
    case Lang::Ru: return "p.sort_ru";
    case Lang::En: return "p.sort_en";
    default: return "p.sort_kk";
    }
}

// The lesson of a request: 1..7 when the institution records lessons, none (the day) otherwise.
void read_lesson(FieldReader& in, std::optional<int64_t> given, bool lessons, int64_t& lesson)
{
    if (lessons) {
        if (!given)
            in.add_error("lesson", "required");
        else
            lesson = *given;
    } else if (given && *given != 0) {
        in.add_error("lesson", "not_recorded");
    }
}

Result<int64_t> lesson_query(const Context& ctx, bool lessons)
{
    auto l = ctx.query_param("lesson");
    if (!l)
        return lessons ? int64_t(1) : int64_t(0);
    try {
        size_t used = 0;
        int64_t n = std::stoll(*l, &used);
        if (used == l->size() && ((lessons && n >= 1 && n <= lessons_per_day) || (!lessons && n == 0)))
            return n;
    } catch (...) {
    }
    return Error::field("lesson", "invalid");
}

Result<std::string> date_query(const Context& ctx)
{
    auto d = ctx.query_param("date");
    if (!d)
        return modules::today(ctx);
    auto parsed = parse_iso_date(*d);
    if (!parsed)
        return Error::field("date", "invalid");
    return parsed->iso();
}

array pending_proposals(db::Tx& tx, int64_t inst, int64_t group)
{
    array out;
    for (auto& r : tx.query(std::string("SELECT ") + store::proposal_columns
                 + " FROM attendance_proposals x JOIN persons p ON p.institution_id = x.institution_id AND p.id = x.person_id "
                   "JOIN students s ON s.institution_id = x.institution_id AND s.person_id = x.person_id "
                   "WHERE x.institution_id = ? AND s.group_id = ? AND x.status = 'pending' ORDER BY x.created_at, x.id LIMIT 200",
             { inst, group }))
        out.push_back(store::proposal_json(r));
    return out;
}

object journal_json(db::Tx& tx, const Context& ctx, int64_t group, const std::string& date, int64_t lesson)
{
    int64_t inst = ctx.institution_id();
    auto g = tx.query_one("SELECT name FROM groups WHERE institution_id = ? AND id = ?", { inst, group });
    auto year = academic_year_of(*parse_iso_date(date));
    auto terms = store::terms_of(tx, inst, year);
    auto term = term_of(terms, date);
    array students;
    bool marked = false;
    for (auto& r : tx.query(std::string("SELECT p.id, p.surname, p.name, p.patronymic, m.status, m.late_minutes, m.reason, c.late, c.unjustified FROM students s "
                                        "JOIN persons p ON p.institution_id = s.institution_id AND p.id = s.person_id "
                                        "LEFT JOIN attendance_marks m ON m.institution_id = s.institution_id AND m.person_id = s.person_id AND m.on_date = ? AND m.lesson = ? "
                                        "LEFT JOIN attendance_counts c ON c.institution_id = s.institution_id AND c.person_id = s.person_id AND c.academic_year = ? AND c.term = ? "
                                        "WHERE s.institution_id = ? AND s.group_id = ? AND s.status = 'studying' ORDER BY ")
                 + sort_column(ctx.lang) + ", p.id",
             { date, lesson, year, term ? term->number : int64_t(0), inst, group })) {
        marked = marked || !r.is_null(4);
        students.push_back(object { { "person_id", r.i64(0) }, { "name", people::full_name(r, 1) },
            { "status", r.is_null(4) ? boost::json::value(nullptr) : boost::json::value(r.str(4)) },
            { "late_minutes", r.is_null(5) ? boost::json::value(nullptr) : boost::json::value(r.i64(5)) },
            { "reason", r.is_null(6) ? boost::json::value(nullptr) : boost::json::value(r.str(6)) },
            { "term_late", r.is_null(7) ? 0 : r.i64(7) }, { "term_unjustified", r.is_null(8) ? 0 : r.i64(8) } });
    }
    object term_json = term ? object { { "number", term->number }, { "starts_on", term->starts_on }, { "ends_on", term->ends_on } } : object {};
    return object { { "group", object { { "id", group }, { "name", g ? g->str(0) : "" } } }, { "date", date }, { "lesson", lesson },
        { "by_lesson", store::by_lesson(tx, inst) }, { "academic_year", year }, { "term", term ? boost::json::value(term_json) : boost::json::value(nullptr) },
        { "marked", marked }, { "students", students }, { "proposals", pending_proposals(tx, inst, group) }, { "today", modules::today(ctx) } };
}

Result<Response> get_journal(Context& ctx)
{
    int64_t group = TRY(ctx.id_param("id"));
    auto date = TRY(date_query(ctx));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        int64_t lesson = TRY(lesson_query(ctx, store::by_lesson(tx, ctx.institution_id())));
        return Response::ok(journal_json(tx, ctx, group, date, lesson));
    });
}

// One request marks the class: `default` (present) for everyone, then the exceptions.
Result<Response> put_journal(Context& ctx)
{
    int64_t group = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto date = in.date("date", Presence::Required);
    auto lesson_given = in.integer("lesson", Presence::Optional, 0, lessons_per_day);
    auto fallback = in.one_of("default", Presence::Optional, { "present", "late", "absent" });
    auto* list = in.array("exceptions", Presence::Optional, 200);
    std::vector<store::Exception> exceptions;
    if (list)
        for (size_t i = 0; i < list->size(); ++i) {
            std::string at = "exceptions[" + std::to_string(i) + "]";
            if (!(*list)[i].is_object()) {
                in.add_error(at, "wrong_type");
                continue;
            }
            FieldReader e((*list)[i].as_object(), at);
            auto person = e.integer("person_id", Presence::Required, 1, INT64_MAX);
            auto status = e.one_of("status", Presence::Required, { "present", "late", "absent" });
            auto minutes = e.integer("late_minutes", Presence::Optional, 1, 600);
            if (minutes && status && *status != "late")
                e.add_error("late_minutes", "only_when_late");
            if (person && status)
                exceptions.push_back({ *person, *parse_mark(*status), minutes });
            in.merge(std::move(e));
        }
    if (date && date->iso() > modules::today(ctx))
        in.add_error("date", "in_future");
    int64_t inst = ctx.institution_id();
    bool lessons = ctx.db().read([&](db::Tx& tx) { return store::by_lesson(tx, inst); });
    int64_t lesson = 0;
    read_lesson(in, lesson_given, lessons, lesson);
    if (lessons && lesson_given && *lesson_given == 0)
        in.add_error("lesson", "required");
    TRY(in.finish());
    store::MarkRequest q { group, date->iso(), lesson, fallback ? *parse_mark(*fallback) : Mark::Present, std::move(exceptions) };
    // The write holds the single writer: only the marks, counters and proposals; the answer is
    // read afterwards.
    auto result = TRY(ctx.db().write([&](db::Tx& tx) { return store::mark_group(tx, ctx.clock(), ctx.user().actor(), inst, q); }));
    auto out = ctx.db().read([&](db::Tx& tx) { return journal_json(tx, ctx, group, q.date, q.lesson); });
    out["changed"] = result.changed;
    array created;
    for (auto id : result.proposals)
        created.push_back(id);
    out["proposed"] = created;
    return Response::ok(out);
}

// The group's term: per student the days of lateness and of absence (from the counters), and the
// lessons missed (from the journal, one index range of the group's term).
Result<Response> group_summary(Context& ctx)
{
    int64_t group = TRY(ctx.id_param("id"));
    auto year = TRY(year_param(ctx));
    int64_t inst = ctx.institution_id();
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        std::vector<Term> terms;
        int64_t number = TRY(term_param(ctx, tx, inst, year, terms));
        auto term = *std::find_if(terms.begin(), terms.end(), [&](const Term& t) { return t.number == number; });
        std::map<int64_t, std::array<int64_t, 3>> lessons;   // absent, late, marked
        for (auto& r : tx.query("SELECT person_id, SUM(CASE WHEN status = 'absent' THEN 1 ELSE 0 END), SUM(CASE WHEN status = 'late' THEN 1 ELSE 0 END), COUNT(*) "
                                "FROM attendance_marks WHERE institution_id = ? AND group_id = ? AND on_date >= ? AND on_date <= ? GROUP BY person_id",
                 { inst, group, term.starts_on, term.ends_on }))
            lessons[r.i64(0)] = { r.i64(1), r.i64(2), r.i64(3) };
        array students;
        for (auto& r : tx.query(std::string("SELECT p.id, p.surname, p.name, p.patronymic, c.late, c.unjustified, c.justified FROM students s "
                                            "JOIN persons p ON p.institution_id = s.institution_id AND p.id = s.person_id "
                                            "LEFT JOIN attendance_counts c ON c.institution_id = s.institution_id AND c.person_id = s.person_id AND c.academic_year = ? AND c.term = ? "
                                            "WHERE s.institution_id = ? AND s.group_id = ? AND s.status = 'studying' ORDER BY ")
                     + sort_column(ctx.lang) + ", p.id",
                 { year, number, inst, group })) {
            auto l = lessons[r.i64(0)];
            students.push_back(object { { "person_id", r.i64(0) }, { "name", people::full_name(r, 1) }, { "late_days", r.is_null(4) ? 0 : r.i64(4) },
                { "unjustified_days", r.is_null(5) ? 0 : r.i64(5) }, { "justified_days", r.is_null(6) ? 0 : r.i64(6) }, { "absent_marks", l[0] },
                { "late_marks", l[1] }, { "marks", l[2] } });
        }
        return Response::ok(object { { "group_id", group }, { "academic_year", year },
            { "term", object { { "number", term.number }, { "starts_on", term.starts_on }, { "ends_on", term.ends_on } } }, { "students", students },
            { "proposals", pending_proposals(tx, inst, group) } });
    });
}

// GEN-4: the group's journal for a month (?month=2026-11) or a term, as a printable PDF.
Result<Response> journal_pdf(Context& ctx)
{
    int64_t group = TRY(ctx.id_param("id"));
    auto lang = TRY(modules::document_lang(ctx));
    int64_t inst = ctx.institution_id();
    auto bytes = TRY(ctx.db().read([&](db::Tx& tx) -> Result<std::string> {
        std::string from, to, period;
        if (auto m = ctx.query_param("month")) {
            auto first = parse_iso_date(*m + "-01");
            if (!first || m->size() != 7)
                return Error::field("month", "invalid");
            from = first->iso();
            to = *m + "-31";
            period = *m;
        } else {
            auto year = TRY(year_param(ctx));
            std::vector<Term> terms;
            int64_t number = TRY(term_param(ctx, tx, inst, year, terms));
            for (auto& t : terms)
                if (t.number == number) {
                    from = t.starts_on;
                    to = t.ends_on;
                }
            period = year + " / " + std::to_string(number);
        }
        return documents::journal(tx, ctx.services.catalog, lang, inst, group, from, to, period);
    }));
    return modules::pdf_response(std::move(bytes), "attendance-journal", lang);
}

Result<db::Row> proposal_row(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one(std::string("SELECT ") + store::proposal_columns
            + " FROM attendance_proposals x JOIN persons p ON p.institution_id = x.institution_id AND p.id = x.person_id WHERE x.institution_id = ? AND x.id = ?",
        { inst, id });
    if (!r)
        return Error::not_found();
    return *r;
}

// DISC-ESC-1: the curator confirms the proposal; the discipline module records the incident.
Result<Response> confirm(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto r = TRY(proposal_row(tx, inst, id));
        if (r.str(7) != "pending")
            return Error { ErrorCode::Conflict, "attendance.proposal_resolved" };
        auto group = tx.query_one("SELECT g.name FROM students s JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id "
                                  "WHERE s.institution_id = ? AND s.person_id = ?",
            { inst, r.i64(1) });
        discipline::NewIncident incident;
        incident.student_id = r.i64(1);
        incident.kind_code = r.str(4);
        incident.occurred_on = r.str(6);
        incident.place = group ? group->str(0) : "";
        incident.description = ctx.services.catalog.format(ctx.lang, "attendance.incident." + r.str(4),
            object { { "count", r.i64(5) }, { "term", r.i64(3) }, { "year", r.str(2) } });
        incident.reported_by = ctx.user().person_id;
        incident.source = "attendance";
        int64_t incident_id = TRY(discipline::record_incident(tx, ctx.clock(), ctx.user().actor(), inst, incident));
        tx.exec("UPDATE attendance_proposals SET status = 'confirmed', resolved_by = ?, resolved_at = ?, incident_id = ? WHERE institution_id = ? AND id = ?",
            { db::nullable(ctx.user().person_id), ctx.clock().now(), incident_id, inst, id });
        modules::audit_change(ctx, tx, "attendance.proposal_confirm", "attendance_proposal", id, object { { "status", "pending" } },
            object { { "status", "confirmed" }, { "incident_id", incident_id } });
        return store::proposal_json(TRY(proposal_row(tx, inst, id)));
    }));
    return Response::ok(out);
}

Result<Response> dismiss(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto reason = in.text("reason", Presence::Required, 2000, Lines::Multi, 3);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto r = TRY(proposal_row(tx, inst, id));
        if (r.str(7) != "pending")
            return Error { ErrorCode::Conflict, "attendance.proposal_resolved" };
        tx.exec("UPDATE attendance_proposals SET status = 'dismissed', resolved_by = ?, resolved_at = ?, dismiss_reason = ? WHERE institution_id = ? AND id = ?",
            { db::nullable(ctx.user().person_id), ctx.clock().now(), *reason, inst, id });
        modules::audit_change(ctx, tx, "attendance.proposal_dismiss", "attendance_proposal", id, object { { "status", "pending" } },
            object { { "status", "dismissed" }, { "reason", *reason } });
        return store::proposal_json(TRY(proposal_row(tx, inst, id)));
    }));
    return Response::ok(out);
}

}

void detail::register_journal_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/groups/{id}/attendance", journal_perm, policy::journal, Body::None, get_journal);
    r.router.add("PUT", "/api/v1/groups/{id}/attendance", journal_perm, policy::journal, Body::Json, put_journal);
    r.router.add("GET", "/api/v1/groups/{id}/attendance/summary", journal_perm, policy::group_summary, Body::None, group_summary);
    r.router.add("GET", "/api/v1/groups/{id}/attendance/journal.pdf", journal_perm, policy::group_summary, Body::None, journal_pdf);
    r.router.add("POST", "/api/v1/attendance-proposals/{id}/confirm", journal_perm, policy::resolve_proposal, Body::Json, confirm);
    r.router.add("POST", "/api/v1/attendance-proposals/{id}/dismiss", journal_perm, policy::resolve_proposal, Body::Json, dismiss);
}

}
