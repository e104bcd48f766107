// The allocation's pure rules (seed 004 hostel rules), with boundary cases.
#include "modules/hostel/allocation_rules.hpp"
#include <gtest/gtest.h>

using namespace kenes::hostel::rules;

namespace {

Applicant app(int64_t id, int group, std::vector<Subgroup> subs, int64_t at, int grade = 8, bool paid = false)
{
    return { id, group, std::move(subs), grade, at, paid };
}

std::vector<int64_t> ids(const std::vector<Standing>& s)
{
    std::vector<int64_t> out;
    for (auto& x : s)
        out.push_back(x.id);
    return out;
}

}

TEST(HostelRanking, HST_PRI_1_groups_in_order_one_first)
{
    auto r = rank({ app(1, 5, {}, 1), app(2, 3, {}, 2), app(3, 1, {}, 3), app(4, 4, {}, 4), app(5, 2, {}, 5) });
    EXPECT_EQ(ids(r), (std::vector<int64_t> { 3, 5, 2, 4, 1 }));
    EXPECT_EQ(r[0].position, 1);
    EXPECT_EQ(r[4].position, 5);
}

TEST(HostelRanking, HST_PRI_1_group_beats_subgroup_and_time)
{
    // A later group-2 "other" still ranks above an earlier group-3 dysfunctional family.
    auto r = rank({ app(1, 3, { Subgroup::DysfunctionalFamily }, 1), app(2, 2, {}, 100) });
    EXPECT_EQ(ids(r), (std::vector<int64_t> { 2, 1 }));
}

TEST(HostelRanking, HST_PRI_2_subgroup_order_within_a_group)
{
    auto r = rank({ app(1, 2, { Subgroup::LowIncome }, 1), app(2, 2, { Subgroup::IncompleteLowIncome }, 2), app(3, 2, { Subgroup::LargeLowIncome }, 3),
        app(4, 2, { Subgroup::DisabledRepresentative }, 4), app(5, 2, { Subgroup::DisabledStudent }, 5), app(6, 2, { Subgroup::DysfunctionalFamily }, 6),
        app(7, 2, {}, 0) });
    EXPECT_EQ(ids(r), (std::vector<int64_t> { 6, 5, 4, 3, 2, 1, 7 }));
    EXPECT_EQ(r[0].subgroup, Subgroup::DysfunctionalFamily);
    EXPECT_EQ(r[6].subgroup, Subgroup::Other);
}

TEST(HostelRanking, HST_PRI_2_several_subgroups_rank_by_the_highest)
{
    auto r = rank({ app(1, 4, { Subgroup::DisabledStudent }, 1), app(2, 4, { Subgroup::LowIncome, Subgroup::DysfunctionalFamily }, 2) });
    EXPECT_EQ(ids(r), (std::vector<int64_t> { 2, 1 }));
    EXPECT_EQ(r[0].subgroup, Subgroup::DysfunctionalFamily);
}

TEST(HostelRanking, HST_PRI_2_other_with_grade_7_first)
{
    auto r = rank({ app(1, 3, {}, 1, 8), app(2, 3, {}, 2, 7), app(3, 3, { Subgroup::Other }, 3, 12) });
    EXPECT_EQ(ids(r), (std::vector<int64_t> { 2, 1, 3 }));
    EXPECT_TRUE(r[0].grade7_first);
    EXPECT_FALSE(r[1].grade7_first);
    // Grade 7 does not lift an applicant above a social subgroup.
    auto s = rank({ app(1, 3, {}, 1, 7), app(2, 3, { Subgroup::LowIncome }, 2, 9) });
    EXPECT_EQ(ids(s), (std::vector<int64_t> { 2, 1 }));
}

TEST(HostelRanking, HST_PRI_2_group_1_has_no_subgroups)
{
    // Orphans rank among themselves by time only: declared subgroups do not reorder them.
    auto r = rank({ app(1, 1, {}, 1), app(2, 1, { Subgroup::DysfunctionalFamily }, 2) });
    EXPECT_EQ(ids(r), (std::vector<int64_t> { 1, 2 }));
}

TEST(HostelRanking, HST_PRI_3_earlier_registration_first_to_the_millisecond)
{
    auto r = rank({ app(1, 2, { Subgroup::LowIncome }, 1001), app(2, 2, { Subgroup::LowIncome }, 1000) });
    EXPECT_EQ(ids(r), (std::vector<int64_t> { 2, 1 }));
    // Same instant: the id decides, so the order is total and stable.
    auto t = rank({ app(9, 2, {}, 5), app(3, 2, {}, 5) });
    EXPECT_EQ(ids(t), (std::vector<int64_t> { 3, 9 }));
}

TEST(HostelRanking, empty_list)
{
    EXPECT_TRUE(rank({}).empty());
    EXPECT_TRUE(allocate({}, {}, 5, 5).empty());
}

