// SQL for persons and their student, staff and representative records.
#include "core/text.hpp"
#include "modules/people/policy.hpp"
#include "i18n/collation.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include "security/sessions.hpp"
#include <algorithm>

namespace kenes::people {

using boost::json::array;
using boost::json::object;
using modules::json_or_null;

std::string full_name(const std::string& surname, const std::string& name, const std::optional<std::string>& patronymic)
{
    return surname + " " + name + (patronymic ? " " + *patronymic : "");
}

std::string full_name(const db::Row& r, size_t at) { return full_name(r.str(at), r.str(at + 1), r.opt_str(at + 2)); }

bool is_student(db::Tx& tx, int64_t institution_id, int64_t person_id)
{
    return tx.query_one("SELECT 1 FROM students WHERE institution_id = ? AND person_id = ?", { institution_id, person_id }).has_value();
}

std::string name_of(db::Tx& tx, int64_t institution_id, int64_t person_id)
{
    auto r = tx.query_one("SELECT surname, name, patronymic FROM persons WHERE institution_id = ? AND id = ?", { institution_id, person_id });
    return r ? full_name(*r, 0) : std::string();
}

bool exists(db::Tx& tx, int64_t institution_id, int64_t person_id)
{
    return tx.query_one("SELECT 1 FROM persons WHERE institution_id = ? AND id = ?", { institution_id, person_id }).has_value();
}

static void refresh_keys(db::Tx& tx, int64_t inst, int64_t id)
{
    auto p = tx.query_one("SELECT p.surname, p.name, p.patronymic, s.student_number FROM persons p "
                          "LEFT JOIN students s ON s.institution_id = p.institution_id AND s.person_id = p.id WHERE p.institution_id = ? AND p.id = ?",
        { inst, id });
    std::string surname = p->str(0), name = p->str(1), patronymic = p->str(2);
    std::string search = text::search_fold(surname + " " + name + " " + patronymic + " " + p->str(3));
    tx.exec("UPDATE persons SET search_key = ?, sort_kk = ?, sort_ru = ?, sort_en = ? WHERE institution_id = ? AND id = ?",
        { search, db::Blob { collation::name_sort_key(Lang::Kk, surname, name, patronymic) },
            db::Blob { collation::name_sort_key(Lang::Ru, surname, name, patronymic) },
            db::Blob { collation::name_sort_key(Lang::En, surname, name, patronymic) }, inst, id });
}

int64_t insert_person(db::Tx& tx, const Clock& clock, int64_t inst, const PersonFields& f)
{
    int64_t id = tx.next_id();
    int64_t now = clock.now();
    std::string patronymic = f.patronymic.value_or("");
    tx.exec("INSERT INTO persons (institution_id, id, surname, name, patronymic, birth_date, gender, email, phone, search_key, sort_kk, sort_ru, sort_en, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        { inst, id, f.surname, f.name, db::nullable(f.patronymic), db::nullable(f.birth_date), db::nullable(f.gender), db::nullable(f.email),
            db::nullable(f.phone), text::search_fold(f.surname + " " + f.name + " " + patronymic),
            db::Blob { collation::name_sort_key(Lang::Kk, f.surname, f.name, patronymic) },
            db::Blob { collation::name_sort_key(Lang::Ru, f.surname, f.name, patronymic) },
            db::Blob { collation::name_sort_key(Lang::En, f.surname, f.name, patronymic) }, now, now });
    return id;
}

void update_person(db::Tx& tx, const Clock& clock, int64_t inst, int64_t id, const PersonFields& f)
{
    tx.exec("UPDATE persons SET surname = ?, name = ?, patronymic = ?, birth_date = ?, gender = ?, email = ?, phone = ?, updated_at = ? "
            "WHERE institution_id = ? AND id = ?",
        { f.surname, f.name, db::nullable(f.patronymic), db::nullable(f.birth_date), db::nullable(f.gender), db::nullable(f.email),
            db::nullable(f.phone), clock.now(), inst, id });
    refresh_keys(tx, inst, id);
}

