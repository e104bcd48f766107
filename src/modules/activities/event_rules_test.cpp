#include "modules/activities/event_rules.hpp"
#include <gtest/gtest.h>

using namespace kenes::activities::rules;

TEST(EventRules_PLAN_2, AnEventWithATimeHasTakenPlaceOnceItStarted)
{
    EXPECT_FALSE(has_taken_place("2026-12-05", std::string("19:00"), "2026-12-05", "18:59"));
    EXPECT_TRUE(has_taken_place("2026-12-05", std::string("19:00"), "2026-12-05", "19:00"));
    EXPECT_TRUE(has_taken_place("2026-12-04", std::string("23:00"), "2026-12-05", "00:10"));
    EXPECT_FALSE(has_taken_place("2026-12-06", std::string("08:00"), "2026-12-05", "23:59"));
}

TEST(EventRules_PLAN_2, AnEventWithoutATimeLastsItsWholeDay)
{
    EXPECT_FALSE(has_taken_place("2026-12-05", std::nullopt, "2026-12-05", "23:59"));
    EXPECT_TRUE(has_taken_place("2026-12-04", std::nullopt, "2026-12-05", "00:00"));
    EXPECT_TRUE(has_taken_place("2025-12-31", std::nullopt, "2026-01-01", "00:00"));
}

TEST(EventRules_PLAN_2, StartTimesAreHoursAndMinutesOfOneDay)
{
    EXPECT_TRUE(valid_start_time("00:00"));
    EXPECT_TRUE(valid_start_time("23:59"));
    EXPECT_FALSE(valid_start_time("24:00"));
    EXPECT_FALSE(valid_start_time("12:60"));
    EXPECT_FALSE(valid_start_time("9:30"));
    EXPECT_FALSE(valid_start_time("ab:cd"));
    EXPECT_FALSE(valid_start_time("12-30"));
}

TEST(EventRules_PLAN_2, IdenticalValuesAreNoChange)
{
    EventFacts e { "Той", "Сипаттама", "2026-12-10", std::string("15:00"), "Зал" };
    EXPECT_FALSE(compare(e, e).any());
}

TEST(EventRules_PLAN_2, EachVisibleFieldIsAChangeOfItsOwnKind)
{
    EventFacts e { "Той", "", "2026-12-10", std::string("15:00"), "Зал" };
    auto later = e;
    later.starts_at = "16:00";
    auto c = compare(e, later);
    EXPECT_TRUE(c.moved && !c.relocated && !c.renamed && !c.redescribed);
    auto untimed = e;
    untimed.starts_at = std::nullopt;
    EXPECT_TRUE(compare(e, untimed).moved);
    auto elsewhere = e;
    elsewhere.place = "Спортзал";
    c = compare(e, elsewhere);
    EXPECT_TRUE(c.relocated && !c.moved);
    auto renamed = e;
    renamed.title = "Үлкен той";
    EXPECT_TRUE(compare(e, renamed).renamed);
    auto described = e;
    described.description = "Жаңа";
    EXPECT_TRUE(compare(e, described).redescribed);
}

TEST(EventRules_PLAN_2, TheNoticeShowsTheTimeWhenThereIsOne)
{
    EXPECT_EQ(when_text("2026-12-10", std::string("15:00")), "2026-12-10 15:00");
    EXPECT_EQ(when_text("2026-12-10", std::nullopt), "2026-12-10");
}
