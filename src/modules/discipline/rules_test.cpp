#include "modules/discipline/rules.hpp"
#include <gtest/gtest.h>

using namespace kenes;
using namespace kenes::discipline;

TEST(Escalation_DISC_ESC_1, ARepeatedInfractionOfTheKindClimbsOneTierPerEarlierOneInTheWindow)
{
    // First: as catalogued.
    auto first = escalate("littering", Tier::Minor, "2026-10-10", {}, 183);
    EXPECT_EQ(first.tier, Tier::Minor);
    EXPECT_EQ(first.earlier_same_kind, 0);
    // A repeated minor infraction is major; a repeated major one is expulsion-level.
    std::vector<EarlierIncident> once { { "littering", "2026-09-20" } };
    EXPECT_EQ(escalate("littering", Tier::Minor, "2026-10-10", once, 183).tier, Tier::Major);
    std::vector<EarlierIncident> twice { { "littering", "2026-09-20" }, { "littering", "2026-10-01" } };
    EXPECT_EQ(escalate("littering", Tier::Minor, "2026-10-10", twice, 183).tier, Tier::Expulsion);
    EXPECT_EQ(escalate("gambling", Tier::Major, "2026-10-10", { { "gambling", "2026-10-01" } }, 183).tier, Tier::Expulsion);
    // Never beyond expulsion-level.
    EXPECT_EQ(escalate("theft", Tier::Expulsion, "2026-10-10", { { "theft", "2026-10-01" } }, 183).tier, Tier::Expulsion);
    // Another kind does not count.
    EXPECT_EQ(escalate("littering", Tier::Minor, "2026-10-10", { { "uniform", "2026-10-01" } }, 183).tier, Tier::Minor);
}

TEST(Escalation_DISC_ESC_1, TheWindowIsInclusiveOfItsFirstDayAndNothingBeforeCounts)
{
    // A window of 10 days ending on Oct 10 starts on Oct 1.
    auto e = escalate("littering", Tier::Minor, "2026-10-10", { { "littering", "2026-10-01" } }, 10);
    EXPECT_EQ(e.window_from, "2026-10-01");
    EXPECT_EQ(e.tier, Tier::Major);
    EXPECT_EQ(escalate("littering", Tier::Minor, "2026-10-10", { { "littering", "2026-09-30" } }, 10).tier, Tier::Minor);
    // Later records (entered out of order) are not "earlier".
    EXPECT_EQ(escalate("littering", Tier::Minor, "2026-10-10", { { "littering", "2026-10-11" } }, 10).tier, Tier::Minor);
}

TEST(Escalation_DISC_ESC_1, LatenessFromTheFourthAndTheFourthUnjustifiedAbsenceInATerm)
{
    EXPECT_FALSE(attendance_escalation(AttendanceMark::Late, 3));
    auto late = attendance_escalation(AttendanceMark::Late, 4);
    ASSERT_TRUE(late);
    EXPECT_EQ(late->kind_code, "lateness");
    EXPECT_EQ(late->tier, Tier::Minor);
    EXPECT_FALSE(attendance_escalation(AttendanceMark::Late, 5));   // one proposal per term
    EXPECT_FALSE(attendance_escalation(AttendanceMark::UnjustifiedAbsence, 3));
    auto absent = attendance_escalation(AttendanceMark::UnjustifiedAbsence, 4);
    ASSERT_TRUE(absent);
    EXPECT_EQ(absent->kind_code, "unjustified_absences");
    EXPECT_EQ(absent->tier, Tier::Major);
}

TEST(Versions_DISC_VER_1, TheRulesInForceWhenConsiderationBeganApplyUnlessSoftenedSince)
{
    std::vector<KindVersion> v { { "2000-01-01", Tier::Major }, { "2026-11-01", Tier::Expulsion } };
    // Harsher since: not applied to a case begun before.
    auto before = applicable_tier(v, "2026-10-15", "2026-11-20");
    EXPECT_EQ(before.tier, Tier::Major);
    EXPECT_FALSE(before.softened_retroactively);
    // A case begun after the change: the harsher version.
    EXPECT_EQ(applicable_tier(v, "2026-11-01", "2026-11-20").tier, Tier::Expulsion);
    // Softened since: applies retroactively.
    std::vector<KindVersion> soft { { "2000-01-01", Tier::Major }, { "2026-11-01", Tier::Minor } };
    auto s = applicable_tier(soft, "2026-10-15", "2026-11-20");
    EXPECT_EQ(s.tier, Tier::Minor);
    EXPECT_TRUE(s.softened_retroactively);
    EXPECT_EQ(s.version_from, "2026-11-01");
    // Not yet in force today: nothing retroactive yet.
    EXPECT_EQ(applicable_tier(soft, "2026-10-15", "2026-10-31").tier, Tier::Major);
    // Removed from the catalogue: no infraction any more.
    std::vector<KindVersion> removed { { "2000-01-01", Tier::Minor }, { "2026-11-01", std::nullopt } };
    auto r = applicable_tier(removed, "2026-10-15", "2026-11-20");
    EXPECT_FALSE(r.tier);
    EXPECT_TRUE(r.softened_retroactively);
}

