#pragma once
// Student Government President election rules (seed 003 §8), pure: the calendar (ELEC-DAY-1,
// ELEC-REG-2, ELEC-CAMP-1), eligibility (ELEC-ELIG-1 with DISC-PEN-6 and ORG-7), the program's
// word limit (ELEC-REG-1), the ballot order (ELEC-DAY-3), paper counts (ELEC-CNT-1) and the
// result (ELEC-RES-1). The server clock is the authority; all instants are Unix milliseconds.
#include "core/clock.hpp"
#include "i18n/locale.hpp"
#include <optional>
#include <string>
#include <vector>

namespace kenes::elections {

struct Calendar {
    CivilDate election_day;
    UnixMillis voting_opens;            // 09:00 Almaty on election day
    UnixMillis voting_closes;           // 18:00
    UnixMillis registration_closes;     // end of the day 14 days before election day
    UnixMillis silence_starts;          // start of the day before election day
};

// ELEC-DAY-1: the last Friday of September of the academic year's first year (default).
CivilDate default_election_day(int academic_year_first);
Calendar calendar(const CivilDate& election_day);

// The instant of a local Almaty wall time.
UnixMillis almaty_instant(const CivilDate&, int hour, int minute);

bool registration_open(const Calendar&, UnixMillis now);                 // ELEC-REG-2
bool voting_open(const Calendar&, UnixMillis now);                       // ELEC-DAY-1
// ELEC-CAMP-1: from the publication of the candidate list until the day before election day.
bool campaigning_allowed(const Calendar&, std::optional<UnixMillis> list_published, UnixMillis now);

struct CandidateFacts {
    int course = 0;
    bool penalty_in_force = false;          // on the registration date (DISC-PEN-6, asked of discipline)
    bool academic_debt = false;
    bool leadership_experience = false;     // memberships in Kenes, or confirmed by the commission
    int consecutive_presidencies_ending_now = 0;
};
// ELEC-ELIG-1 (and ORG-7): the failed criteria, in a fixed order; empty when eligible.
// Codes: course, penalty, academic_debt, leadership, term_limit.
std::vector<std::string> failed_criteria(const CandidateFacts&);

// ELEC-REG-1: words of the program by ICU word boundaries (Kazakh, Russian or English).
size_t count_words(std::string_view utf8, Lang);
inline constexpr size_t max_program_words = 100;

struct BallotName {
    int64_t candidate_id;
    std::string surname, name, patronymic;
};
// ELEC-DAY-3: alphabetical by surname, name, patronymic in the ballot's language.
std::vector<BallotName> ballot_order(std::vector<BallotName>, Lang);

// ELEC-CNT-1: the counts of one polling station must add up: valid votes, invalid ballots and
// ballots of unknown form together are the ballots found, which cannot exceed those issued.
std::optional<std::string> paper_count_problem(const std::vector<int64_t>& votes_per_candidate, int64_t invalid, int64_t unknown_form, int64_t ballots_issued);

// ELEC-RES-1: plurality, valid whatever the turnout; a tie is never decided here.
struct Outcome {
    std::optional<int64_t> winner;          // candidate id
    std::vector<int64_t> tied;              // candidates sharing the most votes, when tied
};
Outcome plurality(const std::vector<std::pair<int64_t, int64_t>>& votes_per_candidate);

}
