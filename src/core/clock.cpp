#include "core/clock.hpp"
#include <chrono>
#include <charconv>
#include <fcntl.h>
#include <unistd.h>

namespace kenes {

UnixMillis SystemClock::now() const
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

UnixMillis FileClock::now() const
{
    // One pread on a descriptor kept open: the test rewrites the file in place.
    int fd = m_fd.load();
    if (fd < 0) {
        fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
        int expected = -1;
        if (fd >= 0 && !m_fd.compare_exchange_strong(expected, fd)) {
            ::close(fd);
            fd = expected;
        }
    }
    if (fd >= 0) {
        char buf[32];
        ssize_t n = ::pread(fd, buf, sizeof buf, 0);
        long long at = 0;
        if (n > 0 && std::from_chars(buf, buf + n, at).ec == std::errc {} && at > 0)
            return at;
    }
    return SystemClock().now();
}

std::string CivilDate::iso() const
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, month, day);
    return buf;
}

std::string academic_year_of(const CivilDate& d)
{
    int first = d.month >= 9 ? d.year : d.year - 1;
    return std::to_string(first) + "-" + std::to_string(first + 1);
}

std::optional<CivilDate> parse_iso_date(std::string_view s)
{
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return std::nullopt;
    auto digits = [&](size_t from, size_t n) -> std::optional<int> {
        int v = 0;
        for (size_t i = from; i < from + n; ++i) {
            if (s[i] < '0' || s[i] > '9')
                return std::nullopt;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    auto y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    if (!y || !m || !d)
        return std::nullopt;
    std::chrono::year_month_day ymd { std::chrono::year(*y), std::chrono::month(unsigned(*m)), std::chrono::day(unsigned(*d)) };
    if (!ymd.ok() || *y < 1900)
        return std::nullopt;
    return CivilDate { *y, unsigned(*m), unsigned(*d) };
}

namespace almaty {

// 2024-03-01 00:00 local (UTC+6) = 2024-02-29 18:00 UTC.
constexpr UnixMillis single_zone_since = 1709229600000;

int offset_seconds(UnixMillis utc)
{
    return utc >= single_zone_since ? 5 * 3600 : 6 * 3600;
}

static std::chrono::sys_seconds local_seconds(UnixMillis utc)
{
    using namespace std::chrono;
    return sys_seconds(duration_cast<seconds>(milliseconds(utc)) + seconds(offset_seconds(utc)));
}

std::string iso_datetime(UnixMillis utc)
{
    using namespace std::chrono;
    auto local = local_seconds(utc);
    auto day = floor<days>(local);
    year_month_day ymd(day);
    hh_mm_ss hms(local - day);
    int off = offset_seconds(utc) / 60;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d+%02d:%02d", int(ymd.year()), unsigned(ymd.month()),
        unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()), int(hms.seconds().count()), off / 60,
        off % 60);
    return buf;
}

CivilDate local_date(UnixMillis utc)
{
    using namespace std::chrono;
    year_month_day ymd(floor<days>(local_seconds(utc)));
    return { int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()) };
}

}

}
