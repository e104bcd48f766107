#include "modules/awards/rules.hpp"
#include <gtest/gtest.h>

using namespace kenes;
using namespace kenes::awards;

TEST(Kinds_AWD_1, ThePresetKindsAndWhomEachGoesTo)
{
    std::vector<std::string_view> expected { "letter_of_gratitude", "certificate", "student_of_year", "shanyrak_of_year", "publication" };
    EXPECT_EQ(preset_kinds(), expected);
    EXPECT_TRUE(is_preset_kind("publication"));
    EXPECT_FALSE(is_preset_kind("custom_7"));
    // Personal and collective.
    for (auto r : { "student", "shanyrak", "group", "team" }) {
        EXPECT_TRUE(recipient_allowed("letter_of_gratitude", r)) << r;
        EXPECT_TRUE(recipient_allowed("custom_7", r)) << r;
    }
    EXPECT_TRUE(recipient_allowed("student_of_year", "student"));
    EXPECT_FALSE(recipient_allowed("student_of_year", "group"));
    EXPECT_TRUE(recipient_allowed("shanyrak_of_year", "shanyrak"));
    EXPECT_FALSE(recipient_allowed("shanyrak_of_year", "student"));
    EXPECT_FALSE(recipient_allowed("certificate", "nobody"));
    EXPECT_EQ(places_of("student_of_year"), 3);
    EXPECT_EQ(places_of("shanyrak_of_year"), 1);
}

TEST(Deadline_AWD_3, TenDaysBeforeTheFirstDayOfTheLastMonthInclusive)
{
    // A school year whose 4th quarter ends on 25 May: the last month is May, the deadline 21 April.
    CivilDate last { 2027, 5, 25 };
    EXPECT_EQ(nomination_deadline(last).iso(), "2027-04-21");
    EXPECT_TRUE(nomination_in_time({ 2027, 4, 21 }, last));
    EXPECT_FALSE(nomination_in_time({ 2027, 4, 22 }, last));
    // A college year ending 30 June: 22 May. Across a month of 31 days and a leap February.
    EXPECT_EQ(nomination_deadline({ 2027, 6, 30 }).iso(), "2027-05-22");
    EXPECT_EQ(nomination_deadline({ 2028, 3, 15 }).iso(), "2028-02-20");
    EXPECT_EQ(nomination_deadline({ 2027, 1, 15 }).iso(), "2026-12-22");
}

TEST(Discussions_AWD_3, AStudentIsDiscussedAtTheShanyrakAndThePedagogicalMeetingAndSupportedByBoth)
{
    EXPECT_EQ(nomination_problem("student_of_year", {}), "no_shanyrak_meeting");
    EXPECT_EQ(nomination_problem("student_of_year", { { "shanyrak_meeting", true } }), "no_pedagogical_meeting");
    EXPECT_EQ(nomination_problem("student_of_year", { { "pedagogical_meeting", true } }), "no_shanyrak_meeting");
    EXPECT_EQ(nomination_problem("student_of_year", { { "shanyrak_meeting", true }, { "pedagogical_meeting", true } }), "");
    EXPECT_EQ(nomination_problem("student_of_year", { { "shanyrak_meeting", true }, { "pedagogical_meeting", false } }), "not_supported");
    EXPECT_EQ(nomination_problem("student_of_year", { { "shanyrak_meeting", true }, { "pedagogical_meeting", false }, { "shanyrak_union", true } }),
        "union_not_for_students");
    // The latest discussion of a forum counts.
    EXPECT_EQ(nomination_problem("student_of_year", { { "shanyrak_meeting", false }, { "shanyrak_meeting", true }, { "pedagogical_meeting", true } }), "");
}

TEST(Discussions_AWD_4, OnDisagreementOverAShanyrakTheShanyrakUnionsDecide)
{
    std::vector<Discussion> agree { { "shanyrak_meeting", true }, { "pedagogical_meeting", true } };
    EXPECT_EQ(nomination_problem("shanyrak_of_year", agree), "");
    std::vector<Discussion> disagree { { "shanyrak_meeting", true }, { "pedagogical_meeting", false } };
    EXPECT_EQ(nomination_problem("shanyrak_of_year", disagree), "disagreement");
    disagree.push_back({ "shanyrak_union", true });
    EXPECT_EQ(nomination_problem("shanyrak_of_year", disagree), "");
    disagree.back().supported = false;
    EXPECT_EQ(nomination_problem("shanyrak_of_year", disagree), "not_supported");
    EXPECT_EQ(nomination_problem("shanyrak_of_year", { { "shanyrak_meeting", false }, { "pedagogical_meeting", false } }), "not_supported");
    EXPECT_EQ(nomination_problem("shanyrak_of_year", { { "shanyrak_union", true } }), "no_shanyrak_meeting");
}