void put_student(db::Tx& tx, int64_t inst, int64_t person_id, const StudentFields& s)
{
    tx.exec("INSERT INTO students (institution_id, person_id, student_number, course, grade, group_id, status, academic_debt) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (institution_id, person_id) DO UPDATE SET student_number = excluded.student_number, course = excluded.course, "
            "grade = excluded.grade, group_id = excluded.group_id, status = excluded.status, academic_debt = excluded.academic_debt",
        { inst, person_id, s.student_number, db::nullable(s.course), db::nullable(s.grade), db::nullable(s.group_id), s.status, int64_t(s.academic_debt) });
    refresh_keys(tx, inst, person_id);
}

// Legal representatives of `student_id` whose reason to sign in ends with that student: no other
// child still at the institution, and not staff or a student themselves.
static std::vector<int64_t> representatives_left_without_child(db::Tx& tx, int64_t inst, int64_t student_id)
{
    std::vector<int64_t> ids;
    for (auto& r : tx.query("SELECT r.representative_id FROM representatives r WHERE r.institution_id = ? AND r.student_id = ? "
                            "AND NOT EXISTS (SELECT 1 FROM representatives o JOIN students s ON s.institution_id = o.institution_id AND s.person_id = o.student_id "
                            "  WHERE o.institution_id = r.institution_id AND o.representative_id = r.representative_id AND o.student_id <> r.student_id "
                            "  AND s.status NOT IN ('expelled', 'graduated')) "
                            "AND NOT EXISTS (SELECT 1 FROM staff t WHERE t.institution_id = r.institution_id AND t.person_id = r.representative_id) "
                            "AND NOT EXISTS (SELECT 1 FROM students t WHERE t.institution_id = r.institution_id AND t.person_id = r.representative_id)",
             { inst, student_id }))
        ids.push_back(r.i64(0));
    return ids;
}

void deactivate_if_left(db::Tx& tx, const Clock& clock, const audit::Actor& actor, int64_t inst, int64_t person_id, const std::string& status)
{
    if (status != "expelled" && status != "graduated")
        return;
    for (int64_t user_id : sessions::disable_accounts_of_person(tx, inst, person_id))
        audit::record(tx, clock, { inst, actor, "user.deactivate", "user", user_id, object { { "disabled", false } },
            object { { "disabled", true }, { "person_id", person_id }, { "status", status } } });
    // A parent keeps access while another child of theirs still studies here.
    for (int64_t parent_id : representatives_left_without_child(tx, inst, person_id))
        for (int64_t user_id : sessions::disable_accounts_of_person(tx, inst, parent_id))
            audit::record(tx, clock, { inst, actor, "user.deactivate", "user", user_id, object { { "disabled", false } },
                object { { "disabled", true }, { "person_id", parent_id }, { "child_id", person_id }, { "status", status } } });
}

void put_staff(db::Tx& tx, int64_t inst, int64_t person_id, const std::string& position)
{
    tx.exec("INSERT INTO staff (institution_id, person_id, position) VALUES (?, ?, ?) "
            "ON CONFLICT (institution_id, person_id) DO UPDATE SET position = excluded.position",
        { inst, person_id, position });
}

void link_representative(db::Tx& tx, int64_t inst, int64_t student_id, int64_t representative_id, const std::string& kind)
{
    tx.exec("INSERT INTO representatives (institution_id, student_id, representative_id, kind) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (institution_id, student_id, representative_id) DO UPDATE SET kind = excluded.kind",
        { inst, student_id, representative_id, kind });
}

bool may_see_sensitive(db::Tx& tx, const Principal& p, int64_t person_id)
{
    auto facts = policy::person_facts(tx, p, person_id);
    return facts && authz::allows(policy::read_sensitive, *facts);
}

// Links of one person are a handful of rows: they are sorted here rather than by ORDER BY, which
// would tempt SQLite into walking the whole persons sort index instead of the link index.
static db::Rows in_name_order(db::Rows rows, size_t sort_column)
{
    std::sort(rows.begin(), rows.end(), [&](const db::Row& a, const db::Row& b) {
        auto ka = a.blob(sort_column), kb = b.blob(sort_column);
        return ka != kb ? ka < kb : a.i64(0) < b.i64(0);
    });
    return rows;
}

