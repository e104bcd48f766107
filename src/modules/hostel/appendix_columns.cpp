#include "modules/hostel/appendix_columns.hpp"
#include "i18n/dates.hpp"
#include "modules/people/people.hpp"

namespace kenes::hostel::appendix {

StudentColumns student_columns(db::Tx& tx, const Catalog& cat, Lang lang, int64_t inst, int64_t student, std::string residence)
{
    StudentColumns out;
    if (auto p = tx.query_one("SELECT p.birth_date, p.gender, s.grade, s.course FROM persons p LEFT JOIN students s ON s.institution_id = p.institution_id "
                              "AND s.person_id = p.id WHERE p.institution_id = ? AND p.id = ?",
            { inst, student })) {
        if (!p->is_null(0))
            if (auto d = parse_iso_date(p->str(0)))
                out.birth_date = i18n::long_date(lang, *d);
        if (!p->is_null(1))
            out.gender = cat.format(lang, "hostel.appendix.gender_" + p->str(1));
        if (!p->is_null(2))
            out.grade = std::to_string(p->i64(2));
        else if (!p->is_null(3))
            out.grade = std::to_string(p->i64(3));
    }
    if (residence.empty())
        if (auto a = tx.query_one("SELECT home_locality FROM hostel_applications WHERE institution_id = ? AND student_id = ? ORDER BY registered_at DESC, id DESC LIMIT 1",
                { inst, student }))
            residence = a->str(0);
    out.residence = residence;
    for (auto& r : tx.query("SELECT r.kind, p.surname, p.name, p.patronymic, p.phone FROM representatives r JOIN persons p ON p.institution_id = r.institution_id "
                            "AND p.id = r.representative_id WHERE r.institution_id = ? AND r.student_id = ? ORDER BY r.kind, p.id",
             { inst, student })) {
        std::string who = people::full_name(r, 1) + (r.is_null(4) ? std::string() : ", " + r.str(4));
        auto& slot = r.str(0) == "father" ? out.father : r.str(0) == "mother" ? out.mother : (out.father.empty() ? out.father : out.mother);
        if (slot.empty())
            slot = who;
    }
    return out;
}

std::string student_cell(const std::string& name, const StudentColumns& s)
{
    std::string out = name;
    for (auto* part : { &s.birth_date, &s.gender, &s.grade })
        if (!part->empty())
            out += "\n" + *part;
    return out;
}

std::string representatives_cell(const Catalog& cat, Lang lang, const StudentColumns& s)
{
    std::string out;
    if (!s.father.empty())
        out += cat.format(lang, "hostel.appendix.father_short") + ": " + s.father;
    if (!s.mother.empty())
        out += (out.empty() ? "" : "\n") + cat.format(lang, "hostel.appendix.mother_short") + ": " + s.mother;
    return out;
}

}
