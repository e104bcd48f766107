#include "modules/attendance/demo.hpp"
#include "modules/attendance/store.hpp"
#include <chrono>

namespace kenes::attendance {

namespace {

constexpr int64_t day_millis = 24 * 3600 * 1000LL;

// The school days (Monday to Friday) before today within a term of today's academic year, oldest first.
std::vector<std::string> school_days(db::Tx& tx, const Clock& clock, int64_t inst, int count)
{
    auto today = almaty::local_date(clock.now());
    auto year = academic_year_of(today);
    auto terms = store::ensure_terms(tx, clock, inst, year);
    std::vector<std::string> out;
    for (int back = 1; back < 60 && int(out.size()) < count; ++back) {
        auto d = almaty::local_date(clock.now() - back * day_millis);
        auto weekday = std::chrono::weekday(std::chrono::sys_days(std::chrono::year_month_day(std::chrono::year(d.year), std::chrono::month(d.month), std::chrono::day(d.day))));
        if (weekday == std::chrono::Saturday || weekday == std::chrono::Sunday)
            continue;
        if (academic_year_of(d) != year || !term_of(terms, d.iso()))
            break;
        out.insert(out.begin(), d.iso());
    }
    return out;
}

}

void seed_demo(db::Tx& tx, const Clock& clock, int64_t inst, const std::vector<int64_t>& groups, int64_t demo_student)
{
    audit::Actor system { std::nullopt, "system" };
    auto days = school_days(tx, clock, inst, 15);
    if (days.empty())
        return;
    // Әлия was ill on the first day (a justification her father brought, accepted) and absent
    // without a reason on the last one (for him to sign, REP-2).
    std::string ill = days.front(), truant = days.back();
    int64_t justification = tx.next_id();
    std::string note = "%PDF-1.4\n% Медициналық анықтама / Медицинская справка (демо)\n%%EOF\n";
    tx.exec("INSERT INTO attendance_justifications (institution_id, id, person_id, academic_year, reason, from_date, to_date, note, status, submitted_at, "
            "decided_at, principal_agreed, file_type, file_size, file_sha256, file_data) VALUES (?, ?, ?, ?, 'illness', ?, ?, ?, 'accepted', ?, ?, 0, "
            "'application/pdf', ?, '', ?)",
        { inst, justification, demo_student, academic_year_of(*parse_iso_date(ill)), ill, ill, "Тұмау, дәрігер анықтамасы / Грипп, справка врача", clock.now(),
            clock.now(), int64_t(note.size()), db::Blob { note } });
    for (size_t g = 0; g < groups.size(); ++g) {
        std::vector<int64_t> students;
        for (auto& r : tx.query("SELECT person_id FROM students WHERE institution_id = ? AND group_id = ? AND status = 'studying' ORDER BY person_id", { inst, groups[g] }))
            students.push_back(r.i64(0));
        for (size_t d = 0; d < days.size(); ++d) {
            store::MarkRequest q { groups[g], days[d], 0, Mark::Present, {} };
            for (size_t i = 0; i < students.size(); ++i) {
                int64_t s = students[i];
                if (s == demo_student) {
                    if (days[d] == ill || days[d] == truant)
                        q.exceptions.push_back({ s, Mark::Absent, std::nullopt });
                    continue;
                }
                // In the curator's group one student is late every third day: the 4th lateness of
                // the term waits for the curator as a proposed infraction (DISC-ESC-1).
                if (g == 0 && i == 1 && d % 3 == 0)
                    q.exceptions.push_back({ s, Mark::Late, int64_t(5 + d) });
                else if ((i * 7 + d * 3 + g) % 41 == 0)
                    q.exceptions.push_back({ s, Mark::Late, int64_t(3 + i % 10) });
                else if ((i * 5 + d * 11 + g) % 53 == 0)
                    q.exceptions.push_back({ s, Mark::Absent, std::nullopt });
            }
            (void)store::mark_group(tx, clock, system, inst, q);
        }
    }
}

}
