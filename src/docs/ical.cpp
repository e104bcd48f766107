#include "docs/ical.hpp"
#include <cstdio>

namespace kenes::docs {

std::string ical_escape(std::string_view s)
{
    std::string out;
    for (char c : s) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case ';': out += "\\;"; break;
        case ',': out += "\\,"; break;
        case '\n': out += "\\n"; break;
        case '\r': break;
        default: out += c;
        }
    }
    return out;
}

std::string ical_fold(std::string_view line)
{
    // Lines longer than 75 octets continue on the next line after CRLF and a space, never inside
    // a UTF-8 sequence.
    std::string out;
    size_t count = 0;
    for (size_t i = 0; i < line.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(line[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        if (count + len > 75) {
            out += "\r\n ";
            count = 1;
        }
        out.append(line.substr(i, len));
        count += len;
        i += len - 1;
    }
    return out + "\r\n";
}

namespace {

bool is_hh_mm(const std::string& t)
{
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (t.size() != 5 || t[2] != ':' || !digit(t[0]) || !digit(t[1]) || !digit(t[3]) || !digit(t[4]))
        return false;
    return std::stoi(t.substr(0, 2)) < 24 && std::stoi(t.substr(3, 2)) < 60;
}

}

std::string calendar_uid(std::string_view kind, long long id, long long institution_id)
{
    return std::string(kind) + "-" + std::to_string(id) + "@institution-" + std::to_string(institution_id) + ".kenes";
}

CalendarEvent session_event(long long meeting_id, const std::string& held_on, const std::string& starts_at, std::string summary, std::string place,
    long long institution_id, std::optional<long long> changed_ms)
{
    CalendarEvent e { institution_id > 0 ? calendar_uid("meeting", meeting_id, institution_id) : "meeting-" + std::to_string(meeting_id) + "@kenes", held_on,
        is_hh_mm(starts_at) ? std::optional(starts_at) : std::nullopt, session_minutes, std::move(summary), std::move(place), "" };
    e.changed_ms = changed_ms;
    return e;
}

static std::string compact_date(const std::string& iso) { return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2); }

// "20261205T093000Z" of a Unix time in ms.
static std::string utc_stamp(long long ms)
{
    long long secs = ms / 1000;
    long long days = secs / 86400, rem = secs % 86400;
    // civil from days (Howard Hinnant's algorithm)
    long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = unsigned(z - era * 146097), yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long y = yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "%04lld%02u%02uT%02lld%02lld%02lldZ", y + (m <= 2), m, d, rem / 3600, rem / 60 % 60, rem % 60);
    return stamp;
}

std::string calendar(const std::string& name, const std::vector<CalendarEvent>& events, long long now_ms)
{
    std::string now_stamp = utc_stamp(now_ms);

    std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kenes//Student self-government//KK\r\nCALSCALE:GREGORIAN\r\n";
    out += ical_fold("X-WR-CALNAME:" + ical_escape(name));
    out += "X-WR-TIMEZONE:Asia/Almaty\r\n";
    // Asia/Almaty is UTC+5 without daylight saving since 2024-03-01 (GEN-2).
    out += "BEGIN:VTIMEZONE\r\nTZID:Asia/Almaty\r\nBEGIN:STANDARD\r\nDTSTART:20240301T000000\r\nTZOFFSETFROM:+0600\r\nTZOFFSETTO:+0500\r\nTZNAME:+05\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";
    for (auto& e : events) {
        out += "BEGIN:VEVENT\r\n";
        out += ical_fold("UID:" + e.uid);
        if (e.changed_ms) {
            std::string changed = utc_stamp(*e.changed_ms);
            out += "DTSTAMP:" + changed + "\r\n";
            out += "LAST-MODIFIED:" + changed + "\r\n";
        } else {
            out += "DTSTAMP:" + now_stamp + "\r\n";
        }
        if (e.start) {
            std::string t = e.start->substr(0, 2) + e.start->substr(3, 2) + "00";
            out += "DTSTART;TZID=Asia/Almaty:" + compact_date(e.date) + "T" + t + "\r\n";
            out += "DURATION:PT" + std::to_string(e.duration_minutes) + "M\r\n";
        } else {
            out += "DTSTART;VALUE=DATE:" + compact_date(e.date) + "\r\n";
        }
        out += ical_fold("SUMMARY:" + ical_escape(e.summary));
        if (!e.location.empty())
            out += ical_fold("LOCATION:" + ical_escape(e.location));
        if (!e.description.empty())
            out += ical_fold("DESCRIPTION:" + ical_escape(e.description));
        if (e.sequence > 0)
            out += "SEQUENCE:" + std::to_string(e.sequence) + "\r\n";
        if (e.cancelled)
            out += "STATUS:CANCELLED\r\n";
        out += "END:VEVENT\r\n";
    }
    return out + "END:VCALENDAR\r\n";
}

}
