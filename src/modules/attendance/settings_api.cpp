// The terms of the academic years and the journal's settings (the administration), the school's
// term report and the list of justifications waiting for the coordinator.
#include "core/json_fields.hpp"
#include "modules/attendance/policy.hpp"
#include "modules/attendance/routes.hpp"
#include "modules/attendance/store.hpp"
#include "modules/module_support.hpp"
#include "modules/attendance/params.hpp"

namespace kenes::attendance {

using namespace http;
using boost::json::array;
using boost::json::object;

// ?year=2026-2027, else the academic year of today (GEN-2).
Result<std::string> year_param(const Context& ctx)
{
    if (auto y = ctx.query_param("year")) {
        if (y->size() != 9 || (*y)[4] != '-')
            return Error::field("year", "invalid");
        try {
            if (std::stoi(y->substr(5)) != std::stoi(y->substr(0, 4)) + 1)
                return Error::field("year", "invalid");
        } catch (...) {
            return Error::field("year", "invalid");
        }
        return *y;
    }
    return academic_year_of(*parse_iso_date(modules::today(ctx)));
}

Result<int64_t> term_param(const Context& ctx, db::Tx& tx, int64_t inst, const std::string& year, std::vector<Term>& terms)
{
    terms = store::terms_of(tx, inst, year);
    if (auto t = ctx.query_param("term")) {
        try {
            size_t used = 0;
            int64_t n = std::stoll(*t, &used);
            if (used == t->size())
                for (auto& term : terms)
                    if (term.number == n)
                        return n;
        } catch (...) {
        }
        return Error::field("term", "invalid");
    }
    auto current = term_of(terms, modules::today(ctx));
    return current ? current->number : terms.front().number;
}

namespace {

object terms_json(db::Tx& tx, int64_t inst, const std::string& year)
{
    bool stored = false;
    auto terms = store::terms_of(tx, inst, year, &stored);
    array items;
    for (auto& t : terms)
        items.push_back(object { { "number", t.number }, { "starts_on", t.starts_on }, { "ends_on", t.ends_on } });
    return object { { "academic_year", year }, { "terms", items }, { "preset", !stored }, { "institution_kind", store::institution_kind(tx, inst) },
        { "by_lesson", store::by_lesson(tx, inst) }, { "lessons_per_day", lessons_per_day } };
}

Result<Response> get_terms(Context& ctx)
{
    auto year = TRY(year_param(ctx));
    return Response::ok(ctx.db().read([&](db::Tx& tx) { return terms_json(tx, ctx.institution_id(), year); }));
}

// Replaces the terms of a year (GEN-2); the counters of DISC-ESC-1 are counted again under them.
Result<Response> put_terms(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto year = in.text("academic_year", Presence::Required, 9, Lines::Single, 9);
    auto* list = in.array("terms", Presence::Required, 6);
    std::vector<Term> terms;
    if (list)
        for (size_t i = 0; i < list->size(); ++i) {
            if (!(*list)[i].is_object()) {
                in.add_error("terms[" + std::to_string(i) + "]", "wrong_type");
                continue;
            }
            FieldReader t((*list)[i].as_object(), "terms[" + std::to_string(i) + "]");
            auto from = t.date("starts_on", Presence::Required);
            auto to = t.date("ends_on", Presence::Required);
            if (from && to)
                terms.push_back({ int64_t(i + 1), from->iso(), to->iso() });
            in.merge(std::move(t));
        }
    TRY(in.finish());
    if (auto problem = terms_problem(terms, *year); !problem.empty())
        return Error::field(problem == "invalid" ? "academic_year" : "terms", problem);
    int64_t inst = ctx.institution_id();
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto before = terms_json(tx, inst, *year);
        store::replace_terms(tx, ctx.clock(), ctx.user().person_id, inst, *year, terms);
        store::recount_year(tx, inst, *year);
        auto after = terms_json(tx, inst, *year);
        modules::audit_change(ctx, tx, "attendance.terms", "institution", inst, before["terms"], after["terms"]);
        return after;
    }));
    return Response::ok(out);
}

