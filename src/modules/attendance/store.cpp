#include "modules/attendance/store.hpp"
#include "modules/attendance/attendance.hpp"
#include "modules/discipline/rules.hpp"
#include "modules/notifications/notifications.hpp"
#include "modules/people/people.hpp"
#include <set>

namespace kenes::attendance::store {

using boost::json::array;
using boost::json::object;

std::string institution_kind(db::Tx& tx, int64_t inst)
{
    auto r = tx.query_one("SELECT kind FROM institutions WHERE id = ?", { inst });
    return r ? r->str(0) : "college";
}

bool by_lesson(db::Tx& tx, int64_t inst)
{
    auto r = tx.query_one("SELECT attendance_by_lesson FROM institutions WHERE id = ?", { inst });
    return r && r->flag(0);
}

std::vector<Term> terms_of(db::Tx& tx, int64_t inst, const std::string& year, bool* stored)
{
    std::vector<Term> out;
    for (auto& r : tx.query("SELECT number, starts_on, ends_on FROM attendance_terms WHERE institution_id = ? AND academic_year = ? ORDER BY number", { inst, year }))
        out.push_back({ r.i64(0), r.str(1), r.str(2) });
    if (stored)
        *stored = !out.empty();
    if (out.empty())
        out = preset_terms(institution_kind(tx, inst), year);
    return out;
}

void replace_terms(db::Tx& tx, const Clock& clock, std::optional<int64_t> by, int64_t inst, const std::string& year, const std::vector<Term>& terms)
{
    tx.exec("DELETE FROM attendance_terms WHERE institution_id = ? AND academic_year = ?", { inst, year });
    for (auto& t : terms)
        tx.exec("INSERT INTO attendance_terms (institution_id, academic_year, number, starts_on, ends_on, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            { inst, year, t.number, t.starts_on, t.ends_on, db::nullable(by), clock.now() });
}

std::vector<Term> ensure_terms(db::Tx& tx, const Clock& clock, int64_t inst, const std::string& year)
{
    bool stored = false;
    auto terms = terms_of(tx, inst, year, &stored);
    if (!stored)
        replace_terms(tx, clock, std::nullopt, inst, year, terms);
    return terms;
}

namespace {

struct StoredMark {
    int64_t lesson;
    Mark mark;
    std::optional<int64_t> minutes;
    std::optional<std::string> reason;
    std::optional<int64_t> justification;
};

DayState state_of(const std::map<int64_t, StoredMark>& lessons)
{
    std::vector<MarkOfDay> marks;
    for (auto& [lesson, m] : lessons)
        marks.push_back({ m.mark, m.reason.has_value() });
    return day_state(marks);
}

struct Counts {
    int64_t late = 0, unjustified = 0;
};

Counts add_to_counts(db::Tx& tx, int64_t inst, int64_t person, const std::string& year, int64_t term, const CountDelta& d)
{
    tx.exec("INSERT INTO attendance_counts (institution_id, person_id, academic_year, term, late, unjustified, justified) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (institution_id, person_id, academic_year, term) DO UPDATE SET late = attendance_counts.late + excluded.late, "
            "unjustified = attendance_counts.unjustified + excluded.unjustified, justified = attendance_counts.justified + excluded.justified",
        { inst, person, year, term, d.late, d.unjustified, d.justified });
    auto r = tx.query_one("SELECT late, unjustified FROM attendance_counts WHERE institution_id = ? AND person_id = ? AND academic_year = ? AND term = ?",
        { inst, person, year, term });
    return { r->i64(0), r->i64(1) };
}

const char* kind_of(discipline::AttendanceMark m) { return m == discipline::AttendanceMark::Late ? "lateness" : "unjustified_absences"; }

// DISC-ESC-1: a counter went up or down; at the 4th in the term an infraction is proposed to the
// curator (once per term and kind while one stands); when the count falls below it again (a
// re-mark, a justification) a proposal still waiting is withdrawn.
void follow_count(db::Tx& tx, const Clock& clock, int64_t inst, int64_t person, int64_t group, const std::string& year, int64_t term,
    discipline::AttendanceMark what, int64_t step, int64_t count, const std::string& on, std::vector<int64_t>& created)
{
    const char* kind = kind_of(what);
    if (step > 0) {
        if (!discipline::attendance_escalation(what, count))
            return;
        if (tx.query_one("SELECT 1 FROM attendance_proposals WHERE institution_id = ? AND person_id = ? AND academic_year = ? AND term = ? AND kind = ? "
                         "AND status IN ('pending', 'confirmed')",
                { inst, person, year, term, kind }))
            return;
        int64_t id = tx.next_id();
        tx.exec("INSERT INTO attendance_proposals (institution_id, id, person_id, group_id, academic_year, term, kind, count, on_date, status, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
            { inst, id, person, group, year, term, kind, count, on, clock.now() });
        audit::record(tx, clock, { inst, { std::nullopt, "system" }, "attendance.propose", "attendance_proposal", id, nullptr,
            object { { "person_id", person }, { "kind", kind }, { "count", count }, { "term", term }, { "academic_year", year }, { "rule", "DISC-ESC-1" } } });
        created.push_back(id);
    } else if (step < 0 && count <= discipline::free_per_term) {
        for (auto& r : tx.query("SELECT id FROM attendance_proposals WHERE institution_id = ? AND person_id = ? AND academic_year = ? AND term = ? AND kind = ? "
                                "AND status = 'pending'",
                 { inst, person, year, term, kind })) {
            tx.exec("UPDATE attendance_proposals SET status = 'withdrawn', resolved_at = ? WHERE institution_id = ? AND id = ?", { clock.now(), inst, r.i64(0) });
            audit::record(tx, clock, { inst, { std::nullopt, "system" }, "attendance.proposal_withdrawn", "attendance_proposal", r.i64(0),
                object { { "status", "pending" } }, object { { "status", "withdrawn" }, { "count", count } } });
        }
    }
}

void notify_absence(db::Tx& tx, const Clock& clock, int64_t inst, int64_t person, const std::string& on)
{
    auto p = tx.query_one("SELECT surname, name, patronymic FROM persons WHERE institution_id = ? AND id = ?", { inst, person });
    if (!p)
        return;
    // REP-1, ATT-2: the representatives learn of the unjustified absence and come to sign it (REP-2).
    notifications::notify_each(tx, clock, inst, representatives_of(tx, inst, person), "attendance_absence",
        "attendance.absent:" + std::to_string(person) + ":" + on, object { { "person_id", person }, { "student", people::full_name(*p, 0) }, { "date", on } });
}

// Applies a day's change of state for one student: counters, proposals, notices.
void day_changed(db::Tx& tx, const Clock& clock, int64_t inst, int64_t person, int64_t group, const std::string& on, const DayState& before,
    const DayState& after, std::vector<int64_t>& created, const std::vector<Term>* known_terms = nullptr)
{
    if (before == after)
        return;
    auto year = academic_year_of(*parse_iso_date(on));
    auto term = term_of(known_terms ? *known_terms : terms_of(tx, inst, year), on);
    if (!term)
        return;
    auto d = delta(before, after);
    auto counts = add_to_counts(tx, inst, person, year, term->number, d);
    if (d.late)
        follow_count(tx, clock, inst, person, group, year, term->number, discipline::AttendanceMark::Late, d.late, counts.late, on, created);
    if (d.unjustified)
        follow_count(tx, clock, inst, person, group, year, term->number, discipline::AttendanceMark::UnjustifiedAbsence, d.unjustified, counts.unjustified, on, created);
    if (d.unjustified > 0)
        notify_absence(tx, clock, inst, person, on);
}

object mark_json(const StoredMark& m)
{
    object o { { "lesson", m.lesson }, { "status", mark_name(m.mark) } };
    if (m.minutes)
        o["late_minutes"] = *m.minutes;
    if (m.reason)
        o["reason"] = *m.reason;
    return o;
}

}

std::vector<int64_t> representatives_of(db::Tx& tx, int64_t inst, int64_t student)
{
    std::vector<int64_t> out;
    for (auto& r : tx.query("SELECT representative_id FROM representatives WHERE institution_id = ? AND student_id = ? ORDER BY representative_id", { inst, student }))
        out.push_back(r.i64(0));
    return out;
}

Result<MarkResult> mark_group(db::Tx& tx, const Clock& clock, const audit::Actor& actor, int64_t inst, const MarkRequest& q)
{
    auto date = parse_iso_date(q.date);
    auto year = academic_year_of(*date);
    auto terms = ensure_terms(tx, clock, inst, year);
    if (!term_of(terms, q.date))
        return Error::field("date", "not_in_term");
    std::vector<int64_t> students;
    for (auto& r : tx.query("SELECT person_id FROM students WHERE institution_id = ? AND group_id = ? AND status = 'studying' ORDER BY person_id", { inst, q.group_id }))
        students.push_back(r.i64(0));
    std::set<int64_t> in_group(students.begin(), students.end());
    std::map<int64_t, const Exception*> exceptions;
    std::vector<FieldError> errors;
    for (size_t i = 0; i < q.exceptions.size(); ++i) {
        auto& e = q.exceptions[i];
        if (!in_group.contains(e.person_id))
            errors.push_back({ "exceptions[" + std::to_string(i) + "].person_id", "not_in_group" });
        else if (!exceptions.emplace(e.person_id, &e).second)
            errors.push_back({ "exceptions[" + std::to_string(i) + "].person_id", "duplicate" });
    }
    if (!errors.empty())
        return Error::validation(std::move(errors));

    // Every mark of these students on the day (all lessons), and the accepted justifications that cover it.
    std::map<int64_t, std::map<int64_t, StoredMark>> day;
    for (auto& r : tx.query("SELECT m.person_id, m.lesson, m.status, m.late_minutes, m.reason, m.justification_id FROM attendance_marks m "
                            "WHERE m.institution_id = ? AND m.group_id = ? AND m.on_date = ?",
             { inst, q.group_id, q.date }))
        if (in_group.contains(r.i64(0)))
            day[r.i64(0)][r.i64(1)] = { r.i64(1), *parse_mark(r.str(2)), r.opt_i64(3), r.opt_str(4), r.opt_i64(5) };
    // A student who joined the group lately may have marks of the day under another group.
    for (auto person : students)
        if (!day.contains(person))
            for (auto& r : tx.query("SELECT lesson, status, late_minutes, reason, justification_id FROM attendance_marks WHERE institution_id = ? AND person_id = ? "
                                    "AND on_date = ? AND group_id <> ?",
                     { inst, person, q.date, q.group_id }))
                day[person][r.i64(0)] = { r.i64(0), *parse_mark(r.str(1)), r.opt_i64(2), r.opt_str(3), r.opt_i64(4) };
    std::map<int64_t, std::pair<int64_t, std::string>> justified;
    for (auto& r : tx.query("SELECT j.person_id, j.id, j.reason FROM attendance_justifications j JOIN students s ON s.institution_id = j.institution_id "
                            "AND s.person_id = j.person_id WHERE j.institution_id = ? AND s.group_id = ? AND j.status = 'accepted' AND j.from_date <= ? "
                            "AND j.to_date >= ?",
             { inst, q.group_id, q.date, q.date }))
        justified[r.i64(0)] = { r.i64(1), r.str(2) };

    MarkResult result;
    result.students = int64_t(students.size());
    array before_json, after_json;
    for (auto person : students) {
        StoredMark next { q.lesson, q.default_mark, std::nullopt, std::nullopt, std::nullopt };
        if (auto e = exceptions.find(person); e != exceptions.end()) {
            next.mark = e->second->mark;
            if (next.mark == Mark::Late)
                next.minutes = e->second->late_minutes;
        }
        if (next.mark == Mark::Absent)
            if (auto j = justified.find(person); j != justified.end()) {
                next.justification = j->second.first;
                next.reason = j->second.second;
            }
        auto& lessons = day[person];
        auto old = lessons.find(q.lesson);
        if (old != lessons.end() && old->second.mark == next.mark && old->second.minutes == next.minutes && old->second.reason == next.reason)
            continue;
        DayState before = state_of(lessons);
        if (old != lessons.end()) {
            auto b = mark_json(old->second);
            b["person_id"] = person;
            before_json.push_back(std::move(b));
        }
        auto a = mark_json(next);
        a["person_id"] = person;
        after_json.push_back(std::move(a));
        tx.exec("INSERT INTO attendance_marks (institution_id, person_id, on_date, lesson, group_id, status, late_minutes, reason, justification_id, marked_by, marked_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (institution_id, person_id, on_date, lesson) DO UPDATE SET group_id = excluded.group_id, "
                "status = excluded.status, late_minutes = excluded.late_minutes, reason = excluded.reason, justification_id = excluded.justification_id, "
                "marked_by = excluded.marked_by, marked_at = excluded.marked_at",
            { inst, person, q.date, q.lesson, q.group_id, mark_name(next.mark), db::nullable(next.minutes), db::nullable(next.reason),
                db::nullable(next.justification), db::nullable(actor.user_id), clock.now() });
        lessons[q.lesson] = next;
        day_changed(tx, clock, inst, person, q.group_id, q.date, before, state_of(lessons), result.proposals, &terms);
        ++result.changed;
    }
    audit::record(tx, clock, { inst, actor, "attendance.mark", "group", q.group_id, before_json.empty() ? boost::json::value(nullptr) : boost::json::value(before_json),
        object { { "date", q.date }, { "lesson", q.lesson }, { "default", mark_name(q.default_mark) }, { "students", result.students }, { "changed", after_json } } });
    return result;
}

void apply_justification(db::Tx& tx, const Clock& clock, int64_t inst, int64_t id)
{
    auto j = tx.query_one("SELECT person_id, reason, from_date, to_date FROM attendance_justifications WHERE institution_id = ? AND id = ?", { inst, id });
    if (!j)
        return;
    int64_t person = j->i64(0);
    std::string reason = j->str(1);
    auto group = tx.query_one("SELECT group_id FROM students WHERE institution_id = ? AND person_id = ?", { inst, person });
    int64_t group_id = group && !group->is_null(0) ? group->i64(0) : 0;
    std::map<std::string, std::map<int64_t, StoredMark>> days;
    for (auto& r : tx.query("SELECT on_date, lesson, status, late_minutes, reason, justification_id FROM attendance_marks WHERE institution_id = ? AND person_id = ? "
                            "AND on_date >= ? AND on_date <= ?",
             { inst, person, j->str(2), j->str(3) }))
        days[r.str(0)][r.i64(1)] = { r.i64(1), *parse_mark(r.str(2)), r.opt_i64(3), r.opt_str(4), r.opt_i64(5) };
    std::vector<int64_t> created;
    for (auto& [on, lessons] : days) {
        DayState before = state_of(lessons);
        for (auto& [lesson, m] : lessons)
            if (m.mark == Mark::Absent && !m.reason) {
                m.reason = reason;
                m.justification = id;
            }
        tx.exec("UPDATE attendance_marks SET reason = ?, justification_id = ? WHERE institution_id = ? AND person_id = ? AND on_date = ? AND status = 'absent' "
                "AND reason IS NULL",
            { reason, id, inst, person, on });
        day_changed(tx, clock, inst, person, group_id, on, before, state_of(lessons), created);
    }
}

int64_t family_days_used(db::Tx& tx, int64_t inst, int64_t person, const std::string& year)
{
    int64_t used = 0;
    for (auto& r : tx.query("SELECT from_date, to_date FROM attendance_justifications WHERE institution_id = ? AND person_id = ? AND reason = 'family' "
                            "AND status = 'accepted' AND academic_year = ?",
             { inst, person, year }))
        used += days_between_inclusive(r.str(0), r.str(1));
    return used;
}

void recount_year(db::Tx& tx, int64_t inst, const std::string& year)
{
    auto terms = terms_of(tx, inst, year);
    int first = std::stoi(year.substr(0, 4));
    tx.exec("DELETE FROM attendance_counts WHERE institution_id = ? AND academic_year = ?", { inst, year });
    std::map<std::pair<int64_t, int64_t>, CountDelta> counts;
    for (auto& r : tx.query("SELECT person_id, on_date, MAX(CASE WHEN status = 'late' THEN 1 ELSE 0 END), "
                            "MAX(CASE WHEN status = 'absent' AND reason IS NULL THEN 1 ELSE 0 END), MAX(CASE WHEN status = 'absent' AND reason IS NOT NULL THEN 1 ELSE 0 END) "
                            "FROM attendance_marks WHERE institution_id = ? AND on_date >= ? AND on_date <= ? GROUP BY person_id, on_date",
             { inst, std::to_string(first) + "-09-01", std::to_string(first + 1) + "-08-31" })) {
        auto term = term_of(terms, r.str(1));
        if (!term)
            continue;
        auto& c = counts[{ r.i64(0), term->number }];
        c.late += r.i64(2);
        c.unjustified += r.i64(3);
        c.justified += r.i64(4);
    }
    for (auto& [key, c] : counts)
        tx.exec("INSERT INTO attendance_counts (institution_id, person_id, academic_year, term, late, unjustified, justified) VALUES (?, ?, ?, ?, ?, ?, ?)",
            { inst, key.first, year, key.second, c.late, c.unjustified, c.justified });
}

object justification_json(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT j.id, j.person_id, j.reason, j.from_date, j.to_date, j.note, j.status, j.submitted_at, j.decided_at, j.refusal_reason, "
                          "j.principal_agreed, j.file_type, j.file_size, j.file_sha256, j.academic_year, p.surname, p.name, p.patronymic, j.submitted_by "
                          "FROM attendance_justifications j JOIN persons p ON p.institution_id = j.institution_id AND p.id = j.person_id "
                          "WHERE j.institution_id = ? AND j.id = ?",
        { inst, id });
    if (!r)
        return {};
    object o { { "id", r->i64(0) }, { "person_id", r->i64(1) }, { "reason", r->str(2) }, { "from", r->str(3) }, { "to", r->str(4) }, { "note", r->str(5) },
        { "status", r->str(6) }, { "submitted_at", almaty::iso_datetime(r->i64(7)) },
        { "decided_at", r->is_null(8) ? boost::json::value(nullptr) : boost::json::value(almaty::iso_datetime(r->i64(8))) },
        { "refusal_reason", r->is_null(9) ? boost::json::value(nullptr) : boost::json::value(r->str(9)) }, { "principal_agreed", r->flag(10) },
        { "days", days_between_inclusive(r->str(3), r->str(4)) }, { "academic_year", r->str(14) }, { "student", people::full_name(*r, 15) },
        { "submitted_by", r->is_null(18) ? boost::json::value(nullptr) : boost::json::value(r->i64(18)) } };
    if (!r->is_null(11))
        o["document"] = object { { "content_type", r->str(11) }, { "size", r->i64(12) }, { "sha256", r->str(13) } };
    else
        o["document"] = nullptr;
    return o;
}

object proposal_json(const db::Row& r)
{
    return object { { "id", r.i64(0) }, { "person_id", r.i64(1) }, { "academic_year", r.str(2) }, { "term", r.i64(3) }, { "kind", r.str(4) },
        { "count", r.i64(5) }, { "date", r.str(6) }, { "status", r.str(7) }, { "created_at", almaty::iso_datetime(r.i64(8)) },
        { "resolved_at", r.is_null(9) ? boost::json::value(nullptr) : boost::json::value(almaty::iso_datetime(r.i64(9))) },
        { "dismiss_reason", r.is_null(10) ? boost::json::value(nullptr) : boost::json::value(r.str(10)) },
        { "incident_id", r.is_null(11) ? boost::json::value(nullptr) : boost::json::value(r.i64(11)) }, { "student", people::full_name(r, 12) },
        { "tier", r.str(4) == "lateness" ? "minor" : "major" }, { "rule", "DISC-ESC-1" } };
}

}

namespace kenes::attendance {

std::optional<std::string> excused_reason_on(db::Tx& tx, int64_t inst, int64_t person, const std::string& iso_date)
{
    if (auto r = tx.query_one("SELECT reason FROM attendance_marks WHERE institution_id = ? AND person_id = ? AND on_date = ? AND status = 'absent' "
                              "AND reason IS NOT NULL ORDER BY lesson LIMIT 1",
            { inst, person, iso_date }))
        return r->str(0);
    // An accepted justification for the day counts before the journal has it (an illness that goes on).
    if (auto r = tx.query_one("SELECT reason FROM attendance_justifications WHERE institution_id = ? AND person_id = ? AND status = 'accepted' "
                              "AND from_date <= ? AND to_date >= ? ORDER BY id LIMIT 1",
            { inst, person, iso_date, iso_date }))
        return r->str(0);
    return std::nullopt;
}

}

namespace kenes::attendance {

std::string last_day_of_year(db::Tx& tx, int64_t inst, const std::string& academic_year)
{
    std::string last;
    for (auto& t : store::terms_of(tx, inst, academic_year))
        last = std::max(last, t.ends_on);
    return last;
}

}
