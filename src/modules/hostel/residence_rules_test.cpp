// The rules of living in the hostel (seed 004, hostel rules), at their edges.
#include "modules/hostel/residence_rules.hpp"
#include <gtest/gtest.h>
#include <algorithm>

using namespace kenes;
using namespace kenes::hostel::residence;

namespace {
CivilDate d(const char* iso) { return *parse_iso_date(iso); }
// Unix milliseconds of an Almaty wall time (UTC+5).
UnixMillis at(const char* iso_date, int hh, int mm, int ss = 0)
{
    auto day = d(iso_date);
    int64_t days = 0;
    for (auto x = CivilDate { 1970, 1, 1 }; x < day; x = add_days(x, 1))
        ++days;
    return ((days * 86400) + hh * 3600 + mm * 60 + ss - 5 * 3600) * 1000;
}
}

TEST(HostelResidence, HST_VIOL_2_first_and_second_violations_are_reprimands_the_third_evicts)
{
    EXPECT_EQ(violation_ordinal({}, d("2026-10-01")), 1);
    EXPECT_EQ(measure_for(1), Measure::Reprimand);
    EXPECT_EQ(measure_for(2), Measure::Reprimand);
    EXPECT_EQ(measure_for(3), Measure::Eviction);
    EXPECT_EQ(measure_for(4), Measure::Eviction);
    EXPECT_EQ(violation_ordinal({ d("2026-09-10"), d("2026-12-01") }, d("2027-05-31")), 3);
    EXPECT_STREQ(measure_name(Measure::Eviction), "eviction");
}

TEST(HostelResidence, HST_VIOL_2_counts_within_one_academic_year_only)
{
    // Two violations in May and August of 2025-2026; the third on September 1 starts a new year.
    EXPECT_EQ(violation_ordinal({ d("2026-05-20"), d("2026-08-31") }, d("2026-09-01")), 1);
    // The last day of the year still counts with the year's earlier ones.
    EXPECT_EQ(violation_ordinal({ d("2025-09-01"), d("2026-05-20") }, d("2026-08-31")), 3);
    // A violation entered later but dated after this one does not count before it.
    EXPECT_EQ(violation_ordinal({ d("2026-10-05") }, d("2026-10-01")), 1);
}

TEST(HostelResidence, HST_VIS_1_visits_friday_to_sunday_from_10_until_20_Almaty)
{
    // 2026-12-04 is a Friday.
    EXPECT_EQ(weekday(d("2026-12-04")), 5);
    EXPECT_FALSE(visiting_hours(at("2026-12-04", 9, 59, 59)));
    EXPECT_TRUE(visiting_hours(at("2026-12-04", 10, 0)));
    EXPECT_TRUE(visiting_hours(at("2026-12-05", 19, 59, 59)));
    EXPECT_FALSE(visiting_hours(at("2026-12-06", 20, 0)));
    EXPECT_TRUE(visiting_hours(at("2026-12-06", 12, 0)));
    // Thursday and Monday are closed at noon.
    EXPECT_FALSE(visiting_hours(at("2026-12-03", 12, 0)));
    EXPECT_FALSE(visiting_hours(at("2026-12-07", 12, 0)));
    // Friday 10:00 Almaty is Friday 05:00 UTC: the Almaty day decides.
    EXPECT_TRUE(visiting_hours(at("2026-12-04", 10, 30)));
}

TEST(HostelResidence, HST_VIS_1_only_close_relatives_from_a_fixed_list)
{
    auto& r = visitor_relations();
    EXPECT_NE(std::find(r.begin(), r.end(), "mother"), r.end());
    EXPECT_EQ(std::find(r.begin(), r.end(), "friend"), r.end());
}

TEST(HostelResidence, HST_LV_1_the_application_comes_at_least_two_days_before)
{
    EXPECT_TRUE(leave_notice_given(d("2026-12-02"), d("2026-12-04")));
    EXPECT_TRUE(leave_notice_given(d("2026-12-02"), d("2026-12-10")));
    EXPECT_FALSE(leave_notice_given(d("2026-12-03"), d("2026-12-04")));
    EXPECT_FALSE(leave_notice_given(d("2026-12-04"), d("2026-12-04")));
    // Across a month and a year.
    EXPECT_TRUE(leave_notice_given(d("2026-12-30"), d("2027-01-01")));
    EXPECT_FALSE(leave_notice_given(d("2026-12-31"), d("2027-01-01")));
}

TEST(HostelResidence, HST_DAY_1_routine_times_are_valid_and_in_order)
{
    EXPECT_TRUE(valid_hhmm("06:00"));
    EXPECT_TRUE(valid_hhmm("23:59"));
    EXPECT_FALSE(valid_hhmm("24:00"));
    EXPECT_FALSE(valid_hhmm("6:00"));
    EXPECT_FALSE(valid_hhmm("06:60"));
    EXPECT_TRUE(routine_in_order("06:00", "20:00", "21:30", "22:00"));
    EXPECT_TRUE(routine_in_order("06:00", "21:30", "21:30", "21:30"));
    EXPECT_FALSE(routine_in_order("20:00", "06:00", "21:30", "22:00"));
    EXPECT_FALSE(routine_in_order("06:00", "20:00", "22:30", "22:00"));
}

TEST(HostelResidence, HST_EV_2_resettlement_only_the_next_year_after_academic_leave_bumping_or_late_payment)
{
    for (auto r : eviction_reasons())
        EXPECT_TRUE(is_eviction_reason(r));
    EXPECT_EQ(eviction_reasons().size(), 10u);
    EXPECT_EQ(resettlement_after("academic_leave"), Resettlement::NextYear);
    EXPECT_EQ(resettlement_after("bumping"), Resettlement::NextYear);
    EXPECT_EQ(resettlement_after("late_payment"), Resettlement::NextYear);
    EXPECT_EQ(resettlement_after("three_violations"), Resettlement::Never);
    EXPECT_EQ(resettlement_after("false_information"), Resettlement::Never);
    EXPECT_EQ(resettlement_after("end_of_year"), Resettlement::Allowed);
    EXPECT_EQ(settlement_bar({}, "2026-2027"), SettleBar::None);
    EXPECT_EQ(settlement_bar({ { "bumping", "2026-2027" } }, "2026-2027"), SettleBar::NotThisYear);
    EXPECT_EQ(settlement_bar({ { "bumping", "2026-2027" } }, "2027-2028"), SettleBar::None);
    EXPECT_EQ(settlement_bar({ { "three_violations", "2024-2025" } }, "2027-2028"), SettleBar::NeverAgain);
    EXPECT_EQ(settlement_bar({ { "end_of_year", "2026-2027" } }, "2026-2027"), SettleBar::None);
    EXPECT_EQ(add_days(d("2026-12-30"), vacate_days), d("2027-01-02"));
}

TEST(HostelResidence, names_and_documents_compare_without_case_and_extra_spaces)
{
    EXPECT_EQ(normalized("  Aigerim   SERIKOVA "), "aigerim serikova");
}
