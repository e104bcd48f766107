#include "docs/ical.hpp"
#include <gtest/gtest.h>

using namespace kenes::docs;

TEST(ICalendar, EscapesAndFoldsWithoutSplittingLetters)
{
    EXPECT_EQ(ical_escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    std::string kazakh(60, 'x');
    kazakh += "Әлия Сәрсенова";   // multi-byte letters around the 75-octet limit
    auto folded = ical_fold("SUMMARY:" + kazakh);
    auto first = folded.substr(0, folded.find("\r\n"));
    EXPECT_LE(first.size(), 75u);
    std::string joined;
    for (size_t i = 0; i < folded.size(); ++i) {
        if (folded.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        joined += folded[i];
    }
    EXPECT_EQ(joined, "SUMMARY:" + kazakh + "\r\n");
}

TEST(ICalendar_GEN_2, SessionsAreAllDayOrAlmatyTimes)
{
    auto ics = calendar("Кеңес", { { "meeting-1@kenes", "2026-11-22", std::nullopt, 90, "Кеңес, № 1", "Зал 204", "" },
                                     { "event-2@kenes", "2026-12-01", "15:30", 60, "Концерт", "", "" } },
        1795305300000);
    EXPECT_NE(ics.find("DTSTART;VALUE=DATE:20261122\r\n"), std::string::npos);
    EXPECT_NE(ics.find("DTSTART;TZID=Asia/Almaty:20261201T153000\r\n"), std::string::npos);
    EXPECT_NE(ics.find("TZOFFSETTO:+0500"), std::string::npos);
    EXPECT_NE(ics.find("DTSTAMP:20261121T235500Z"), std::string::npos);
    EXPECT_EQ(ics.rfind("END:VCALENDAR\r\n"), ics.size() - 15);
}

TEST(ICalendar_PLAN_4, AChangedEventCarriesItsSequenceAndACancelledOneItsStatus)
{
    CalendarEvent moved { "event-3@kenes", "2026-12-02", "10:00", 120, "Концерт", "Зал", "" };
    moved.sequence = 2;
    CalendarEvent cancelled { "event-4@kenes", "2026-12-03", std::nullopt, 120, "Той", "", "" };
    cancelled.cancelled = true;
    auto ics = calendar("Кеңес", { moved, cancelled }, 1795305300000);
    auto second = ics.find("UID:event-4@kenes");
    EXPECT_LT(ics.find("SEQUENCE:2\r\n"), second);
    EXPECT_GT(ics.find("STATUS:CANCELLED\r\n"), second);
    EXPECT_EQ(ics.find("STATUS:CANCELLED\r\n"), ics.rfind("STATUS:CANCELLED\r\n")) << "only the cancelled event";
}

TEST(ICalendar_MTG_1, ASessionIsTimedFromItsStartForNinetyMinutes)
{
    auto session = session_event(41, "2026-11-22", "14:30", "Кеңес - № 3", "Зал 204");
    EXPECT_EQ(session.uid, "meeting-41@kenes");
    ASSERT_TRUE(session.start.has_value());
    EXPECT_EQ(*session.start, "14:30");
    EXPECT_EQ(session.duration_minutes, 90);
    auto ics = calendar("Кеңес", { session }, 1795305300000);
    EXPECT_NE(ics.find("DTSTART;TZID=Asia/Almaty:20261122T143000\r\nDURATION:PT90M\r\n"), std::string::npos);
    EXPECT_EQ(ics.find("VALUE=DATE"), std::string::npos);
    EXPECT_NE(ics.find("BEGIN:VTIMEZONE\r\nTZID:Asia/Almaty\r\n"), std::string::npos);
    EXPECT_NE(ics.find("LOCATION:Зал 204\r\n"), std::string::npos);
}

TEST(ICalendar_MTG_1, ASessionWithoutAValidStartKeepsItsDayWithoutAnHour)
{
    for (const char* start : { "", "24:00", "9:30", "12:60", "ab:cd" }) {
        auto session = session_event(7, "2026-11-22", start, "Кеңес", "");
        EXPECT_FALSE(session.start.has_value()) << start;
        EXPECT_NE(calendar("Кеңес", { session }, 0).find("DTSTART;VALUE=DATE:20261122\r\n"), std::string::npos) << start;
    }
    EXPECT_TRUE(session_event(7, "2026-11-22", "00:00", "Кеңес", "").start.has_value()) << "midnight is a time";
}

TEST(ICalendar, ALastChangeIsTheStampAndTheUidNamesTheInstitution)
{
    EXPECT_EQ(calendar_uid("event", 1809, 1001), "event-1809@institution-1001.kenes");
    auto session = session_event(41, "2026-11-22", "14:30", "Кеңес", "", 1001, 1795305300000);
    EXPECT_EQ(session.uid, "meeting-41@institution-1001.kenes");
    // Generated a day later, the feed still says when the session last changed.
    auto ics = calendar("Кеңес", { session }, 1795305300000 + 86400000);
    EXPECT_NE(ics.find("DTSTAMP:20261121T235500Z\r\nLAST-MODIFIED:20261121T235500Z\r\n"), std::string::npos) << ics;
    CalendarEvent unchanged;
    unchanged.uid = "x@kenes";
    unchanged.date = "2026-11-22";
    EXPECT_EQ(calendar("K", { unchanged }, 0).find("LAST-MODIFIED"), std::string::npos);
}