TEST(Penalties_DISC_PEN_1, MeasuresComeFirstAndAPenaltySaysWhy)
{
    DecisionFacts nothing;
    EXPECT_EQ(decision_refusal(nothing)->key, "rule.discipline.nothing_decided");
    DecisionFacts measures_only { .measures_in_decision = 1 };
    EXPECT_FALSE(decision_refusal(measures_only));
    DecisionFacts warning_first { .penalty = Penalty::Warning, .reasons_given = true };
    auto r = decision_refusal(warning_first);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->rule, "DISC-PEN-1");
    EXPECT_EQ(r->key, "rule.discipline.measures_first");
    DecisionFacts after_measures { .penalty = Penalty::Warning, .measures_before = 2, .reasons_given = true };
    EXPECT_FALSE(decision_refusal(after_measures));
    DecisionFacts with_measures { .penalty = Penalty::Warning, .measures_in_decision = 1, .reasons_given = true };
    EXPECT_FALSE(decision_refusal(with_measures));
    DecisionFacts silent { .penalty = Penalty::Warning, .measures_in_decision = 1 };
    EXPECT_EQ(decision_refusal(silent)->key, "rule.discipline.reasons_needed");
}

TEST(Penalties_DISC_PEN_3, ExclusionOnlyByAnExtraordinaryTeachersCouncil)
{
    DecisionFacts committee { .penalty = Penalty::Exclusion, .measures_before = 3, .reasons_given = true };
    EXPECT_EQ(decision_refusal(committee)->rule, "DISC-PEN-3");
    committee.teachers_council_extraordinary = true;
    EXPECT_FALSE(decision_refusal(committee));
}

TEST(Penalties_DISC_PEN_2, NoPenaltyOnADayTheStudentIsExcused)
{
    DecisionFacts ill { .penalty = Penalty::Reprimand, .measures_before = 1, .reasons_given = true, .excused_reason = "illness" };
    EXPECT_EQ(decision_refusal(ill)->rule, "DISC-PEN-2");
    // Measures are not penalties: they may be decided while the student is away.
    DecisionFacts measures { .measures_in_decision = 1, .excused_reason = "illness" };
    EXPECT_FALSE(decision_refusal(measures));
}

TEST(Penalties_DISC_PEN_6, LapsesOnWithdrawalOrSixMonthsAfterTheLastOne)
{
    std::vector<PenaltyRecord> one { { { 2026, 1, 15 }, std::nullopt } };
    EXPECT_TRUE(penalty_active(one, { 2026, 7, 14 }));
    EXPECT_FALSE(penalty_active(one, { 2026, 7, 15 }));
    EXPECT_EQ(lapse_date(one, { 2026, 7, 14 })->iso(), "2026-07-15");
    EXPECT_FALSE(penalty_active(one, { 2026, 1, 14 }));   // not yet imposed
    std::vector<PenaltyRecord> withdrawn { { { 2026, 1, 15 }, CivilDate { 2026, 3, 1 } } };
    EXPECT_TRUE(penalty_active(withdrawn, { 2026, 2, 28 }));
    EXPECT_FALSE(penalty_active(withdrawn, { 2026, 3, 1 }));
    // The six months count from the last penalty.
    std::vector<PenaltyRecord> two { { { 2026, 1, 15 }, std::nullopt }, { { 2026, 5, 20 }, std::nullopt } };
    EXPECT_TRUE(penalty_active(two, { 2026, 9, 25 }));
    EXPECT_FALSE(penalty_active(two, { 2026, 11, 20 }));
    std::vector<PenaltyRecord> end_of_month { { { 2026, 8, 31 }, std::nullopt } };
    EXPECT_TRUE(penalty_active(end_of_month, { 2027, 2, 27 }));
    EXPECT_FALSE(penalty_active(end_of_month, { 2027, 2, 28 }));   // no February 31st: the month's last day
}

TEST(Devices_DISC_DEV_1, AfterARepeatedViolationOnlyARepresentativeTakesThePhone)
{
    EXPECT_FALSE(return_only_to_representative(0));
    EXPECT_TRUE(return_only_to_representative(1));
}

TEST(Catalogue_DISC_CAT_1, TiersParseAndPrint)
{
    for (auto t : { Tier::Minor, Tier::Major, Tier::Expulsion })
        EXPECT_EQ(parse_tier(tier_name(t)), t);
    EXPECT_FALSE(parse_tier("severe"));
    for (auto p : { Penalty::PublicApology, Penalty::Warning, Penalty::Reprimand, Penalty::SevereReprimand, Penalty::Exclusion })
        EXPECT_EQ(parse_penalty(penalty_name(p)), p);
}
