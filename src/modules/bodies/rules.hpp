#pragma once
// The rules of a collegial body, pure: quorum and majority (MTG-3, MTG-4, MTG-5), composition
// (ORG-9), terms (ORG-7, ORG-8), recusal (MTG-6). Institutions set them per body as data; the
// presets carry the RULEBOOK defaults and the ID of the rule they come from.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kenes::bodies {

// "more than 2/3 of the composition", "at least 2/3", "more than 1/2 of those present" (MTG-5).
struct Threshold {
    enum class Base { Composition, Present, VotesCast };
    enum class Comparison { MoreThan, AtLeast };
    Base base = Base::Composition;
    Comparison comparison = Comparison::MoreThan;
    int64_t numerator = 1;
    int64_t denominator = 2;
    std::string rule;   // RULEBOOK ID the threshold comes from, e.g. "MTG-3"

    // The smallest whole number that satisfies the threshold for a base of `n`.
    int64_t needed(int64_t n) const;
};

struct BodyRules {
    Threshold quorum;
    Threshold majority;
    int64_t max_months_between_sessions = 6;        // MTG-1
    std::optional<int64_t> term_months;              // ORG-7 (12 for the President), ORG-8 (24)
    std::optional<int64_t> max_consecutive_terms;    // ORG-7: 2
    bool reappointment_allowed = true;               // ORG-8: false for awards and discipline
    bool odd_voting_members = false;                 // ORG-9
    int64_t min_voting_members = 0;                  // ORG-9: 7
    bool equal_per_school = false;                   // ORG-9, cities with two schools
    bool candidates_by_decision = false;             // ORG-6: the Council considers its candidates
};

// Presets per template (RULEBOOK defaults).
BodyRules default_rules();              // councils and assemblies: MTG-5 simple majorities
BodyRules disciplinary_rules();         // MTG-3, ORG-8
BodyRules hostel_commission_rules();    // MTG-4, ORG-9
BodyRules encouragement_rules();        // ORG-8
BodyRules student_government_rules();   // ORG-7
BodyRules council_rules();              // ORG-6

// ORG-6: the chair and vice-chair lead the Council by office; every other seat is either held ex
// officio (leadership of the institute or a faculty) or given by the Council's decision.
bool seat_needs_council_decision(const BodyRules&, const std::string& position, bool ex_officio);

// Quorum of a session: shown with its arithmetic, e.g. 7 of 9 voting members present; the rule
// needs more than 2/3 of 9, that is at least 7.
struct QuorumCheck {
    bool met;
    int64_t present;
    int64_t base;        // the number the fraction is taken of
    int64_t needed;
    const Threshold* rule;
};
QuorumCheck check_quorum(const BodyRules&, int64_t voting_members, int64_t voting_present);

struct Tally {
    int64_t yes = 0, no = 0, abstain = 0;
    int64_t cast() const { return yes + no + abstain; }
};
struct Outcome {
    bool adopted;
    int64_t base;
    int64_t needed;
};
// A motion passes when the yes votes reach the majority threshold (MTG-3: of those present;
// MTG-4: of the votes cast).
Outcome decide(const BodyRules&, const Tally&, int64_t voting_members, int64_t voting_present);

// MTG-1: a body must meet at least every max_months_between_sessions; one that never met counts
// from its creation. Whole months, by calendar day.
bool overdue(const BodyRules&, const std::optional<std::string>& last_session, const std::string& created_on, const std::string& today);
int64_t whole_months_between(const std::string& from, const std::string& to);

// Composition problems of a body's current voting members (ORG-9).
struct CompositionProblem {
    std::string code;    // "even", "too_few", "unequal_schools"
    std::string rule;    // "ORG-9"
};
std::vector<CompositionProblem> check_composition(const BodyRules&, int64_t voting_members, const std::vector<int64_t>& members_per_school = {});

// Whether a person may take a (new) membership, given their past terms in the same position of
// this body: ORG-7 (no more than two consecutive terms), ORG-8 (no re-appointment after a term).
struct PastTerm {
    std::string starts_on, ends_on;   // ISO dates; ends_on empty while running
};
std::optional<std::string> term_refusal(const BodyRules&, const std::vector<PastTerm>& same_position, const std::string& new_start);

// MTG-1: a session is convened for a day and a start time ("HH:MM", Almaty local). Until the start
// it is only scheduled: the agenda may be prepared, but nobody is marked present and no vote opens.
// The phase is derived from the clock, not stored, so no job has to flip it at the right second.
bool valid_start_time(std::string_view hhmm);
enum class SessionPhase { Scheduled, Open, Closed };
// `stored_status` is "open" (not closed yet) or "closed"; `local_now` is "YYYY-MM-DDTHH:MM" in Almaty.
SessionPhase session_phase(const std::string& stored_status, const std::string& held_on, const std::string& starts_at, const std::string& local_now);
const char* phase_name(SessionPhase);
// A session has been held once its start has come (whatever its state since).
bool session_started(const std::string& held_on, const std::string& starts_at, const std::string& local_now);

// MTG-7: protocols are numbered per body and academic year in the order the sessions are held, so
// a session convened later for an earlier date takes its place in the sequence. A protocol that
// has been signed keeps its number for ever (it is printed on paper and in the signed PDF); the
// other sessions take, in date order, the lowest numbers the signed ones leave free.
struct NumberedSession {
    int64_t id;
    std::string held_on, starts_at;
    int64_t number;
    bool signed_protocol;
};
// The number each session should carry, in the order given back (sorted by date, start, id).
std::vector<NumberedSession> renumber_by_date(std::vector<NumberedSession>);

}
