#pragma once
// iCalendar (RFC 5545) for meetings and events: escaping, line folding at 75 octets, CRLF.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kenes::docs {

struct CalendarEvent {
    std::string uid;
    std::string date;                 // YYYY-MM-DD (an all-day event) ...
    std::optional<std::string> start; // ... or a local Almaty time "HH:MM" on that date
    int duration_minutes = 90;
    std::string summary;
    std::string location;
    std::string description;
    // A changed event carries a higher SEQUENCE so calendars replace their copy (RFC 5545 3.8.7.4);
    // a cancelled one STATUS:CANCELLED so they strike it through instead of keeping it.
    int sequence = 0;
    bool cancelled = false;
    // When the event last changed (Unix ms): its DTSTAMP and LAST-MODIFIED, so a feed fetched
    // twice without a change is the same feed. Unset: the time of generation, no LAST-MODIFIED.
    std::optional<long long> changed_ms;
};

// A UID unique across institutions (and across Kenes servers that keep ids per institution):
// "event-1809@institution-1001.kenes". RFC 5545 3.8.4.7 asks for global uniqueness.
std::string calendar_uid(std::string_view kind, long long id, long long institution_id);

// A session of a body (MTG-1): from its start, Almaty time, for the 90 minutes a calendar keeps
// for it, so that it sits at its hour in the member's calendar and reminds them before it. A start
// that is not "HH:MM" (none was recorded) leaves the day without an hour rather than a wrong one.
inline constexpr int session_minutes = 90;
// With `institution_id` the UID is calendar_uid("meeting", ...); `changed_ms` is its last change.
CalendarEvent session_event(long long meeting_id, const std::string& held_on, const std::string& starts_at, std::string summary, std::string place,
    long long institution_id = 0, std::optional<long long> changed_ms = std::nullopt);

std::string calendar(const std::string& name, const std::vector<CalendarEvent>&, long long now_unix_ms);
std::string ical_escape(std::string_view);
std::string ical_fold(std::string_view line);

}
