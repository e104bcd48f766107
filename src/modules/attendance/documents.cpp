#include "modules/attendance/documents.hpp"
#include "i18n/dates.hpp"
#include "docs/pdf.hpp"
#include "modules/attendance/rules.hpp"
#include "modules/people/people.hpp"
#include <array>
#include <map>
#include <set>

namespace kenes::attendance::documents {

namespace {

const char* sort_column(Lang lang)
{
    switch (lang) {
    case Lang::Ru: return "p.sort_ru";
    case Lang::En: return "p.sort_en";
    default: return "p.sort_kk";
    }
}

}

std::string journal(db::Tx& tx, const Catalog& c, Lang lang, int64_t inst, int64_t group, const std::string& from, const std::string& to, const std::string& period)
{
    auto g = tx.query_one("SELECT g.name, p.surname, p.name, p.patronymic FROM groups g LEFT JOIN persons p ON p.institution_id = g.institution_id "
                          "AND p.id = g.curator_person_id WHERE g.institution_id = ? AND g.id = ?",
        { inst, group });
    auto institution = tx.query_one("SELECT name FROM institutions WHERE id = ?", { inst });
    struct Student {
        int64_t id;
        std::string name;
    };
    std::vector<Student> students;
    for (auto& r : tx.query(std::string("SELECT p.id, p.surname, p.name, p.patronymic FROM students s JOIN persons p ON p.institution_id = s.institution_id "
                                        "AND p.id = s.person_id WHERE s.institution_id = ? AND s.group_id = ? AND s.status = 'studying' ORDER BY ")
                 + sort_column(lang) + ", p.id",
             { inst, group }))
        students.push_back({ r.i64(0), people::full_name(r, 1) });
    // Per student and day: the day's symbol (absent with or without a reason, late).
    std::map<int64_t, std::map<std::string, std::string>> cells;
    std::map<int64_t, std::array<int64_t, 3>> totals;   // late, unjustified, justified (marks)
    std::set<std::string> days;
    std::string absent = c.format(lang, "attendance.pdf.symbol_absent"), excused = c.format(lang, "attendance.pdf.symbol_excused"),
                late = c.format(lang, "attendance.pdf.symbol_late");
    for (auto& r : tx.query("SELECT person_id, on_date, lesson, status, reason FROM attendance_marks WHERE institution_id = ? AND group_id = ? AND on_date >= ? "
                            "AND on_date <= ? ORDER BY on_date, lesson",
             { inst, group, from, to })) {
        days.insert(r.str(1));
        auto status = r.str(3);
        auto& cell = cells[r.i64(0)][r.str(1)];
        auto& t = totals[r.i64(0)];
        if (status == "absent") {
            bool has_reason = !r.is_null(4);
            (has_reason ? t[2] : t[1])++;
            cell += (cell.empty() ? "" : " ") + (has_reason ? excused : absent);
        } else if (status == "late") {
            t[0]++;
            cell += (cell.empty() ? "" : " ") + late;
        }
    }
    auto long_day = [&](const std::string& iso) { auto d = parse_iso_date(iso); return d ? i18n::long_date(lang, *d) : iso; };
    docs::PdfWriter pdf;
    pdf.language(std::string(lang_code(lang)));
    pdf.number_pages();
    pdf.small(c.format(lang, "attendance.pdf.appendix"));
    pdf.title(c.format(lang, "attendance.pdf.title"));
    pdf.paragraph(c.format(lang, "attendance.pdf.heading", { { "institution", institution ? institution->str(0) : "" }, { "group", g ? g->str(0) : "" },
                                                            { "period", period }, { "from", long_day(from) }, { "to", long_day(to) } }));
    if (g && !g->is_null(1))
        pdf.paragraph(c.format(lang, "attendance.pdf.curator", { { "name", people::full_name(*g, 1) } }));
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> head { "№", c.format(lang, "attendance.pdf.student") };
    bool grid = days.size() <= 23;
    if (grid)
        for (auto& d : days)
            head.push_back(d.substr(8, 2));
    head.push_back(c.format(lang, "attendance.pdf.late"));
    head.push_back(c.format(lang, "attendance.pdf.unjustified"));
    head.push_back(c.format(lang, "attendance.pdf.justified"));
    // ATT-2, REP-2: the coordinator's journal is signed by the representative, day by day.
    head.push_back(c.format(lang, "attendance.pdf.representative_signed"));
    rows.push_back(head);
    std::map<int64_t, std::pair<int64_t, int64_t>> signed_days;   // signed, unjustified days
    for (auto& r : tx.query("SELECT m.person_id, m.on_date, EXISTS (SELECT 1 FROM attendance_acknowledgements a WHERE a.institution_id = m.institution_id "
                            "AND a.person_id = m.person_id AND a.kind = 'absence' AND a.subject = m.on_date) FROM attendance_marks m "
                            "WHERE m.institution_id = ? AND m.group_id = ? AND m.on_date >= ? AND m.on_date <= ? AND m.status = 'absent' AND m.reason IS NULL "
                            "GROUP BY m.person_id, m.on_date, m.institution_id",
             { inst, group, from, to })) {
        auto& x = signed_days[r.i64(0)];
        x.first += r.flag(2);
        x.second += 1;
    }
    int n = 0;
    for (auto& s : students) {
        std::vector<std::string> row { std::to_string(++n), s.name };
        if (grid)
            for (auto& d : days)
                row.push_back(cells[s.id][d]);
        auto t = totals[s.id];
        row.push_back(std::to_string(t[0]));
        row.push_back(std::to_string(t[1]));
        row.push_back(std::to_string(t[2]));
        auto sd = signed_days[s.id];
        row.push_back(sd.second ? std::to_string(sd.first) + "/" + std::to_string(sd.second) : "");
        rows.push_back(std::move(row));
    }
    std::vector<double> widths { 0.05, 0.28 };
    double rest = 1.0 - 0.33 - 3 * 0.06 - 0.13;
    if (grid)
        for (size_t i = 0; i < days.size(); ++i)
            widths.push_back(rest / double(days.size()));
    else
        widths[1] += rest;
    if (grid && days.empty())
        widths[1] += rest;
    for (int i = 0; i < 3; ++i)
        widths.push_back(0.06);
    widths.push_back(0.13);
    pdf.table(rows, widths, true);
    pdf.space(8);
    pdf.small(c.format(lang, "attendance.pdf.legend", { { "absent", absent }, { "excused", excused }, { "late", late } }));
    pdf.space(18);
    pdf.paragraph(c.format(lang, "attendance.pdf.signature"));
    return pdf.finish();
}

}