TEST(HostelAllocation, HST_PAID_1_paid_only_after_grants_to_those_who_want)
{
    std::vector<Applicant> a { app(1, 1, {}, 1), app(2, 2, {}, 2, 8, true), app(3, 2, {}, 3), app(4, 3, {}, 4, 8, true), app(5, 5, {}, 5, 8, true) };
    auto lines = allocate(rank(a), a, 2, 1);
    ASSERT_EQ(lines.size(), 5u);
    EXPECT_EQ(lines[0].outcome, Outcome::Grant);
    EXPECT_EQ(lines[1].outcome, Outcome::Grant);   // wants paid, yet a grant place comes first
    EXPECT_EQ(lines[2].outcome, Outcome::Reserve); // does not want a paid place
    EXPECT_EQ(lines[3].outcome, Outcome::Paid);    // the first who wants one after the grants
    EXPECT_EQ(lines[4].outcome, Outcome::Reserve); // paid places exhausted: HST-RES-1
}

TEST(HostelAllocation, HST_RES_1_reserve_in_ranking_order_and_boundaries)
{
    std::vector<Applicant> a { app(1, 4, {}, 3), app(2, 2, {}, 2), app(3, 3, {}, 1) };
    auto exact = allocate(rank(a), a, 3, 0);
    for (auto& l : exact)
        EXPECT_EQ(l.outcome, Outcome::Grant);
    auto none = allocate(rank(a), a, 0, 0);
    ASSERT_EQ(none.size(), 3u);
    EXPECT_EQ(none[0].id, 2);
    EXPECT_EQ(none[2].id, 1);
    for (auto& l : none)
        EXPECT_EQ(l.outcome, Outcome::Reserve);
    auto one_short = allocate(rank(a), a, 2, 5);   // nobody wants paid: the paid places stay empty
    EXPECT_EQ(one_short[2].outcome, Outcome::Reserve);
    EXPECT_EQ(allocate(rank(a), a, -1, -1)[0].outcome, Outcome::Reserve);
}

TEST(HostelForm, HST_APP_3_form_follows_the_group)
{
    EXPECT_EQ(form_for(1), "app1");
    EXPECT_EQ(form_for(3), "app1");
    EXPECT_EQ(form_for(4), "app2");
    EXPECT_EQ(form_for(5), "app2");
    EXPECT_FALSE(needs_undertaking(3));
    EXPECT_TRUE(needs_undertaking(4));
}

TEST(HostelChecklist, HST_APP_2_depends_on_group_and_subgroups)
{
    auto base = checklist(4, {});
    EXPECT_EQ(base.size(), 6u);
    auto large = checklist(2, { Subgroup::LargeLowIncome });
    auto items = missing(large, {});
    EXPECT_NE(std::find(items.begin(), items.end(), "other_minors"), items.end());
    EXPECT_NE(std::find(items.begin(), items.end(), "social_assistance"), items.end());
    auto disabled = missing(checklist(3, { Subgroup::DisabledRepresentative }), {});
    EXPECT_NE(std::find(disabled.begin(), disabled.end(), "disability"), disabled.end());
    auto absent = missing(checklist(5, { Subgroup::IncompleteLowIncome }), {});
    EXPECT_NE(std::find(absent.begin(), absent.end(), "absent_parent"), absent.end());
    auto orphan = missing(checklist(1, { Subgroup::DysfunctionalFamily }), {});
    EXPECT_NE(std::find(orphan.begin(), orphan.end(), "guardianship"), orphan.end());
    EXPECT_EQ(std::find(orphan.begin(), orphan.end(), "dysfunctional_family"), orphan.end());
}

TEST(HostelChecklist, HST_APP_2_alternatives_satisfy_an_item)
{
    auto list = checklist(4, {});
    auto left = missing(list, { "birth_certificate", "student_id", "representative_id", "registration_exception", "unemployment", "pension_statement" });
    EXPECT_TRUE(left.empty());
    auto one = missing(list, { "birth_certificate", "student_id", "representative_id", "registration", "income" });
    EXPECT_EQ(one, (std::vector<std::string> { "pension_statement" }));
}

TEST(HostelBumping, HST_BUMP_1_who_may_bump_and_be_bumped)
{
    EXPECT_TRUE(may_bump(1));
    EXPECT_TRUE(may_bump(3));
    EXPECT_FALSE(may_bump(4));
    EXPECT_FALSE(may_bump(5));
    EXPECT_FALSE(may_be_bumped(3));
    EXPECT_TRUE(may_be_bumped(4));
    EXPECT_TRUE(may_be_bumped(5));
}

TEST(HostelBumping, HST_BUMP_1_appendix_4_weakest_claim_first)
{
    auto order = bumping_order({ app(1, 4, { Subgroup::DysfunctionalFamily }, 1), app(2, 5, {}, 2), app(3, 3, {}, 3), app(4, 4, {}, 4), app(5, 5, { Subgroup::LowIncome }, 5) });
    EXPECT_EQ(ids(order), (std::vector<int64_t> { 2, 5, 4, 1 }));   // group 3 is never on the list
    EXPECT_EQ(order[0].position, 1);
}

TEST(HostelSubgroups, codes_round_trip)
{
    for (auto code : subgroup_codes())
        EXPECT_EQ(subgroup_code(*parse_subgroup(code)), code);
    EXPECT_FALSE(parse_subgroup("rich").has_value());
    auto s = parse_subgroups("low_income,,nonsense,disabled_student");
    EXPECT_EQ(s, (std::vector<Subgroup> { Subgroup::LowIncome, Subgroup::DisabledStudent }));
}
