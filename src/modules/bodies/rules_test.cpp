#include "modules/bodies/rules.hpp"
#include "modules/bodies/templates.hpp"
#include <gtest/gtest.h>

using namespace kenes::bodies;

TEST(Quorum_MTG_3, DisciplinaryCommitteeNeedsMoreThanTwoThirdsOfMembers)
{
    auto r = disciplinary_rules();
    // 7 voting members: more than 2/3 of 7 (4.67) is at least 5.
    EXPECT_EQ(check_quorum(r, 7, 4).met, false);
    EXPECT_EQ(check_quorum(r, 7, 4).needed, 5);
    EXPECT_EQ(check_quorum(r, 7, 5).met, true);
    // 9 members: more than 2/3 of 9 (exactly 6) is at least 7.
    EXPECT_FALSE(check_quorum(r, 9, 6).met);
    EXPECT_TRUE(check_quorum(r, 9, 7).met);
    EXPECT_EQ(check_quorum(r, 9, 6).rule->rule, "MTG-3");
}

TEST(Majority_MTG_3, ADecisionNeedsAMajorityOfThosePresent)
{
    auto r = disciplinary_rules();
    // 6 present: more than half is 4; abstentions count against.
    EXPECT_FALSE(decide(r, { 3, 1, 2 }, 7, 6).adopted);
    EXPECT_TRUE(decide(r, { 4, 1, 1 }, 7, 6).adopted);
    EXPECT_EQ(decide(r, { 4, 1, 1 }, 7, 6).needed, 4);
}

TEST(Quorum_MTG_4, HostelCommissionAtLeastTwoThirdsAndSimpleMajorityOfVotes)
{
    auto r = hostel_commission_rules();
    // 9 members: at least 2/3 of 9 = 6.
    EXPECT_FALSE(check_quorum(r, 9, 5).met);
    EXPECT_TRUE(check_quorum(r, 9, 6).met);
    // simple majority of the votes cast for or against: 3 yes, 2 no, 2 abstain -> adopted
    EXPECT_TRUE(decide(r, { 3, 2, 2 }, 9, 7).adopted);
    EXPECT_FALSE(decide(r, { 2, 2, 3 }, 9, 7).adopted);   // a tie is not a majority
}

TEST(Quorum_MTG_5, ThresholdArithmetic)
{
    Threshold more_half { Threshold::Base::Composition, Threshold::Comparison::MoreThan, 1, 2, "MTG-5" };
    EXPECT_EQ(more_half.needed(10), 6);
    EXPECT_EQ(more_half.needed(9), 5);
    Threshold at_least_half { Threshold::Base::Composition, Threshold::Comparison::AtLeast, 1, 2, "MTG-5" };
    EXPECT_EQ(at_least_half.needed(10), 5);
    EXPECT_EQ(at_least_half.needed(9), 5);
    EXPECT_FALSE(check_quorum(default_rules(), 0, 0).met);   // a body without voting members never has quorum
}

TEST(Composition_ORG_9, HostelCommissionIsOddAndAtLeastSeven)
{
    auto r = hostel_commission_rules();
    EXPECT_TRUE(check_composition(r, 7).empty());
    EXPECT_TRUE(check_composition(r, 9).empty());
    auto even = check_composition(r, 8);
    ASSERT_EQ(even.size(), 1u);
    EXPECT_EQ(even[0].code, "even");
    EXPECT_EQ(even[0].rule, "ORG-9");
    EXPECT_EQ(check_composition(r, 5).at(0).code, "too_few");
    r.equal_per_school = true;
    EXPECT_EQ(check_composition(r, 9, { 5, 4 }).at(0).code, "unequal_schools");
    auto equal = check_composition(r, 8, { 4, 4 });   // equal schools, but an even count
    ASSERT_EQ(equal.size(), 1u);
    EXPECT_EQ(equal[0].code, "even");
}

