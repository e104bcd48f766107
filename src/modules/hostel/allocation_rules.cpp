#include "modules/hostel/allocation_rules.hpp"
#include <algorithm>
#include <tuple>

namespace kenes::hostel::rules {

const std::vector<std::string_view>& subgroup_codes()
{
    static const std::vector<std::string_view> codes { "dysfunctional_family", "disabled_student", "disabled_representative", "large_low_income",
        "incomplete_low_income", "low_income", "other" };
    return codes;
}

std::optional<Subgroup> parse_subgroup(std::string_view code)
{
    auto& codes = subgroup_codes();
    for (size_t i = 0; i < codes.size(); ++i)
        if (codes[i] == code)
            return Subgroup(i);
    return std::nullopt;
}

std::string_view subgroup_code(Subgroup s) { return subgroup_codes()[size_t(s)]; }

std::vector<Subgroup> parse_subgroups(std::string_view list)
{
    std::vector<Subgroup> out;
    while (!list.empty()) {
        auto comma = list.find(',');
        auto code = list.substr(0, comma);
        if (auto s = parse_subgroup(code))
            out.push_back(*s);
        if (comma == std::string_view::npos)
            break;
        list.remove_prefix(comma + 1);
    }
    return out;
}

Subgroup effective_subgroup(const Applicant& a)
{
    if (a.subgroups.empty())
        return Subgroup::Other;
    return *std::min_element(a.subgroups.begin(), a.subgroups.end());
}

namespace {

// The sort key: group (HST-PRI-1), subgroup rank (HST-PRI-2: 0..7; group 1 has none), the
// registration time (HST-PRI-3), and the id so that equal keys keep one order.
std::tuple<int, int, int64_t, int64_t> key(const Applicant& a)
{
    int sub = 0;
    if (a.group > 1) {
        auto s = effective_subgroup(a);
        sub = int(s);
        if (s == Subgroup::Other && a.grade != 7)
            sub += 1;   // HST-PRI-2: among "other", the 7th grade first
    }
    return { a.group, sub, a.registered_at, a.id };
}

Standing standing_of(const Applicant& a, int position)
{
    Standing s;
    s.id = a.id;
    s.position = position;
    s.group = a.group;
    s.subgroup = a.group > 1 ? effective_subgroup(a) : Subgroup::Other;
    s.grade7_first = a.group > 1 && s.subgroup == Subgroup::Other && a.grade == 7;
    s.registered_at = a.registered_at;
    return s;
}

}

std::vector<Standing> rank(const std::vector<Applicant>& applicants)
{
    std::vector<std::pair<std::tuple<int, int, int64_t, int64_t>, const Applicant*>> keyed;
    keyed.reserve(applicants.size());
    for (auto& a : applicants)
        keyed.emplace_back(key(a), &a);
    std::sort(keyed.begin(), keyed.end(), [](auto& x, auto& y) { return x.first < y.first; });
    std::vector<Standing> out;
    out.reserve(keyed.size());
    for (size_t i = 0; i < keyed.size(); ++i)
        out.push_back(standing_of(*keyed[i].second, int(i + 1)));
    return out;
}

std::string_view outcome_code(Outcome o)
{
    switch (o) {
    case Outcome::Grant: return "grant";
    case Outcome::Paid: return "paid";
    case Outcome::Reserve: return "reserve";
    case Outcome::Refused: return "refused";
    }
    return "reserve";
}

std::optional<Outcome> parse_outcome(std::string_view code)
{
    for (auto o : { Outcome::Grant, Outcome::Paid, Outcome::Reserve, Outcome::Refused })
        if (outcome_code(o) == code)
            return o;
    return std::nullopt;
}

std::vector<Line> allocate(const std::vector<Standing>& ranked, const std::vector<Applicant>& applicants, int grant_places, int paid_places)
{
    std::vector<bool> wants_paid_by_position(ranked.size());
    {
        // id -> wants_paid, without a map: the applicants are few hundred at most per campaign,
        // but the bench ranks 10,000, so sort a copy of the ids.
        std::vector<std::pair<int64_t, bool>> wants;
        wants.reserve(applicants.size());
        for (auto& a : applicants)
            wants.emplace_back(a.id, a.wants_paid);
        std::sort(wants.begin(), wants.end());
        for (size_t i = 0; i < ranked.size(); ++i) {
            auto it = std::lower_bound(wants.begin(), wants.end(), std::pair<int64_t, bool> { ranked[i].id, false });
            wants_paid_by_position[i] = it != wants.end() && it->first == ranked[i].id && it->second;
        }
    }
    std::vector<Line> out;
    out.reserve(ranked.size());
    int grants = std::max(grant_places, 0), paid = std::max(paid_places, 0);
    for (size_t i = 0; i < ranked.size(); ++i) {
        Line l { ranked[i].id, ranked[i].position, Outcome::Reserve };
        if (grants > 0) {
            l.outcome = Outcome::Grant;
            --grants;
        }
        out.push_back(l);
    }
    // HST-PAID-1: only once every grant place is given, in the ranking's order.
    for (size_t i = 0; i < out.size() && paid > 0; ++i)
        if (out[i].outcome == Outcome::Reserve && wants_paid_by_position[i]) {
            out[i].outcome = Outcome::Paid;
            --paid;
        }
    return out;
}

std::string_view form_for(int group) { return group <= 3 ? "app1" : "app2"; }
bool needs_undertaking(int group) { return group >= 4; }

const std::vector<std::string_view>& document_kinds()
{
    static const std::vector<std::string_view> kinds { "birth_certificate", "student_id", "representative_id", "registration", "registration_exception",
        "income", "unemployment", "pension_statement", "other_minors", "disability", "social_assistance", "dysfunctional_family", "absent_parent",
        "guardianship" };
    return kinds;
}

std::vector<ChecklistItem> checklist(int group, const std::vector<Subgroup>& subgroups)
{
    auto has = [&](Subgroup s) { return std::find(subgroups.begin(), subgroups.end(), s) != subgroups.end(); };
    std::vector<ChecklistItem> out {
        { "birth_certificate", { "birth_certificate" } },
        { "student_id", { "student_id" } },
        { "representative_id", { "representative_id" } },
        // At least a year at the address, or the documented move for a job or the family.
        { "registration", { "registration", "registration_exception" } },
        { "income", { "income", "unemployment" } },
        { "pension_statement", { "pension_statement" } },
    };
    // Where the regulation is silent: group 1 proves the status by the guardianship documents.
    if (group == 1)
        out.push_back({ "guardianship", { "guardianship" } });
    if (group > 1) {
        if (has(Subgroup::DysfunctionalFamily))
            out.push_back({ "dysfunctional_family", { "dysfunctional_family" } });
        if (has(Subgroup::DisabledStudent) || has(Subgroup::DisabledRepresentative))
            out.push_back({ "disability", { "disability" } });
        if (has(Subgroup::LargeLowIncome))
            out.push_back({ "other_minors", { "other_minors" } });
        if (has(Subgroup::IncompleteLowIncome))
            out.push_back({ "absent_parent", { "absent_parent" } });
        if (has(Subgroup::LargeLowIncome) || has(Subgroup::IncompleteLowIncome) || has(Subgroup::LowIncome))
            out.push_back({ "social_assistance", { "social_assistance" } });
    }
    return out;
}

std::vector<std::string> missing(const std::vector<ChecklistItem>& list, const std::vector<std::string>& uploaded)
{
    std::vector<std::string> out;
    for (auto& item : list) {
        bool found = std::any_of(item.kinds.begin(), item.kinds.end(),
            [&](auto& k) { return std::find(uploaded.begin(), uploaded.end(), k) != uploaded.end(); });
        if (!found)
            out.push_back(item.item);
    }
    return out;
}

bool may_bump(int arriving_group) { return arriving_group >= 1 && arriving_group <= 3; }
bool may_be_bumped(int resident_group) { return resident_group == 4 || resident_group == 5; }

std::vector<Standing> bumping_order(const std::vector<Applicant>& residents)
{
    std::vector<Applicant> eligible;
    for (auto& r : residents)
        if (may_be_bumped(r.group))
            eligible.push_back(r);
    auto ranked = rank(eligible);
    std::reverse(ranked.begin(), ranked.end());
    for (size_t i = 0; i < ranked.size(); ++i)
        ranked[i].position = int(i + 1);
    return ranked;
}

}
