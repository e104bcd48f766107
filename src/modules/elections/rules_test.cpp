#include "modules/elections/rules.hpp"
#include <gtest/gtest.h>

using namespace kenes;
using namespace kenes::elections;

constexpr int64_t second = 1000;

TEST(ElectionCalendar_ELEC_DAY_1, LastFridayOfSeptemberVoting9To18Almaty)
{
    EXPECT_EQ(default_election_day(2024).iso(), "2024-09-27");
    EXPECT_EQ(default_election_day(2025).iso(), "2025-09-26");
    EXPECT_EQ(default_election_day(2026).iso(), "2026-09-25");
    auto cal = calendar(default_election_day(2026));
    EXPECT_EQ(cal.voting_opens, 1790308800000);    // 2026-09-25 09:00 +05:00
    EXPECT_EQ(cal.voting_closes, 1790341200000);   // 18:00
    EXPECT_FALSE(voting_open(cal, cal.voting_opens - second));
    EXPECT_TRUE(voting_open(cal, cal.voting_opens));
    EXPECT_TRUE(voting_open(cal, cal.voting_closes - second));
    EXPECT_FALSE(voting_open(cal, cal.voting_closes));
}

TEST(ElectionRegistration_ELEC_REG_2, ClosesAtTheEndOfTheDay14DaysBefore)
{
    auto cal = calendar(default_election_day(2026));
    EXPECT_EQ(cal.registration_closes, 1789153200000);   // 2026-09-12 00:00 +05:00 = end of 2026-09-11
    EXPECT_TRUE(registration_open(cal, cal.registration_closes - second));
    EXPECT_FALSE(registration_open(cal, cal.registration_closes));
}

TEST(ElectionCampaign_ELEC_CAMP_1, FromPublicationUntilTheDayBeforeElectionDay)
{
    auto cal = calendar(default_election_day(2026));
    EXPECT_EQ(cal.silence_starts, 1790190000000);   // 2026-09-24 00:00 +05:00
    UnixMillis published = cal.registration_closes + 3600 * second;
    EXPECT_FALSE(campaigning_allowed(cal, std::nullopt, published));          // no list yet
    EXPECT_FALSE(campaigning_allowed(cal, published, published - second));
    EXPECT_TRUE(campaigning_allowed(cal, published, published));
    EXPECT_TRUE(campaigning_allowed(cal, published, cal.silence_starts - second));
    EXPECT_FALSE(campaigning_allowed(cal, published, cal.silence_starts));    // the day before is silent
    EXPECT_FALSE(campaigning_allowed(cal, published, cal.voting_opens));      // and election day
}

TEST(Eligibility_ELEC_ELIG_1, EachFailedCriterionIsReported)
{
    CandidateFacts ok { 3, false, false, true, 0 };
    EXPECT_TRUE(failed_criteria(ok).empty());
    CandidateFacts bad { 1, true, true, false, 2 };
    EXPECT_EQ(failed_criteria(bad), (std::vector<std::string> { "course", "penalty", "academic_debt", "leadership", "term_limit" }));
    CandidateFacts fifth { 5, false, false, true, 1 };
    EXPECT_EQ(failed_criteria(fifth), std::vector<std::string> { "course" });
}

TEST(Program_ELEC_REG_1, WordsCountedWithIcuBoundariesInEachLanguage)
{
    EXPECT_EQ(count_words("Студенттердің құқықтарын қорғаймын!", Lang::Kk), 3u);
    EXPECT_EQ(count_words("Я буду защищать права студентов, 24/7.", Lang::Ru), 7u);
    EXPECT_EQ(count_words("I will defend students' rights — always.", Lang::En), 6u);
    std::string hundred_and_one;
    for (int i = 0; i < 101; ++i)
        hundred_and_one += "сөз ";
    EXPECT_GT(count_words(hundred_and_one, Lang::Kk), max_program_words);
}

TEST(Ballot_ELEC_DAY_3, KazakhAlphabeticalOrderOfSurnameNamePatronymic)
{
    std::vector<BallotName> names { { 1, "Үсенов", "Арман", "" }, { 2, "Ұлықбеков", "Дана", "" }, { 3, "Әбенова", "Аружан", "" }, { 4, "Абаев", "Ерлан", "" },
        { 5, "Абаев", "Бауыржан", "" } };
    std::vector<int64_t> order;
    for (auto& n : ballot_order(names, Lang::Kk))
        order.push_back(n.candidate_id);
    EXPECT_EQ(order, (std::vector<int64_t> { 5, 4, 3, 2, 1 }));
}

TEST(PaperCount_ELEC_CNT_1, CountsMustAddUpToTheBallotsIssued)
{
    EXPECT_FALSE(paper_count_problem({ 40, 35 }, 3, 2, 80));
    EXPECT_FALSE(paper_count_problem({ 40, 35 }, 3, 2, 85));   // some voters took a ballot and left
    EXPECT_EQ(paper_count_problem({ 40, 35 }, 3, 3, 80), "more_than_issued");
    EXPECT_EQ(paper_count_problem({ 40, -1 }, 0, 0, 80), "negative");
}

TEST(Result_ELEC_RES_1, PluralityAndTiesAreNeverDecidedSilently)
{
    EXPECT_EQ(plurality({ { 1, 10 }, { 2, 30 }, { 3, 29 } }).winner, 2);
    auto tie = plurality({ { 1, 30 }, { 2, 30 }, { 3, 29 } });
    EXPECT_FALSE(tie.winner);
    EXPECT_EQ(tie.tied, (std::vector<int64_t> { 1, 2 }));
    EXPECT_EQ(plurality({ { 7, 0 } }).winner, 7);   // valid whatever the turnout
}
