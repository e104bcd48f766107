#pragma once
// The rules of written statements, the ombudsman and personal reception, pure (seed 004 "Resolving
// disputes", seed 003 §4.6): topics (APL-1), a written statement with arguments from an identified
// filer (APL-2), the states of a statement and its deadline, reception at least once a month
// (APL-3). No I/O: the store gathers the facts, these functions decide and say why.
#include "core/clock.hpp"
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kenes::statements {

// APL-1: what a student (personally or through a representative) may address the administration
// on: safety, the educational process and teaching quality, the library, the canteen, medical
// services and other departments; and statements about students and staff members.
inline constexpr const char* topics[] = { "safety", "education", "library", "canteen", "medical", "other_department", "students", "staff" };
bool is_topic(std::string_view);

// APL-2: a dispute is considered only on a written statement with arguments; anonymous statements
// are not considered. The filer is always an identified person (the signed-in student or their
// representative, or the person a staff member names when registering a paper statement).
inline constexpr size_t min_argument_chars = 10;
struct Filing {
    std::optional<int64_t> filer_person_id;   // empty: nobody identified (refused)
    std::string arguments;                    // the statement's arguments, as written
};
// Empty when the statement may be registered; otherwise "anonymous" or "no_arguments".
std::optional<std::string> filing_refusal(const Filing&);

// The states of a statement. Forwarded: outside the administration's competence, sent on with a
// record of to whom and why (a final state like closed).
enum class State { Registered, Assigned, InProgress, Answered, Closed, Forwarded };
std::optional<State> parse_state(std::string_view);
const char* state_name(State);
enum class Action { Assign, Start, Answer, Close, Forward };
const char* action_name(Action);
// The state after the action, or why it is refused ("statement.transition.<from>.<action>").
struct Transition {
    std::optional<State> to;
    std::string refusal;   // catalog key when refused
};
Transition transition(State from, Action);
// States in which the administration still owes an answer (counted against the deadline).
bool awaits_answer(State);

// The deadline: the institution sets the number of days and whether they are working days
// (Monday to Friday; public holidays are not modelled). Default: 15 working days.
inline constexpr int default_answer_days = 15;
inline constexpr bool default_working_days = true;
CivilDate due_date(const CivilDate& registered_on, int days, bool working_days);
// Overdue: the answer is still owed and the due date has passed (escalated to the administration).
bool overdue(State, const CivilDate& due_on, const CivilDate& today);

// APL-3: personal reception at least once a month per the approved schedule. `slot_dates` are the
// ISO dates of the published slots; true when one falls in the month.
bool month_has_reception(const std::vector<std::string>& slot_dates, int year, unsigned month);
// A slot can be booked only while it is ahead (`now_local` and `starts_at` as "YYYY-MM-DDTHH:MM").
bool slot_bookable(const std::string& starts_at, const std::string& now_local);

}
