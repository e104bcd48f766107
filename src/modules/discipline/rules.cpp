#include "modules/discipline/rules.hpp"
#include <algorithm>
#include <array>
#include <chrono>

namespace kenes::discipline {

namespace c = std::chrono;

namespace {

c::sys_days days_of(const CivilDate& d) { return c::sys_days(c::year(d.year) / c::month(d.month) / c::day(d.day)); }

CivilDate date_of(c::sys_days d)
{
    c::year_month_day ymd(d);
    return { int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()) };
}

// Adding months keeps the day, or takes the month's last day when it has none (Aug 31 + 6 = Feb 28).
CivilDate plus_months(const CivilDate& d, int months)
{
    auto ymd = c::year_month_day(days_of(d)) + c::months(months);
    return date_of(ymd.ok() ? c::sys_days(ymd) : c::sys_days(ymd.year() / ymd.month() / c::last));
}

constexpr std::array<const char*, 3> tier_names { "minor", "major", "expulsion" };
constexpr std::array<const char*, 5> penalty_names { "public_apology", "warning", "reprimand", "severe_reprimand", "exclusion" };

}

std::optional<Tier> parse_tier(std::string_view s)
{
    for (size_t i = 0; i < tier_names.size(); ++i)
        if (s == tier_names[i])
            return Tier(i + 1);
    return std::nullopt;
}

const char* tier_name(Tier t) { return tier_names[size_t(t) - 1]; }

AppliedTier applicable_tier(std::vector<KindVersion> versions, const std::string& began, const std::string& today)
{
    std::sort(versions.begin(), versions.end(), [](auto& a, auto& b) { return a.effective_from < b.effective_from; });
    const KindVersion* at_start = nullptr;
    const KindVersion* now = nullptr;
    for (auto& v : versions) {
        if (v.effective_from <= began)
            at_start = &v;
        if (v.effective_from <= today)
            now = &v;
    }
    if (!at_start)   // the kind did not exist yet when consideration began: nothing to apply
        return { std::nullopt, {}, false };
    AppliedTier applied { at_start->tier, at_start->effective_from, false };
    // Softer or removed today: the later version applies retroactively.
    if (now && now != at_start && applied.tier && (!now->tier || *now->tier < *applied.tier))
        applied = { now->tier, now->effective_from, true };
    return applied;
}

Escalation escalate(const std::string& kind_code, Tier base, const std::string& on, const std::vector<EarlierIncident>& earlier, int64_t window_days)
{
    auto day = parse_iso_date(on);
    std::string from = day ? date_of(days_of(*day) - c::days(window_days - 1)).iso() : on;
    int64_t n = std::count_if(earlier.begin(), earlier.end(), [&](auto& e) { return e.kind_code == kind_code && e.on >= from && e.on <= on; });
    int tier = std::min<int64_t>(int(base) + n, int(Tier::Expulsion));
    return { base, Tier(tier), n, from, window_days };
}

std::optional<AttendanceProposal> attendance_escalation(AttendanceMark mark, int64_t count_in_term)
{
    // One proposal per term and mark: at the 4th. Later ones are the same infraction, repeated,
    // and the curator records them from the journal if they see fit.
    if (count_in_term != free_per_term + 1)
        return std::nullopt;
    if (mark == AttendanceMark::Late)
        return AttendanceProposal { "lateness", Tier::Minor };
    return AttendanceProposal { "unjustified_absences", Tier::Major };
}

std::optional<Penalty> parse_penalty(std::string_view s)
{
    for (size_t i = 0; i < penalty_names.size(); ++i)
        if (s == penalty_names[i])
            return Penalty(i + 1);
    return std::nullopt;
}

const char* penalty_name(Penalty p) { return penalty_names[size_t(p) - 1]; }

const std::vector<std::string>& educational_measures()
{
    static const std::vector<std::string> all { "conversation", "parents_meeting", "psychologist", "mentor", "behaviour_plan" };
    return all;
}

bool is_educational_measure(std::string_view code)
{
    auto& all = educational_measures();
    return std::find(all.begin(), all.end(), code) != all.end();
}

std::optional<Refusal> decision_refusal(const DecisionFacts& f)
{
    if (!f.penalty) {
        if (f.measures_in_decision == 0)
            return Refusal { "DISC-PEN-1", "rule.discipline.nothing_decided" };
        return std::nullopt;
    }
    // Measures first: a penalty follows measures applied earlier or in the same decision, and the
    // decision says why they did not suffice.
    if (f.measures_before + f.measures_in_decision == 0)
        return Refusal { "DISC-PEN-1", "rule.discipline.measures_first" };
    if (!f.reasons_given)
        return Refusal { "DISC-PEN-1", "rule.discipline.reasons_needed" };
    if (*f.penalty == Penalty::Exclusion && !f.teachers_council_extraordinary)
        return Refusal { "DISC-PEN-3", "rule.discipline.exclusion_needs_council" };
    if (f.excused_reason)
        return Refusal { "DISC-PEN-2", "rule.discipline.student_excused" };
    return std::nullopt;
}

bool penalty_active(const std::vector<PenaltyRecord>& penalties, const CivilDate& on) { return lapse_date(penalties, on).has_value(); }

std::optional<CivilDate> lapse_date(const std::vector<PenaltyRecord>& penalties, const CivilDate& on)
{
    std::optional<CivilDate> last;
    for (auto& p : penalties) {
        bool in_force = p.imposed_on <= on && !(p.withdrawn_on && *p.withdrawn_on <= on);
        if (in_force && (!last || *last < p.imposed_on))
            last = p.imposed_on;
    }
    if (!last)
        return std::nullopt;
    auto lapse = plus_months(*last, 6);
    if (!(on < lapse))
        return std::nullopt;
    // A withdrawal of that last penalty before the six months end lifts it earlier.
    for (auto& p : penalties)
        if (p.imposed_on == *last && p.withdrawn_on && *p.withdrawn_on < lapse)
            lapse = *p.withdrawn_on;
    return lapse;
}

bool return_only_to_representative(int64_t earlier_withdrawals_in_window) { return earlier_withdrawals_in_window >= 1; }

}