TEST(Overdue_MTG_1, AtLeastOnceEverySixMonths)
{
    auto r = default_rules();
    EXPECT_FALSE(overdue(r, std::string("2026-05-22"), "2025-01-01", "2026-11-21"));   // 5 months and 30 days
    EXPECT_TRUE(overdue(r, std::string("2026-05-22"), "2025-01-01", "2026-11-22"));    // six whole months
    EXPECT_FALSE(overdue(r, std::nullopt, "2026-09-01", "2026-11-22"));                // new body, never met yet
    EXPECT_TRUE(overdue(r, std::nullopt, "2026-01-10", "2026-11-22"));
    r.max_months_between_sessions = 12;
    EXPECT_FALSE(overdue(r, std::string("2026-05-22"), "2025-01-01", "2026-11-22"));
}

TEST(Terms_ORG_7, PresidentServesAtMostTwoConsecutiveTerms)
{
    auto r = student_government_rules();
    std::vector<PastTerm> one { { "2024-09-27", "2025-06-30" } };
    EXPECT_FALSE(term_refusal(r, one, "2025-09-26"));   // may stand again next year
    std::vector<PastTerm> two { { "2024-09-27", "2025-06-30" }, { "2025-09-26", "2026-06-30" } };
    EXPECT_EQ(term_refusal(r, two, "2026-09-25"), "ORG-7");
    std::vector<PastTerm> gap { { "2022-09-27", "2023-06-30" }, { "2024-09-27", "2025-06-30" } };
    EXPECT_FALSE(term_refusal(r, gap, "2025-09-26"));   // not consecutive
}

TEST(Terms_ORG_8, CommissionMembersAreNotReappointed)
{
    auto r = disciplinary_rules();
    EXPECT_FALSE(term_refusal(r, {}, "2026-09-01"));
    EXPECT_EQ(term_refusal(r, { { "2024-09-01", "2026-08-31" } }, "2026-09-01"), "ORG-8");
    EXPECT_EQ(r.term_months, 24);
}

TEST(Candidates_ORG_6, CouncilSeatsBesidesTheChairNeedTheCouncilsDecisionOrAnOffice)
{
    auto council = council_rules();
    EXPECT_FALSE(seat_needs_council_decision(council, "chair", false));
    EXPECT_FALSE(seat_needs_council_decision(council, "vice_chair", false));
    EXPECT_TRUE(seat_needs_council_decision(council, "member", false));
    EXPECT_TRUE(seat_needs_council_decision(council, "secretary", false));
    EXPECT_FALSE(seat_needs_council_decision(council, "member", true));   // leadership of a faculty, ex officio
    EXPECT_FALSE(seat_needs_council_decision(default_rules(), "member", false));
}

TEST(Sessions_MTG_1, ASessionIsScheduledUntilItsStartThenOpenUntilClosed)
{
    EXPECT_TRUE(valid_start_time("09:30"));
    EXPECT_TRUE(valid_start_time("23:59"));
    EXPECT_FALSE(valid_start_time("24:00"));
    EXPECT_FALSE(valid_start_time("9:30"));
    EXPECT_FALSE(valid_start_time("09:60"));
    EXPECT_FALSE(valid_start_time("ab:cd"));
    EXPECT_EQ(session_phase("open", "2026-12-12", "10:00", "2026-12-12T09:59:59+05:00"), SessionPhase::Scheduled);
    EXPECT_EQ(session_phase("open", "2026-12-12", "10:00", "2026-12-12T10:00:00+05:00"), SessionPhase::Open);
    EXPECT_EQ(session_phase("open", "2026-12-12", "10:00", "2026-12-05T15:00:00+05:00"), SessionPhase::Scheduled);   // next week
    EXPECT_EQ(session_phase("open", "2026-12-11", "23:00", "2026-12-12T00:10:00+05:00"), SessionPhase::Open);
    EXPECT_EQ(session_phase("closed", "2026-12-12", "10:00", "2026-12-01T00:00:00+05:00"), SessionPhase::Closed);
    EXPECT_STREQ(phase_name(SessionPhase::Scheduled), "scheduled");
}

