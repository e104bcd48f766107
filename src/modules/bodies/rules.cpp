#include "modules/bodies/rules.hpp"
#include "core/clock.hpp"
#include <algorithm>
#include <set>
#include <tuple>

namespace kenes::bodies {

int64_t Threshold::needed(int64_t n) const
{
    // more than a/b of n: floor(n*a/b) + 1;  at least a/b of n: ceil(n*a/b)
    int64_t product = n * numerator;
    if (comparison == Comparison::MoreThan)
        return product / denominator + 1;
    return (product + denominator - 1) / denominator;
}

BodyRules default_rules()
{
    BodyRules r;
    r.quorum = { Threshold::Base::Composition, Threshold::Comparison::MoreThan, 1, 2, "MTG-5" };
    r.majority = { Threshold::Base::Present, Threshold::Comparison::MoreThan, 1, 2, "MTG-5" };
    return r;
}

BodyRules disciplinary_rules()
{
    BodyRules r;
    // MTG-3: valid with more than two thirds of the members; decisions by a majority of those present.
    r.quorum = { Threshold::Base::Composition, Threshold::Comparison::MoreThan, 2, 3, "MTG-3" };
    r.majority = { Threshold::Base::Present, Threshold::Comparison::MoreThan, 1, 2, "MTG-3" };
    r.term_months = 24;                // ORG-8
    r.reappointment_allowed = false;   // ORG-8
    return r;
}

BodyRules hostel_commission_rules()
{
    BodyRules r;
    // MTG-4: quorum at least 2/3 of the approved composition; simple majority of the votes.
    r.quorum = { Threshold::Base::Composition, Threshold::Comparison::AtLeast, 2, 3, "MTG-4" };
    r.majority = { Threshold::Base::VotesCast, Threshold::Comparison::MoreThan, 1, 2, "MTG-4" };
    r.odd_voting_members = true;   // ORG-9
    r.min_voting_members = 7;      // ORG-9
    return r;
}

BodyRules encouragement_rules()
{
    BodyRules r = default_rules();
    r.term_months = 24;                // ORG-8
    r.reappointment_allowed = false;   // ORG-8
    return r;
}

BodyRules student_government_rules()
{
    BodyRules r = default_rules();
    r.term_months = 12;            // ORG-7: one academic year
    r.max_consecutive_terms = 2;   // ORG-7
    return r;
}

BodyRules council_rules()
{
    BodyRules r = default_rules();
    r.candidates_by_decision = true;   // ORG-6
    return r;
}

bool seat_needs_council_decision(const BodyRules& rules, const std::string& position, bool ex_officio)
{
    return rules.candidates_by_decision && !ex_officio && position != "chair" && position != "vice_chair";
}

QuorumCheck check_quorum(const BodyRules& rules, int64_t voting_members, int64_t voting_present)
{
    int64_t base = rules.quorum.base == Threshold::Base::Composition ? voting_members : voting_present;
    int64_t needed = rules.quorum.needed(base);
    return { voting_members > 0 && voting_present >= needed, voting_present, base, needed, &rules.quorum };
}

Outcome decide(const BodyRules& rules, const Tally& t, int64_t voting_members, int64_t voting_present)
{
    int64_t base = 0;
    switch (rules.majority.base) {
    case Threshold::Base::Composition: base = voting_members; break;
    case Threshold::Base::Present: base = voting_present; break;
    case Threshold::Base::VotesCast: base = t.yes + t.no; break;   // abstentions are not votes for or against
    }
    int64_t needed = rules.majority.needed(base);
    return { base > 0 && t.yes >= needed, base, needed };
}

int64_t whole_months_between(const std::string& from, const std::string& to)
{
    auto a = parse_iso_date(from), b = parse_iso_date(to);
    if (!a || !b)
        return 0;
    return int64_t(b->year - a->year) * 12 + int64_t(b->month) - int64_t(a->month) - (b->day < a->day ? 1 : 0);
}

bool overdue(const BodyRules& rules, const std::optional<std::string>& last_session, const std::string& created_on, const std::string& today)
{
    return whole_months_between(last_session.value_or(created_on), today) >= rules.max_months_between_sessions;
}

std::vector<CompositionProblem> check_composition(const BodyRules& rules, int64_t voting_members, const std::vector<int64_t>& per_school)
{
    std::vector<CompositionProblem> out;
    if (rules.odd_voting_members && voting_members % 2 == 0)
        out.push_back({ "even", "ORG-9" });
    if (voting_members < rules.min_voting_members)
        out.push_back({ "too_few", "ORG-9" });
    if (rules.equal_per_school && per_school.size() > 1)
        for (auto n : per_school)
            if (n != per_school.front()) {
                out.push_back({ "unequal_schools", "ORG-9" });
                break;
            }
    return out;
}

std::optional<std::string> term_refusal(const BodyRules& rules, const std::vector<PastTerm>& terms, const std::string& new_start)
{
    if (terms.empty())
        return std::nullopt;
    if (!rules.reappointment_allowed)
        return "ORG-8";
    if (rules.max_consecutive_terms) {
        // Count the run of terms that ends right where the new one would start (a gap of at most
        // a few months between academic years still counts as consecutive).
        auto start = parse_iso_date(new_start);
        int64_t run = 0;
        std::optional<CivilDate> next_start = start;
        for (auto it = terms.rbegin(); it != terms.rend(); ++it) {
            auto end = parse_iso_date(it->ends_on);
            if (!end || !next_start)
                break;
            int months_between = (next_start->year - end->year) * 12 + int(next_start->month) - int(end->month);
            if (months_between > 4)
                break;
            ++run;
            next_start = parse_iso_date(it->starts_on);
        }
        if (run >= *rules.max_consecutive_terms)
            return "ORG-7";
    }
    return std::nullopt;
}

bool valid_start_time(std::string_view t)
{
    auto digit = [&](size_t i) { return t[i] >= '0' && t[i] <= '9'; };
    if (t.size() != 5 || t[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4))
        return false;
    return (t[0] - '0') * 10 + (t[1] - '0') < 24 && (t[3] - '0') * 10 + (t[4] - '0') < 60;
}

bool session_started(const std::string& held_on, const std::string& starts_at, const std::string& local_now)
{
    // Both sides are "YYYY-MM-DDTHH:MM": the text order is the time order.
    return held_on + "T" + starts_at <= local_now.substr(0, 16);
}

SessionPhase session_phase(const std::string& stored_status, const std::string& held_on, const std::string& starts_at, const std::string& local_now)
{
    if (stored_status == "closed")
        return SessionPhase::Closed;
    return session_started(held_on, starts_at, local_now) ? SessionPhase::Open : SessionPhase::Scheduled;
}

const char* phase_name(SessionPhase p)
{
    switch (p) {
    case SessionPhase::Scheduled: return "scheduled";
    case SessionPhase::Open: return "open";
    case SessionPhase::Closed: return "closed";
    }
    return "open";
}

std::vector<NumberedSession> renumber_by_date(std::vector<NumberedSession> sessions)
{
    std::sort(sessions.begin(), sessions.end(), [](auto& a, auto& b) { return std::tie(a.held_on, a.starts_at, a.id) < std::tie(b.held_on, b.starts_at, b.id); });
    std::set<int64_t> taken;
    for (auto& s : sessions)
        if (s.signed_protocol)
            taken.insert(s.number);
    int64_t next = 1;
    for (auto& s : sessions) {
        if (s.signed_protocol)
            continue;
        while (taken.contains(next))
            ++next;
        s.number = next++;
    }
    return sessions;
}

}
