// What attendance contributes to home pages: on the "needs you" list, the infractions the
// journal proposes to a curator (DISC-ESC-1), the unjustified absences a representative has not
// signed yet (REP-2) and the justifications waiting for the coordinator (ATT-1); in a person's
// overview, the student's term.
#include "modules/attendance/policy.hpp"
#include "modules/attendance/routes.hpp"
#include "modules/attendance/store.hpp"
#include "modules/people/people.hpp"

namespace kenes::attendance {

using boost::json::object;
using http::Need;

namespace {

std::vector<Need> needs_of(db::Tx& tx, const http::Viewer& v)
{
    std::vector<Need> out;
    auto& p = v.user;
    if (!p.person_id)
        return out;
    int64_t inst = p.institution_id, me = *p.person_id;
    if (p.can(journal_perm))
        for (auto& r : tx.query("SELECT x.id, x.kind, x.count, x.group_id, pp.surname, pp.name, pp.patronymic FROM attendance_proposals x "
                                "JOIN groups g ON g.institution_id = x.institution_id AND g.id = x.group_id "
                                "JOIN persons pp ON pp.institution_id = x.institution_id AND pp.id = x.person_id "
                                "WHERE x.institution_id = ? AND g.curator_person_id = ? AND x.status = 'pending' ORDER BY x.id LIMIT 20",
                 { inst, me }))
            out.push_back({ "attendance_proposal", journal_perm, &policy::resolve_proposal, r.i64(0), "/attendance/groups/" + std::to_string(r.i64(3)),
                object { { "student", people::full_name(r, 4) }, { "kind", r.str(1) }, { "count", r.i64(2) } }, "" });
    if (p.can(acknowledge_perm)) {
        auto year = academic_year_of(almaty::local_date(v.clock.now()));
        for (auto& r : tx.query("SELECT r.student_id, pp.surname, pp.name, pp.patronymic, COUNT(DISTINCT m.on_date) FROM representatives r "
                                "JOIN persons pp ON pp.institution_id = r.institution_id AND pp.id = r.student_id "
                                "JOIN attendance_marks m ON m.institution_id = r.institution_id AND m.person_id = r.student_id "
                                "WHERE r.institution_id = ? AND r.representative_id = ? AND m.on_date >= ? AND m.status = 'absent' AND m.reason IS NULL "
                                "AND NOT EXISTS (SELECT 1 FROM attendance_acknowledgements a WHERE a.institution_id = m.institution_id AND a.person_id = m.person_id "
                                "AND a.kind = 'absence' AND a.subject = m.on_date) GROUP BY r.student_id, pp.surname, pp.name, pp.patronymic",
                 { inst, me, year.substr(0, 4) + "-09-01" }))
            out.push_back({ "attendance_acknowledge", acknowledge_perm, &policy::acknowledge, r.i64(0), "/attendance/students/" + std::to_string(r.i64(0)),
                object { { "student", people::full_name(r, 1) }, { "count", r.i64(4) } }, "" });
    }
    if (p.can(manage_perm))
        for (auto& r : tx.query("SELECT j.id, j.reason, pp.surname, pp.name, pp.patronymic FROM attendance_justifications j "
                                "JOIN persons pp ON pp.institution_id = j.institution_id AND pp.id = j.person_id "
                                "WHERE j.institution_id = ? AND j.status = 'pending' ORDER BY j.submitted_at, j.id LIMIT 20",
                 { inst }))
            out.push_back({ "attendance_justification", manage_perm, &policy::decide_justification, r.i64(0), "/attendance/justifications",
                object { { "student", people::full_name(r, 2) }, { "reason", r.str(1) } }, "" });
    return out;
}

// The student's current term in the overview.
boost::json::value overview(db::Tx& tx, const http::Viewer& v, const authz::Facts&, int64_t person)
{
    int64_t inst = v.user.institution_id;
    auto today = almaty::local_date(v.clock.now()).iso();
    auto year = academic_year_of(*parse_iso_date(today));
    auto term = term_of(store::terms_of(tx, inst, year), today);
    if (!term || !people::is_student(tx, inst, person))
        return nullptr;
    auto c = tx.query_one("SELECT late, unjustified, justified FROM attendance_counts WHERE institution_id = ? AND person_id = ? AND academic_year = ? AND term = ?",
        { inst, person, year, term->number });
    return object { { "academic_year", year }, { "term", term->number }, { "late_days", c ? c->i64(0) : 0 }, { "unjustified_days", c ? c->i64(1) : 0 },
        { "justified_days", c ? c->i64(2) : 0 }, { "link", "/attendance/students/" + std::to_string(person) } };
}

}

void detail::register_needs(http::Registry& r)
{
    r.needs.push_back({ "attendance", needs_of });
    r.person_sections.push_back({ "attendance", &policy::person_attendance, overview });
}

}
