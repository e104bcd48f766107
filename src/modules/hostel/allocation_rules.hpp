#pragma once
// The allocation's rules as pure functions (seed 004 hostel rules): the priority ranking
// (HST-PRI-1..3), the grant/paid/reserve split (HST-PAID-1, HST-RES-1), the form of the
// application (HST-APP-3), the documents' checklist (HST-APP-2) and who bumping may concern
// (HST-BUMP-1). No I/O: unit-tested in allocation_rules_test.cpp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kenes::hostel::rules {

// HST-PRI-2, in the regulation's order: the earlier, the higher.
enum class Subgroup { DysfunctionalFamily, DisabledStudent, DisabledRepresentative, LargeLowIncome, IncompleteLowIncome, LowIncome, Other };
const std::vector<std::string_view>& subgroup_codes();
std::optional<Subgroup> parse_subgroup(std::string_view);
std::string_view subgroup_code(Subgroup);
// "a,b" -> the subgroups it names, unknown codes dropped.
std::vector<Subgroup> parse_subgroups(std::string_view comma_list);

struct Applicant {
    int64_t id = 0;
    int group = 5;                        // HST-PRI-1: 1..5
    std::vector<Subgroup> subgroups;      // declared; none = other
    int grade = 7;
    int64_t registered_at = 0;            // Unix ms (HST-PRI-3)
    bool wants_paid = false;
};

// Why an applicant stands where they stand.
struct Standing {
    int64_t id = 0;
    int position = 0;                     // 1-based
    int group = 5;
    Subgroup subgroup = Subgroup::Other;  // the highest that fits (HST-PRI-2); Other for group 1
    bool grade7_first = false;            // "other" with the 7th grade first
    int64_t registered_at = 0;
};

// The subgroup an applicant ranks by: the highest of the declared, Other when none.
Subgroup effective_subgroup(const Applicant&);
// HST-PRI-1..3: group 1 first then 2..5; within groups 2-5 the subgroup order (an applicant of
// several by the highest; "other" in the 7th grade before other "other"); then the registration
// time, earlier first; ties by id so the order is total.
std::vector<Standing> rank(const std::vector<Applicant>&);

enum class Outcome { Grant, Paid, Reserve, Refused };
std::string_view outcome_code(Outcome);
std::optional<Outcome> parse_outcome(std::string_view);
struct Line {
    int64_t id = 0;
    int position = 0;
    Outcome outcome = Outcome::Reserve;
};
// Grant places by rank; paid places only after the grant allocation, to those who want them in
// the same order (HST-PAID-1); every other eligible applicant on the reserve list (HST-RES-1).
std::vector<Line> allocate(const std::vector<Standing>&, const std::vector<Applicant>&, int grant_places, int paid_places);

// HST-APP-3: appendix 1 for groups 1-3, appendix 2 (with the undertaking to vacate) for groups 4-5.
std::string_view form_for(int group);
bool needs_undertaking(int group);

// HST-APP-2: one line of the checklist: satisfied by a document of any of `kinds`.
struct ChecklistItem {
    std::string item;
    std::vector<std::string> kinds;
};
const std::vector<std::string_view>& document_kinds();
std::vector<ChecklistItem> checklist(int group, const std::vector<Subgroup>&);
// The items not satisfied by the uploaded kinds.
std::vector<std::string> missing(const std::vector<ChecklistItem>&, const std::vector<std::string>& uploaded_kinds);

// HST-BUMP-1: only a student of groups 1-3 may have a resident vacate; only residents of
// groups 4-5 vacate.
bool may_bump(int arriving_group);
bool may_be_bumped(int resident_group);
// The appendix 4 list: residents of groups 4-5, those with the weakest claim first (the ranking
// reversed: group 5 before 4, "other" before the social subgroups, the latest registered first).
std::vector<Standing> bumping_order(const std::vector<Applicant>& residents);

}
