#include "modules/statements/rules.hpp"
#include <chrono>

namespace kenes::statements {

bool is_topic(std::string_view t)
{
    for (auto* x : topics)
        if (t == x)
            return true;
    return false;
}

namespace {

size_t utf8_chars(std::string_view s)
{
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80)
            ++n;
    return n;
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

}

std::optional<std::string> filing_refusal(const Filing& f)
{
    // APL-2: anonymous statements are not considered.
    if (!f.filer_person_id || *f.filer_person_id <= 0)
        return "anonymous";
    // APL-2: only a written statement with arguments.
    if (utf8_chars(trimmed(f.arguments)) < min_argument_chars)
        return "no_arguments";
    return std::nullopt;
}

std::optional<State> parse_state(std::string_view s)
{
    for (auto st : { State::Registered, State::Assigned, State::InProgress, State::Answered, State::Closed, State::Forwarded })
        if (s == state_name(st))
            return st;
    return std::nullopt;
}

const char* state_name(State s)
{
    switch (s) {
    case State::Registered: return "registered";
    case State::Assigned: return "assigned";
    case State::InProgress: return "in_progress";
    case State::Answered: return "answered";
    case State::Closed: return "closed";
    case State::Forwarded: return "forwarded";
    }
    return "?";
}

const char* action_name(Action a)
{
    switch (a) {
    case Action::Assign: return "assign";
    case Action::Start: return "start";
    case Action::Answer: return "answer";
    case Action::Close: return "close";
    case Action::Forward: return "forward";
    }
    return "?";
}

Transition transition(State from, Action a)
{
    auto to = [&]() -> std::optional<State> {
        switch (a) {
        // Assigned (or reassigned) while nobody has answered.
        case Action::Assign:
            if (from == State::Registered || from == State::Assigned || from == State::InProgress)
                return State::Assigned;
            break;
        case Action::Start:
            if (from == State::Assigned)
                return State::InProgress;
            break;
        // The answer is written by the one it is assigned to (or the administration): assigned first.
        case Action::Answer:
            if (from == State::Assigned || from == State::InProgress)
                return State::Answered;
            break;
        case Action::Close:
            if (from == State::Answered)
                return State::Closed;
            break;
        // Outside the administration's competence: sent on before it is answered.
        case Action::Forward:
            if (from == State::Registered || from == State::Assigned || from == State::InProgress)
                return State::Forwarded;
            break;
        }
        return std::nullopt;
    }();
    if (to)
        return { to, {} };
    return { std::nullopt, std::string("statements.transition_refused") };
}

bool awaits_answer(State s) { return s == State::Registered || s == State::Assigned || s == State::InProgress; }

CivilDate due_date(const CivilDate& from, int days, bool working_days)
{
    using namespace std::chrono;
    sys_days d = year(from.year) / month(from.month) / day(from.day);
    if (!working_days) {
        d += std::chrono::days(days);
    } else {
        int left = days;
        while (left > 0) {
            d += std::chrono::days(1);
            weekday wd(d);
            if (wd != Saturday && wd != Sunday)
                --left;
        }
    }
    year_month_day y(d);
    return { int(y.year()), unsigned(y.month()), unsigned(y.day()) };
}

bool overdue(State s, const CivilDate& due_on, const CivilDate& today) { return awaits_answer(s) && today > due_on; }

bool month_has_reception(const std::vector<std::string>& slot_dates, int year, unsigned month)
{
    CivilDate first { year, month, 1 };
    auto prefix = first.iso().substr(0, 8);   // "YYYY-MM-"
    for (auto& d : slot_dates)
        if (d.rfind(prefix, 0) == 0)
            return true;
    return false;
}

bool slot_bookable(const std::string& starts_at, const std::string& now_local) { return starts_at > now_local; }

}
