#include "i18n/dates.hpp"
#include <gtest/gtest.h>

using namespace kenes;

TEST(LongDates, EachLanguageWritesTheDateItsOwnWay)
{
    CivilDate d { 2026, 12, 5 };
    EXPECT_EQ(i18n::long_date(Lang::Kk, d), "2026 жылғы 5 желтоқсан");
    EXPECT_EQ(i18n::long_date(Lang::Ru, d), "5 декабря 2026 г.");
    EXPECT_EQ(i18n::long_date(Lang::En, d), "5 December 2026");
    EXPECT_EQ(i18n::long_date(Lang::Ru, { 2027, 5, 1 }), "1 мая 2027 г.");
    EXPECT_EQ(i18n::long_date(Lang::Kk, { 2027, 1, 31 }), "2027 жылғы 31 қаңтар");
}

TEST(LongDates, TimesAreAlmatys)
{
    // 2026-12-05T09:30:00Z is 14:30 in Almaty (UTC+5).
    UnixMillis t = 1796463000000;
    EXPECT_EQ(i18n::long_date_time(Lang::En, t), "5 December 2026, 14:30");
    EXPECT_EQ(i18n::long_date_time(Lang::Kk, t), "2026 жылғы 5 желтоқсан, 14:30");
}