TEST(Recusal_AWD_3, AMemberDoesNotScoreThemselvesTheirChildOrAStudentOfTheirOwnShanyrak)
{
    MemberTies teacher { .person_id = 10, .shanyrak_id = 1 };
    MemberTies parent { .person_id = 20, .represented_students = { 101 }, .represented_shanyraks = { 2 } };
    MemberTies student { .person_id = 101, .shanyrak_id = 2 };
    Nominee ayan { .student_id = 101, .student_shanyrak_id = 2 };
    Nominee dana { .student_id = 102, .student_shanyrak_id = 1 };
    EXPECT_EQ(recusal_reason(teacher, ayan), "");
    EXPECT_EQ(recusal_reason(teacher, dana), "own_shanyrak");
    EXPECT_EQ(recusal_reason(parent, ayan), "kin");
    EXPECT_EQ(recusal_reason(parent, dana), "");
    EXPECT_EQ(recusal_reason(student, ayan), "self");
    EXPECT_EQ(recusal_reason(student, dana), "");
}

TEST(Recusal_AWD_4, AMemberOfTheShanyrakOrAParentOfItsStudentDoesNotScoreIt)
{
    MemberTies teacher { .person_id = 10, .shanyrak_id = 1 };
    MemberTies parent { .person_id = 20, .represented_students = { 101 }, .represented_shanyraks = { 2 } };
    EXPECT_EQ(recusal_reason(teacher, { .shanyrak_id = 1 }), "own_shanyrak");
    EXPECT_EQ(recusal_reason(teacher, { .shanyrak_id = 2 }), "");
    EXPECT_EQ(recusal_reason(parent, { .shanyrak_id = 2 }), "kin");
    EXPECT_EQ(recusal_reason(parent, { .shanyrak_id = 1 }), "");
}

TEST(Places_AWD_3, PlacesFollowTheMeanScoreSoARecusalDoesNotLowerANominee)
{
    // Nominee 1 is scored by two members (one recused), nominee 2 by three.
    std::vector<Score> s { { 10, 1, 9 }, { 11, 1, 9 }, { 10, 2, 8 }, { 11, 2, 8 }, { 12, 2, 10 }, { 10, 3, 5 }, { 11, 3, 6 }, { 12, 3, 4 } };
    auto r = rank({ 1, 2, 3 }, s);
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(r[0].nominee_id, 1);   // mean 9 > 26/3
    EXPECT_EQ(r[0].place, 1);
    EXPECT_EQ(r[1].nominee_id, 2);
    EXPECT_EQ(r[1].place, 2);
    EXPECT_EQ(r[2].nominee_id, 3);
    EXPECT_EQ(r[2].place, 3);
    EXPECT_EQ(r[0].tie_break, "");
    // Unscored nominees get no place.
    auto u = rank({ 1, 4 }, { { 10, 1, 3 } });
    EXPECT_EQ(u[1].nominee_id, 4);
    EXPECT_EQ(u[1].place, 0);
}

TEST(Places_AWD_3, EqualMeansAreBrokenByFirstRanksThenMedianThenTheEarlierNomination)
{
    // Means equal (7): nominee 2 is the top choice of two members, nominee 1 of one.
    std::vector<Score> firsts { { 10, 1, 9 }, { 11, 1, 6 }, { 12, 1, 6 }, { 10, 2, 5 }, { 11, 2, 8 }, { 12, 2, 8 } };
    auto a = rank({ 1, 2 }, firsts);
    EXPECT_EQ(a[0].nominee_id, 2);
    EXPECT_EQ(a[0].first_ranks, 2);
    EXPECT_EQ(a[0].tie_break, "first_ranks");
    // Means equal (5) and first ranks equal (2 each): the higher median wins (5 against 4.5).
    std::vector<Score> medians { { 10, 1, 10 }, { 11, 1, 1 }, { 12, 1, 1 }, { 13, 1, 8 }, { 10, 2, 5 }, { 11, 2, 5 }, { 12, 2, 5 }, { 13, 2, 5 } };
    auto b = rank({ 1, 2 }, medians);
    EXPECT_EQ(b[0].nominee_id, 2);
    EXPECT_EQ(b[0].first_ranks, 2);
    EXPECT_EQ(b[1].first_ranks, 2);
    EXPECT_EQ(b[0].median_x2, 10);
    EXPECT_EQ(b[0].tie_break, "median");
    // Everything equal: the nomination presented earlier.
    auto c = rank({ 5, 3 }, { { 10, 5, 7 }, { 10, 3, 7 } });
    EXPECT_EQ(c[0].nominee_id, 5);
    EXPECT_EQ(c[0].tie_break, "earlier_nomination");
}
