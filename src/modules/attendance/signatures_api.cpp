// REP-2: who has not signed yet. The representatives sign each unjustified absence and the term's
// report card; the curator (their group) and the administration (the school, or one group) see the
// students whose signatures are missing for a term, on screen or as a CSV file (GEN-4).
#include "docs/csv_writer.hpp"
#include "modules/attendance/params.hpp"
#include "modules/attendance/policy.hpp"
#include "modules/attendance/routes.hpp"
#include "modules/attendance/store.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include <boost/json/array.hpp>

namespace kenes::attendance {

using namespace http;
using boost::json::array;
using boost::json::object;

namespace {

Result<Response> unsigned_list(Context& ctx, std::optional<int64_t> group)
{
    auto year = TRY(year_param(ctx));
    if (!group)
        if (auto g = ctx.query_param("group_id"); g && !g->empty()) {
            try {
                size_t used = 0;
                group = std::stoll(*g, &used);
                if (used != g->size() || *group < 1)
                    return Error::field("group_id", "invalid");
            } catch (...) {
                return Error::field("group_id", "invalid");
            }
        }
    auto format = ctx.query_param("format").value_or("json");
    if (format != "json" && format != "csv")
        return Error::field("format", "invalid");
    int64_t inst = ctx.institution_id();
    auto lang = Lang(ctx.lang);
    auto& catalog = ctx.services.catalog;
    struct Row {
        int64_t person, group_id;
        std::string name, group_name;
        std::vector<std::string> absences;
        bool card_signed = false;
        std::vector<std::string> representatives;
    };
    std::vector<Row> rows;
    int64_t term = 0;
    TRY(ctx.db().read([&](db::Tx& tx) -> Status {
        std::vector<Term> terms;
        term = TRY(term_param(ctx, tx, inst, year, terms));
        const Term* t = nullptr;
        for (auto& x : terms)
            if (x.number == term)
                t = &x;
        std::string subject = year + "/" + std::to_string(term);
        std::string sql = "SELECT s.person_id, p.surname, p.name, p.patronymic, g.id, g.name, "
                          "EXISTS (SELECT 1 FROM attendance_acknowledgements a WHERE a.institution_id = s.institution_id AND a.person_id = s.person_id "
                          "AND a.kind = 'report_card' AND a.subject = ?) "
                          "FROM students s JOIN persons p ON p.institution_id = s.institution_id AND p.id = s.person_id "
                          "JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id "
                          "WHERE s.institution_id = ? AND s.status = 'studying'";
        db::Params params { subject, inst };
        if (group) {
            sql += " AND s.group_id = ?";
            params.push_back(*group);
        }
        sql += " ORDER BY g.name, p.surname, p.name, s.person_id LIMIT 5000";
        for (auto& r : tx.query(sql, params)) {
            Row row { r.i64(0), r.i64(4), people::full_name(r, 1), r.str(5), {}, r.flag(6), {} };
            // rule REP-2: each unjustified absence of the term is signed by a representative.
            for (auto& a : tx.query("SELECT DISTINCT m.on_date FROM attendance_marks m WHERE m.institution_id = ? AND m.person_id = ? AND m.on_date >= ? "
                                    "AND m.on_date <= ? AND m.status = 'absent' AND m.reason IS NULL AND NOT EXISTS (SELECT 1 FROM attendance_acknowledgements a "
                                    "WHERE a.institution_id = m.institution_id AND a.person_id = m.person_id AND a.kind = 'absence' AND a.subject = m.on_date) "
                                    "ORDER BY m.on_date",
                     { inst, row.person, t ? t->starts_on : year.substr(0, 4) + "-09-01", t ? t->ends_on : year.substr(5, 4) + "-08-31" }))
                row.absences.push_back(a.str(0));
            if (row.card_signed && row.absences.empty())
                continue;
            for (auto& p : tx.query("SELECT p.surname, p.name, p.patronymic FROM representatives r JOIN persons p ON p.institution_id = r.institution_id "
                                    "AND p.id = r.representative_id WHERE r.institution_id = ? AND r.student_id = ? ORDER BY p.surname, p.name, p.id",
                     { inst, row.person }))
                row.representatives.push_back(people::full_name(p, 0));
            rows.push_back(std::move(row));
        }
        return Ok {};
    }));
    if (format == "csv") {
        docs::CsvWriter csv;
        csv.row({ catalog.format(lang, "attendance.unsigned.group"), catalog.format(lang, "attendance.unsigned.student"),
            catalog.format(lang, "attendance.unsigned.absences"), catalog.format(lang, "attendance.unsigned.report_card"),
            catalog.format(lang, "attendance.unsigned.representatives") });
        for (auto& r : rows) {
            std::string dates, reps;
            for (auto& d : r.absences)
                dates += (dates.empty() ? "" : ", ") + d;
            for (auto& p : r.representatives)
                reps += (reps.empty() ? "" : ", ") + p;
            csv.text(r.group_name).text(r.name).text(dates)
                .text(catalog.format(lang, r.card_signed ? "attendance.unsigned.signed" : "attendance.unsigned.not_signed"))
                .text(reps)
                .end_row();
        }
        auto resp = Response::text(200, csv.take(), std::string(docs::csv_media_type));
        resp.set_header("Content-Disposition", "attachment; filename=\"unsigned-" + year + "-" + std::to_string(term) + ".csv\"");
        return resp;
    }
    array items;
    for (auto& r : rows) {
        array dates, reps;
        for (auto& d : r.absences)
            dates.push_back(boost::json::value(d));
        for (auto& p : r.representatives)
            reps.push_back(boost::json::value(p));
        items.push_back(object { { "person_id", r.person }, { "full_name", r.name }, { "group_id", r.group_id }, { "group_name", r.group_name },
            { "unsigned_absences", dates }, { "report_card_signed", r.card_signed }, { "representatives", reps } });
    }
    return Response::ok(object { { "academic_year", year }, { "term", term }, { "items", items }, { "rule", "REP-2" } });
}

}

void detail::register_signature_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/groups/{id}/attendance/unsigned", journal_perm, policy::group_summary, Body::None, [](Context& ctx) -> Result<Response> {
        int64_t group = TRY(ctx.id_param("id"));
        return unsigned_list(ctx, group);
    });
    r.router.add("GET", "/api/v1/attendance/unsigned", manage_perm, policy::school_report, Body::None, [](Context& ctx) { return unsigned_list(ctx, std::nullopt); });
}

}
