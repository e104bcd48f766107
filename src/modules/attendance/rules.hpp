#pragma once
// The rules of attendance, pure (seed 004 "Registering absent lessons"): the terms of an academic
// year and the term of a date, the marks of the journal, the justified reasons of ATT-1 with what
// each needs (the family-matters cap among them), and the counting that feeds DISC-ESC-1.
// No I/O: the store gathers the facts, these functions decide and say why.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kenes::attendance {

// GEN-2: an academic year "2026-2027" runs from September to the following summer. Terms are
// quarters in schools and semesters in colleges and universities, with the usual dates of
// Kazakhstan as the preset (documented in docs/architecture.md); the administration edits them.
struct Term {
    int64_t number = 0;         // 1-based within the academic year
    std::string starts_on;      // ISO date, inclusive
    std::string ends_on;        // ISO date, inclusive
};

// "school" -> 4 quarters; "college", "university" (and anything else) -> 2 semesters.
std::vector<Term> preset_terms(std::string_view institution_kind, const std::string& academic_year);
// The term a date falls in; none on a holiday between terms or outside the year.
std::optional<Term> term_of(const std::vector<Term>& terms, const std::string& iso_date);
// Why a set of terms cannot stand: "" when it can. Each within the academic year, in order, not
// overlapping, starts_on <= ends_on, 1 to 6 terms. The value is a field error code.
std::string terms_problem(const std::vector<Term>& terms, const std::string& academic_year);

// The journal's marks. A day without lessons is lesson 0 (the whole day).
enum class Mark { Present, Late, Absent };
std::optional<Mark> parse_mark(std::string_view);
const char* mark_name(Mark);
inline constexpr int64_t lessons_per_day = 7;

// ATT-1: the justified reasons.
enum class Reason { Illness, Doctor, Family, Olympiad, External };
std::optional<Reason> parse_reason(std::string_view);
const char* reason_name(Reason);   // "illness", "doctor", "family", "olympiad", "external"
const std::vector<std::string>& reason_names();
// Who may bring the reason: a legal representative submits illness, doctor visits and family
// matters; olympiads and external activities are registered by the coordinator.
bool representative_may_submit(Reason);
// What the coordinator needs before accepting it as justified.
bool needs_document(Reason);            // illness (on return), doctor (evidence), family (letter), external (request)
bool needs_principal(Reason);           // family (agreement), external (signature)

// ATT-1: family matters justify at most 10 days per academic year.
inline constexpr int64_t family_days_per_year = 10;
// The calendar days of a justification, from..to inclusive (0 when to < from).
int64_t days_between_inclusive(const std::string& from, const std::string& to);
struct Refusal {
    std::string rule;   // RULEBOOK ID
    std::string key;    // locale key of the message
};
struct AcceptFacts {
    Reason reason;
    bool has_document = false;
    bool principal_agreed = false;
    int64_t days = 0;                  // of this justification
    int64_t family_days_before = 0;    // family days already accepted this academic year
};
// Why the coordinator cannot accept it as justified; empty when they can. The 10th family day is
// accepted, the 11th refused (ATT-1).
std::optional<Refusal> acceptance_refusal(const AcceptFacts&);

// DISC-ESC-1 counts days, not lessons: a day with at least one late mark is one lateness; a day
// with at least one absence without an accepted reason is one unjustified absence; a day with a
// justified absence is one justified absence.
struct DayState {
    bool late = false;
    bool unjustified = false;
    bool justified = false;
    bool operator==(const DayState&) const = default;
};
struct MarkOfDay {
    Mark mark;
    bool justified = false;   // an absence with an accepted reason
};
DayState day_state(const std::vector<MarkOfDay>&);
// The change of a student's term counters when a day goes from `before` to `after`: -1, 0 or +1 each.
struct CountDelta {
    int64_t late = 0;
    int64_t unjustified = 0;
    int64_t justified = 0;
};
CountDelta delta(const DayState& before, const DayState& after);

}
