#pragma once
// The rules of rewarding students, pure (seed 004 "Rewarding the students", AWD-1..AWD-5): the
// kinds of awards and whom they go to, the nomination deadline, whether a nomination was discussed
// where it must be, who of the encouragement commission is recused, and the places that follow from
// the members' scores with a stated tie-break.
#include "core/clock.hpp"
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kenes::awards {

// AWD-1: the kinds the regulation names; the principal adds others (stored, code "custom_<id>").
const std::vector<std::string_view>& preset_kinds();   // letter_of_gratitude, certificate, student_of_year, shanyrak_of_year, publication
bool is_preset_kind(std::string_view);
// AWD-1: personal (a student) and collective (a Shanyrak, a group, a team) awards. "Student of the
// year" is personal, "Shanyrak of the year" goes to a Shanyrak; the other kinds to anyone.
bool recipient_allowed(std::string_view kind, std::string_view recipient_kind);
// The two contests the commission decides (AWD-3, AWD-4), by the kind they award.
bool is_contest(std::string_view kind);   // student_of_year, shanyrak_of_year
// How many places the commission picks: 1st, 2nd and 3rd for "Student of the year" (AWD-3), the
// winner for "Best Shanyrak" (AWD-4).
int places_of(std::string_view contest);

// AWD-3, AWD-4: nominees are presented to the commission 10 days before the last month of the
// academic year. `last_day` is the last day of the year's last term (the academic calendar); the
// last month is that day's month, and the deadline (inclusive) is 10 days before its first day.
CivilDate nomination_deadline(const CivilDate& last_day);
bool nomination_in_time(const CivilDate& presented_on, const CivilDate& last_day);

CivilDate add_days(const CivilDate&, int days);

// A discussion of a nomination (AWD-3, AWD-4): where and what was decided.
struct Discussion {
    std::string forum;      // "shanyrak_meeting" | "pedagogical_meeting" | "shanyrak_union"
    bool supported = false;
};
// Why a nomination may not be presented, as an error code ("" when it may):
//   "no_shanyrak_meeting", "no_pedagogical_meeting" — AWD-3/AWD-4: discussed at both;
//   "not_supported"     — a forum decided against it (for a Shanyrak, agreed by both or by the union);
//   "disagreement"      — AWD-4: the Shanyrak meeting and the pedagogical meeting disagree on a
//                         Shanyrak and the Shanyrak unions have not decided;
//   "union_not_for_students" — the unions decide only on Shanyraks.
std::string nomination_problem(std::string_view contest, const std::vector<Discussion>&);

// Recusal (AWD-3, AWD-4 with MTG-6): a commission member related to a nominee does not score it.
struct MemberTies {
    int64_t person_id = 0;
    std::optional<int64_t> shanyrak_id;           // the member's own Shanyrak
    std::vector<int64_t> represented_students;    // kin: the member is their legal representative
    std::vector<int64_t> represented_shanyraks;   // the Shanyraks of those students
};
struct Nominee {
    std::optional<int64_t> student_id;            // "Student of the year"
    std::optional<int64_t> student_shanyrak_id;
    std::optional<int64_t> shanyrak_id;           // "Best Shanyrak"
};
// "self", "own_shanyrak", "kin", or "" when the member scores the nominee.
std::string recusal_reason(const MemberTies&, const Nominee&);

// Scores are whole numbers 1..10.
inline constexpr int min_score = 1, max_score = 10;
struct Score {
    int64_t member_id = 0;
    int64_t nominee_id = 0;
    int score = 0;
};
struct Standing {
    int64_t nominee_id = 0;
    int64_t score_sum = 0;
    int64_t score_count = 0;
    int64_t first_ranks = 0;       // members who gave it their highest score
    int64_t median_x2 = 0;         // twice the median score (stays whole)
    int place = 0;                 // 1-based order; 0 when it has no scores
    // Why it stands above the next nominee when their mean scores are equal: "first_ranks",
    // "median", "earlier_nomination"; "" when the mean alone decides.
    std::string tie_break;
};
// The places: by mean score (members recused from a nominee do not lower it); equal means are
// ordered by more first-rank scores, then the higher median, then the nomination presented
// earlier (the smaller id). `nominees` are in the order they were presented.
std::vector<Standing> rank(const std::vector<int64_t>& nominees, const std::vector<Score>&);

}
