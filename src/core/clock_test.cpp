#include "core/clock.hpp"
#include <gtest/gtest.h>

using namespace kenes;

TEST(AlmatyTime_GEN_2, SingleUtcPlus5ZoneSinceMarch2024)
{
    // 2026-11-21 23:55:00 UTC is 04:55 next day in Almaty.
    EXPECT_EQ(almaty::iso_datetime(1795305300000), "2026-11-22T04:55:00+05:00");
    // One second before the switch the old UTC+6 offset applied.
    EXPECT_EQ(almaty::offset_seconds(1709229599000), 6 * 3600);
    EXPECT_EQ(almaty::offset_seconds(1709229600000), 5 * 3600);
    EXPECT_EQ(almaty::local_date(1795305300000).iso(), "2026-11-22");
}

TEST(CivilDate, ParsesOnlyRealCalendarDays)
{
    EXPECT_EQ(parse_iso_date("2008-02-29")->iso(), "2008-02-29");
    EXPECT_FALSE(parse_iso_date("2007-02-29"));
    EXPECT_FALSE(parse_iso_date("2007-13-01"));
    EXPECT_FALSE(parse_iso_date("07-01-2007"));
    EXPECT_FALSE(parse_iso_date("2007-1-01"));
    EXPECT_FALSE(parse_iso_date("2007-01-01x"));
}

TEST(AcademicYear_GEN_2, SeptemberToTheFollowingSummer)
{
    EXPECT_EQ(academic_year_of({ 2026, 9, 1 }), "2026-2027");
    EXPECT_EQ(academic_year_of({ 2026, 8, 31 }), "2025-2026");
    EXPECT_EQ(academic_year_of({ 2027, 6, 30 }), "2026-2027");
}