TEST(Numbers_MTG_7, ProtocolsAreNumberedByTheDateHeldAndSignedOnesKeepTheirNumber)
{
    // Convened in the order 10 March, 1 March; numbered in the order held.
    auto n = renumber_by_date({ { 1, "2026-03-10", "10:00", 1, false }, { 2, "2026-03-01", "10:00", 2, false } });
    EXPECT_EQ(n[0].id, 2);
    EXPECT_EQ(n[0].number, 1);
    EXPECT_EQ(n[1].number, 2);
    // Same day: by start time.
    n = renumber_by_date({ { 1, "2026-03-10", "15:00", 1, false }, { 2, "2026-03-10", "09:00", 2, false } });
    EXPECT_EQ(n[0].id, 2);
    // The 10 March protocol is signed as No. 1: it stays No. 1, the earlier session takes No. 2.
    n = renumber_by_date({ { 1, "2026-03-10", "10:00", 1, true }, { 2, "2026-03-01", "10:00", 2, false } });
    EXPECT_EQ(n[0].id, 2);
    EXPECT_EQ(n[0].number, 2);
    EXPECT_EQ(n[1].number, 1);
    // Free numbers around a signed one are filled in date order.
    n = renumber_by_date({ { 1, "2026-03-01", "10:00", 1, false }, { 2, "2026-03-10", "10:00", 2, true }, { 3, "2026-03-20", "10:00", 3, false },
        { 4, "2026-03-05", "10:00", 4, false } });
    EXPECT_EQ(n[0].number, 1);   // 1 March
    EXPECT_EQ(n[1].number, 3);   // 5 March: No. 2 is signed
    EXPECT_EQ(n[2].number, 2);   // 10 March, signed
    EXPECT_EQ(n[3].number, 4);   // 20 March
}

TEST(Positions_ORG_3, StaffHoldOnlyPositionsOpenToThem)
{
    Holder staff { false, true }, student { true, false }, both { true, true }, neither {};
    auto& government = *find_template("student_government");
    EXPECT_FALSE(may_hold(government, "president", staff));
    EXPECT_TRUE(may_hold(government, "president", student));
    EXPECT_TRUE(may_hold(government, "president", both));
    EXPECT_TRUE(may_hold(government, "president", neither));
    auto& assembly = *find_template("small_assembly");
    EXPECT_TRUE(may_hold(assembly, "vice_chair", staff));   // the head of the Youth Center
    EXPECT_FALSE(may_hold(assembly, "member", staff));
    EXPECT_TRUE(may_hold(*find_template("secretariat"), "head_of_secretariat", staff));
    EXPECT_TRUE(may_hold(*find_template("council"), "member", staff));                  // ORG-6: leadership
    EXPECT_TRUE(may_hold(*find_template("hostel_allocation_commission"), "chair", staff));   // ORG-9: the principal
    EXPECT_FALSE(may_hold(*find_template("faction"), "faction_head", staff));
}

TEST(TeachersCouncil_DISC_PEN_3, ACouncilOfTeachersWithDefaultMajorities)
{
    auto* t = find_template("teachers_council");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->kind, "council");
    EXPECT_FALSE(t->confidential);
    EXPECT_TRUE(t->non_voting.empty());
    Holder teacher { false, true };
    for (auto position : { "chair", "vice_chair", "secretary", "member" })
        EXPECT_TRUE(may_hold(*t, position, teacher)) << position;
    // MTG-5: the default preset (more than half present, a majority of those present).
    auto preset = default_rules();
    EXPECT_EQ(check_quorum(t->rules, 9, 5).met, check_quorum(preset, 9, 5).met);
    EXPECT_EQ(check_quorum(t->rules, 9, 4).met, check_quorum(preset, 9, 4).met);
    EXPECT_EQ(t->rules.quorum.rule, preset.quorum.rule);
    EXPECT_EQ(t->rules.majority.rule, preset.majority.rule);
}