Result<Response> put_settings(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto by_lesson = in.boolean("by_lesson", Presence::Required);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto year = academic_year_of(*parse_iso_date(modules::today(ctx)));
    auto out = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        bool before = store::by_lesson(tx, inst);
        tx.exec("UPDATE institutions SET attendance_by_lesson = ? WHERE id = ?", { int64_t(*by_lesson), inst });
        modules::audit_change(ctx, tx, "attendance.settings", "institution", inst, object { { "by_lesson", before } }, object { { "by_lesson", *by_lesson } });
        return terms_json(tx, inst, year);
    }));
    return Response::ok(out);
}

// The whole school's term report: per group, its students' days of lateness and of absence,
// from the counters (one row per student), so it costs the same in May as in September.
Result<Response> school_report(Context& ctx)
{
    auto year = TRY(year_param(ctx));
    int64_t inst = ctx.institution_id();
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        std::vector<Term> terms;
        int64_t term = TRY(term_param(ctx, tx, inst, year, terms));
        array groups;
        int64_t total_late = 0, total_unjustified = 0, total_justified = 0, total_students = 0;
        for (auto& r : tx.query("SELECT g.id, g.name, g.curator_person_id, COUNT(s.person_id), COALESCE(SUM(c.late), 0), COALESCE(SUM(c.unjustified), 0), "
                                "COALESCE(SUM(c.justified), 0), COALESCE(SUM(CASE WHEN c.late > 3 THEN 1 ELSE 0 END), 0), "
                                "COALESCE(SUM(CASE WHEN c.unjustified > 3 THEN 1 ELSE 0 END), 0) FROM groups g "
                                "LEFT JOIN students s ON s.institution_id = g.institution_id AND s.group_id = g.id AND s.status = 'studying' "
                                "LEFT JOIN attendance_counts c ON c.institution_id = s.institution_id AND c.person_id = s.person_id AND c.academic_year = ? AND c.term = ? "
                                "WHERE g.institution_id = ? GROUP BY g.id, g.name, g.curator_person_id",
                 { year, term, inst })) {
            groups.push_back(object { { "group_id", r.i64(0) }, { "name", r.str(1) }, { "students", r.i64(3) }, { "late_days", r.i64(4) },
                { "unjustified_days", r.i64(5) }, { "justified_days", r.i64(6) }, { "students_over_lateness", r.i64(7) }, { "students_over_absences", r.i64(8) } });
            total_students += r.i64(3);
            total_late += r.i64(4);
            total_unjustified += r.i64(5);
            total_justified += r.i64(6);
        }
        auto pending = tx.query_one("SELECT COUNT(*) FROM attendance_proposals WHERE institution_id = ? AND academic_year = ? AND term = ? AND status = 'pending'",
            { inst, year, term });
        return Response::ok(object { { "academic_year", year }, { "term", term }, { "groups", modules::in_alphabetical_order(std::move(groups), ctx.lang) },
            { "totals", object { { "students", total_students }, { "late_days", total_late }, { "unjustified_days", total_unjustified },
                            { "justified_days", total_justified }, { "pending_proposals", pending->i64(0) } } } });
    });
}

// The justifications for the coordinator: waiting ones first by default (?status=pending|accepted|refused).
Result<Response> list_justifications(Context& ctx)
{
    auto paging = TRY(ctx.paging(50, 200));
    std::string status = ctx.query_param("status").value_or("pending");
    if (status != "pending" && status != "accepted" && status != "refused")
        return Error::field("status", "invalid");
    int64_t inst = ctx.institution_id();
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        array items;
        for (auto& r : tx.query("SELECT id FROM attendance_justifications WHERE institution_id = ? AND status = ? ORDER BY submitted_at, id LIMIT ? OFFSET ?",
                 { inst, status, paging.limit, paging.offset }))
            items.push_back(store::justification_json(tx, inst, r.i64(0)));
        return Response::ok(object { { "items", items }, { "limit", paging.limit }, { "offset", paging.offset } });
    });
}

}

void detail::register_settings_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/attendance/terms", read_perm, policy::read_settings, Body::None, get_terms);
    r.router.add("PUT", "/api/v1/attendance/terms", settings_perm, policy::edit_settings, Body::Json, put_terms);
    r.router.add("PUT", "/api/v1/attendance/settings", settings_perm, policy::edit_settings, Body::Json, put_settings);
    r.router.add("GET", "/api/v1/attendance/report", manage_perm, policy::school_report, Body::None, school_report);
    r.router.add("GET", "/api/v1/attendance/justifications", manage_perm, policy::list_justifications, Body::None, list_justifications);
}

}
