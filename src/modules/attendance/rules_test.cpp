#include "modules/attendance/rules.hpp"
#include "modules/discipline/rules.hpp"
#include <gtest/gtest.h>

using namespace kenes::attendance;

TEST(Terms_GEN_2, SchoolsHaveFourQuartersCollegesTwoSemesters)
{
    auto school = preset_terms("school", "2026-2027");
    ASSERT_EQ(school.size(), 4u);
    EXPECT_EQ(school[0].starts_on, "2026-09-01");
    EXPECT_EQ(school[3].ends_on, "2027-05-25");
    EXPECT_EQ(terms_problem(school, "2026-2027"), "");
    auto college = preset_terms("college", "2026-2027");
    ASSERT_EQ(college.size(), 2u);
    EXPECT_EQ(college[1].starts_on, "2027-01-01");
    EXPECT_EQ(preset_terms("university", "2026-2027").size(), 2u);
}

TEST(Terms_GEN_2, TermOfIsInclusiveAtBothEndsAndEmptyOnHolidays)
{
    auto school = preset_terms("school", "2026-2027");
    EXPECT_EQ(term_of(school, "2026-09-01")->number, 1);
    EXPECT_EQ(term_of(school, "2026-10-26")->number, 1);
    EXPECT_FALSE(term_of(school, "2026-10-27"));   // autumn holidays
    EXPECT_FALSE(term_of(school, "2026-11-02"));
    EXPECT_EQ(term_of(school, "2026-11-03")->number, 2);
    EXPECT_EQ(term_of(school, "2027-05-25")->number, 4);
    EXPECT_FALSE(term_of(school, "2027-05-26"));
    EXPECT_FALSE(term_of(school, "2026-08-31"));
    auto college = preset_terms("college", "2026-2027");
    EXPECT_EQ(term_of(college, "2026-12-31")->number, 1);
    EXPECT_EQ(term_of(college, "2027-01-01")->number, 2);
}

TEST(Terms_GEN_2, EditedTermsMustBeOrderedWithinTheYear)
{
    EXPECT_EQ(terms_problem({}, "2026-2027"), "terms_count");
    EXPECT_EQ(terms_problem({ { 1, "2026-09-10", "2026-09-01" } }, "2026-2027"), "term_order");
    EXPECT_EQ(terms_problem({ { 1, "2026-09-01", "2026-12-31" }, { 2, "2026-12-31", "2027-05-31" } }, "2026-2027"), "terms_overlap");
    EXPECT_EQ(terms_problem({ { 1, "2025-09-01", "2025-12-31" } }, "2026-2027"), "outside_year");
    EXPECT_EQ(terms_problem({ { 1, "2026-09-01", "2026-12-25" }, { 2, "2027-01-10", "2027-05-31" } }, "2026-2027"), "");
}

TEST(Reasons_ATT_1, WhatEachReasonNeeds)
{
    EXPECT_TRUE(representative_may_submit(Reason::Illness));
    EXPECT_TRUE(representative_may_submit(Reason::Family));
    EXPECT_FALSE(representative_may_submit(Reason::Olympiad));
    EXPECT_FALSE(representative_may_submit(Reason::External));
    auto refused = [](AcceptFacts f) { auto r = acceptance_refusal(f); return r ? r->key : std::string(); };
    EXPECT_EQ(refused({ Reason::Doctor, false, false, 1, 0 }), "rule.attendance_document_needed");
    EXPECT_EQ(refused({ Reason::Doctor, true, false, 1, 0 }), "");
    EXPECT_EQ(refused({ Reason::Illness, false, false, 3, 0 }), "rule.attendance_document_needed");
    EXPECT_EQ(refused({ Reason::Olympiad, false, false, 2, 0 }), "");
    EXPECT_EQ(refused({ Reason::External, true, false, 1, 0 }), "rule.attendance_principal_needed");
    EXPECT_EQ(refused({ Reason::External, true, true, 1, 0 }), "");
    EXPECT_EQ(refused({ Reason::Family, true, false, 1, 0 }), "rule.attendance_principal_needed");
}

TEST(Reasons_ATT_1, FamilyMattersAtMostTenDaysAYearTheTenthAcceptedTheEleventhRefused)
{
    EXPECT_EQ(days_between_inclusive("2026-12-01", "2026-12-01"), 1);
    EXPECT_EQ(days_between_inclusive("2026-12-30", "2027-01-02"), 4);
    EXPECT_EQ(days_between_inclusive("2026-12-02", "2026-12-01"), 0);
    // 9 days before, one more: the 10th day is accepted.
    EXPECT_FALSE(acceptance_refusal({ Reason::Family, true, true, 1, 9 }));
    // 10 days before, one more: the 11th is refused with ATT-1.
    auto r = acceptance_refusal({ Reason::Family, true, true, 1, 10 });
    ASSERT_TRUE(r);
    EXPECT_EQ(r->rule, "ATT-1");
    EXPECT_EQ(r->key, "rule.attendance_family_cap");
    // A justification of 3 days after 8: 11 in all, refused as a whole; 2 days after 8 fit.
    EXPECT_TRUE(acceptance_refusal({ Reason::Family, true, true, 3, 8 }));
    EXPECT_FALSE(acceptance_refusal({ Reason::Family, true, true, 2, 8 }));
    // The cap is for family matters only.
    EXPECT_FALSE(acceptance_refusal({ Reason::Illness, true, false, 30, 10 }));
}

TEST(Counting_DISC_ESC_1, DaysCountOnceWhateverTheLessons)
{
    auto s = day_state({ { Mark::Late }, { Mark::Late }, { Mark::Present } });
    EXPECT_TRUE(s.late);
    EXPECT_FALSE(s.unjustified);
    auto a = day_state({ { Mark::Absent, false }, { Mark::Absent, true } });
    EXPECT_TRUE(a.unjustified);
    EXPECT_TRUE(a.justified);
    // Justifying the absence later lowers the unjustified count.
    auto d = delta(day_state({ { Mark::Absent, false } }), day_state({ { Mark::Absent, true } }));
    EXPECT_EQ(d.unjustified, -1);
    EXPECT_EQ(d.justified, 1);
    EXPECT_EQ(delta(s, s).late, 0);
    // Re-marking a late day present takes the lateness back.
    EXPECT_EQ(delta(s, day_state({ { Mark::Present } })).late, -1);
}

TEST(Counting_DISC_ESC_1, TheFourthInATermProposesAndNoOtherDoes)
{
    using kenes::discipline::AttendanceMark;
    using kenes::discipline::attendance_escalation;
    // Four late days, counted one by one as the journal does.
    int64_t late = 0;
    std::vector<bool> proposed;
    for (int day = 0; day < 5; ++day) {
        late += delta({}, { true, false, false }).late;
        proposed.push_back(attendance_escalation(AttendanceMark::Late, late).has_value());
    }
    EXPECT_EQ(proposed, (std::vector<bool> { false, false, false, true, false }));
    EXPECT_EQ(attendance_escalation(AttendanceMark::Late, 4)->kind_code, "lateness");
    EXPECT_EQ(attendance_escalation(AttendanceMark::UnjustifiedAbsence, 4)->kind_code, "unjustified_absences");
    EXPECT_FALSE(attendance_escalation(AttendanceMark::UnjustifiedAbsence, 3));
}
