#pragma once
// The rules of discipline, pure: tiers and escalation (DISC-CAT-1, DISC-ESC-1), the versions of the
// catalogue (DISC-VER-1), measures and penalties (DISC-PEN-1..3) and their lapse (DISC-PEN-6),
// the phone rule (DISC-DEV-1). No I/O: the store gathers the facts, these functions decide and
// say why, so the page can show the arithmetic.
#include "core/clock.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kenes::discipline {

// DISC-CAT-1: three tiers, in increasing gravity.
enum class Tier { Minor = 1, Major = 2, Expulsion = 3 };
std::optional<Tier> parse_tier(std::string_view);
const char* tier_name(Tier);   // "minor", "major", "expulsion"

// DISC-VER-1: a kind of the catalogue as it stood from a date on; `tier` empty when the kind was
// removed from the catalogue on that date.
struct KindVersion {
    std::string effective_from;   // ISO date
    std::optional<Tier> tier;
};
struct AppliedTier {
    std::optional<Tier> tier;          // empty: no infraction any more (the kind was removed)
    std::string version_from;          // the version applied
    bool softened_retroactively = false;
};
// The version in force when consideration began applies, unless a later version in force today
// softens or removes it: those apply retroactively. `versions` in any order.
AppliedTier applicable_tier(std::vector<KindVersion> versions, const std::string& consideration_began, const std::string& today);

// DISC-ESC-1: a repeated infraction of the same kind within the institution's window climbs one
// tier per earlier one (a repeated minor one is major, a repeated major one expulsion-level).
inline constexpr int64_t default_repeat_window_days = 183;   // six months, as DISC-PEN-6 lapse
struct EarlierIncident {
    std::string kind_code;
    std::string on;   // ISO date
};
struct Escalation {
    Tier base;
    Tier tier;                   // after escalation
    int64_t earlier_same_kind;   // in the window
    std::string window_from;     // ISO date, inclusive
    int64_t window_days;
};
Escalation escalate(const std::string& kind_code, Tier base, const std::string& on, const std::vector<EarlierIncident>& earlier, int64_t window_days);

// DISC-ESC-1 with ATT-2 and ATT-4: lateness counts from the 4th in a term (a minor infraction);
// the 4th unjustified absence in a term is major. The count is the mark's position in its term.
enum class AttendanceMark { Late, UnjustifiedAbsence };
inline constexpr int64_t free_per_term = 3;
struct AttendanceProposal {
    std::string kind_code;   // catalogue code: "lateness" or "unjustified_absences"
    Tier tier;
};
std::optional<AttendanceProposal> attendance_escalation(AttendanceMark, int64_t count_in_term);

// DISC-PEN-1: educational measures come first; penalties in increasing order.
enum class Penalty { PublicApology = 1, Warning, Reprimand, SevereReprimand, Exclusion };
std::optional<Penalty> parse_penalty(std::string_view);
const char* penalty_name(Penalty);
bool is_educational_measure(std::string_view code);
const std::vector<std::string>& educational_measures();

// Why a decision cannot impose the penalty; empty when it may. The refusal's rule is its key.
struct DecisionFacts {
    std::optional<Penalty> penalty;
    int64_t measures_in_decision = 0;
    int64_t measures_before = 0;                   // applied to the student in earlier decisions
    bool reasons_given = false;                    // why the measures did not suffice
    bool teachers_council_extraordinary = false;   // the deciding session (DISC-PEN-3)
    std::optional<std::string> excused_reason;     // ATT-1 reason on the day of application (DISC-PEN-2)
};
struct Refusal {
    std::string rule;   // RULEBOOK ID
    std::string key;    // locale key of the message
};
std::optional<Refusal> decision_refusal(const DecisionFacts&);

// DISC-PEN-6: a student has no penalty after its withdrawal, or 6 months after the last penalty.
struct PenaltyRecord {
    CivilDate imposed_on;
    std::optional<CivilDate> withdrawn_on;
};
bool penalty_active(const std::vector<PenaltyRecord>&, const CivilDate& on);
// The day the student counts as having no penalty any more (none when nothing is in force on `on`).
std::optional<CivilDate> lapse_date(const std::vector<PenaltyRecord>&, const CivilDate& on);

// DISC-DEV-1: after a repeated withdrawal (the 2nd in the window) the phone is returned only to a
// legal representative.
bool return_only_to_representative(int64_t earlier_withdrawals_in_window);

}