array children_of(db::Tx& tx, int64_t inst, int64_t person_id)
{
    array out;
    for (auto& r : in_name_order(tx.query("SELECT p.id, p.surname, p.name, p.patronymic, r.kind, p.sort_kk FROM representatives r "
                                          "JOIN persons p ON p.institution_id = r.institution_id AND p.id = r.student_id "
                                          "WHERE r.institution_id = ? AND r.representative_id = ?",
                                     { inst, person_id }),
             5))
        out.push_back(object { { "person_id", r.i64(0) }, { "full_name", full_name(r.str(1), r.str(2), r.opt_str(3)) }, { "kind", r.str(4) } });
    return out;
}

object person_detail(db::Tx& tx, int64_t inst, int64_t id, Sensitive sensitive)
{
    auto r = tx.query_one(
        "SELECT p.id, p.surname, p.name, p.patronymic, p.birth_date, p.gender, p.email, p.phone, "
        "s.student_number, s.course, s.grade, s.group_id, g.name, s.status, s.academic_debt, st.position, "
        "EXISTS (SELECT 1 FROM representatives r WHERE r.institution_id = p.institution_id AND r.representative_id = p.id), "
        "(SELECT u.id FROM users u WHERE u.institution_id = p.institution_id AND u.person_id = p.id ORDER BY u.id LIMIT 1) "
        "FROM persons p "
        "LEFT JOIN students s ON s.institution_id = p.institution_id AND s.person_id = p.id "
        "LEFT JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id "
        "LEFT JOIN staff st ON st.institution_id = p.institution_id AND st.person_id = p.id "
        "WHERE p.institution_id = ? AND p.id = ?",
        { inst, id });
    if (!r)
        return {};
    array kinds;
    object out { { "id", r->i64(0) }, { "surname", r->str(1) }, { "name", r->str(2) }, { "patronymic", json_or_null(r->opt_str(3)) },
        { "full_name", full_name(r->str(1), r->str(2), r->opt_str(3)) } };
    if (!r->is_null(8)) {
        kinds.emplace_back("student");
        out["student"] = object { { "student_number", r->str(8) }, { "course", json_or_null(r->opt_i64(9)) }, { "grade", json_or_null(r->opt_i64(10)) },
            { "group_id", json_or_null(r->opt_i64(11)) }, { "group_name", json_or_null(r->opt_str(12)) }, { "status", r->str(13) },
            { "academic_debt", r->flag(14) } };
    } else {
        out["student"] = nullptr;
    }
    if (!r->is_null(15)) {
        kinds.emplace_back("staff");
        out["staff"] = object { { "position", r->str(15) } };
    } else {
        out["staff"] = nullptr;
    }
    if (r->flag(16))
        kinds.emplace_back("representative");
    out["kinds"] = kinds;
    out["user_id"] = json_or_null(r->opt_i64(17));
    if (sensitive == Sensitive::Hidden) {
        out["restricted"] = true;
        return out;
    }
    out["restricted"] = false;
    out["birth_date"] = json_or_null(r->opt_str(4));
    out["gender"] = json_or_null(r->opt_str(5));
    out["email"] = json_or_null(r->opt_str(6));
    out["phone"] = json_or_null(r->opt_str(7));
    array reps;
    for (auto& rep : in_name_order(tx.query("SELECT p.id, p.surname, p.name, p.patronymic, r.kind, p.phone, p.email, p.sort_kk FROM representatives r "
                                            "JOIN persons p ON p.institution_id = r.institution_id AND p.id = r.representative_id "
                                            "WHERE r.institution_id = ? AND r.student_id = ?",
                                       { inst, id }),
             7))
        reps.push_back(object { { "person_id", rep.i64(0) }, { "full_name", full_name(rep.str(1), rep.str(2), rep.opt_str(3)) }, { "kind", rep.str(4) },
            { "phone", json_or_null(rep.opt_str(5)) }, { "email", json_or_null(rep.opt_str(6)) } });
    out["representatives"] = reps;
    out["children"] = children_of(tx, inst, id);
    return out;
}

}
