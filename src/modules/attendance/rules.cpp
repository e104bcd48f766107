#include "modules/attendance/rules.hpp"
#include "core/clock.hpp"
#include <algorithm>
#include <chrono>

namespace kenes::attendance {

namespace {

std::optional<std::chrono::sys_days> days_of(const std::string& iso)
{
    auto d = parse_iso_date(iso);
    if (!d)
        return std::nullopt;
    return std::chrono::sys_days(std::chrono::year_month_day(std::chrono::year(d->year), std::chrono::month(d->month), std::chrono::day(d->day)));
}

std::string date(int year, int month, int day)
{
    return CivilDate { year, unsigned(month), unsigned(day) }.iso();
}

}

// The preset dates, the usual ones of the ministry's yearly order (they move by a few days from
// year to year; the administration corrects them):
//  schools:   I 1 Sep - 26 Oct, II 3 Nov - 28 Dec, III 8 Jan - 19 Mar, IV 30 Mar - 25 May;
//  colleges and universities: 1st semester 1 Sep - 31 Dec, 2nd 1 Jan - 30 Jun (exam sessions and
//  practice included; the winter holidays fall inside the second semester's first week).
std::vector<Term> preset_terms(std::string_view kind, const std::string& academic_year)
{
    int first = 0;
    try {
        first = std::stoi(academic_year.substr(0, 4));
    } catch (...) {
        return {};
    }
    int second = first + 1;
    if (kind == "school")
        return { { 1, date(first, 9, 1), date(first, 10, 26) }, { 2, date(first, 11, 3), date(first, 12, 28) },
            { 3, date(second, 1, 8), date(second, 3, 19) }, { 4, date(second, 3, 30), date(second, 5, 25) } };
    return { { 1, date(first, 9, 1), date(first, 12, 31) }, { 2, date(second, 1, 1), date(second, 6, 30) } };
}

std::optional<Term> term_of(const std::vector<Term>& terms, const std::string& iso_date)
{
    for (auto& t : terms)
        if (t.starts_on <= iso_date && iso_date <= t.ends_on)
            return t;
    return std::nullopt;
}

std::string terms_problem(const std::vector<Term>& terms, const std::string& academic_year)
{
    if (terms.empty() || terms.size() > 6)
        return "terms_count";
    int first = 0;
    try {
        first = std::stoi(academic_year.substr(0, 4));
        if (academic_year.size() != 9 || academic_year[4] != '-' || std::stoi(academic_year.substr(5)) != first + 1)
            return "invalid";
    } catch (...) {
        return "invalid";
    }
    // GEN-2: from September of the first year to the end of August of the second.
    std::string lo = date(first, 9, 1), hi = date(first + 1, 8, 31);
    std::string previous_end;
    for (auto& t : terms) {
        if (!parse_iso_date(t.starts_on) || !parse_iso_date(t.ends_on))
            return "invalid";
        if (t.starts_on > t.ends_on)
            return "term_order";
        if (t.starts_on < lo || t.ends_on > hi)
            return "outside_year";
        if (!previous_end.empty() && t.starts_on <= previous_end)
            return "terms_overlap";
        previous_end = t.ends_on;
    }
    return "";
}

std::optional<Mark> parse_mark(std::string_view s)
{
    if (s == "present")
        return Mark::Present;
    if (s == "late")
        return Mark::Late;
    if (s == "absent")
        return Mark::Absent;
    return std::nullopt;
}

const char* mark_name(Mark m)
{
    switch (m) {
    case Mark::Present: return "present";
    case Mark::Late: return "late";
    case Mark::Absent: return "absent";
    }
    return "present";
}

const std::vector<std::string>& reason_names()
{
    static const std::vector<std::string> names { "illness", "doctor", "family", "olympiad", "external" };
    return names;
}

std::optional<Reason> parse_reason(std::string_view s)
{
    auto& names = reason_names();
    for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == s)
            return Reason(i);
    return std::nullopt;
}

const char* reason_name(Reason r) { return reason_names().at(size_t(r)).c_str(); }

bool representative_may_submit(Reason r) { return r == Reason::Illness || r == Reason::Doctor || r == Reason::Family; }
bool needs_document(Reason r) { return r != Reason::Olympiad; }
bool needs_principal(Reason r) { return r == Reason::Family || r == Reason::External; }

int64_t days_between_inclusive(const std::string& from, const std::string& to)
{
    auto a = days_of(from), b = days_of(to);
    if (!a || !b || *b < *a)
        return 0;
    return (*b - *a).count() + 1;
}

std::optional<Refusal> acceptance_refusal(const AcceptFacts& f)
{
    // ATT-1: what each reason needs.
    if (needs_document(f.reason) && !f.has_document)
        return Refusal { "ATT-1", "rule.attendance_document_needed" };
    if (needs_principal(f.reason) && !f.principal_agreed)
        return Refusal { "ATT-1", "rule.attendance_principal_needed" };
    // ATT-1: family matters, at most 10 days per academic year.
    if (f.reason == Reason::Family && f.family_days_before + f.days > family_days_per_year)
        return Refusal { "ATT-1", "rule.attendance_family_cap" };
    return std::nullopt;
}

DayState day_state(const std::vector<MarkOfDay>& marks)
{
    DayState s;
    for (auto& m : marks) {
        if (m.mark == Mark::Late)
            s.late = true;
        if (m.mark == Mark::Absent && m.justified)
            s.justified = true;
        if (m.mark == Mark::Absent && !m.justified)
            s.unjustified = true;
    }
    return s;
}

CountDelta delta(const DayState& before, const DayState& after)
{
    return { int64_t(after.late) - int64_t(before.late), int64_t(after.unjustified) - int64_t(before.unjustified),
        int64_t(after.justified) - int64_t(before.justified) };
}

}
