#pragma once
// The server clock is the authority for every deadline; tests inject a fixed clock.
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kenes {

using UnixMillis = int64_t;

class Clock {
public:
    virtual ~Clock() = default;
    virtual UnixMillis now() const = 0;
};

class SystemClock final : public Clock {
public:
    UnixMillis now() const override;
};

class FixedClock final : public Clock {
public:
    explicit FixedClock(UnixMillis at) : m_at(at) {}
    UnixMillis now() const override { return m_at.load(); }
    void set(UnixMillis at) { m_at.store(at); }
    void advance(int64_t ms) { m_at.fetch_add(ms); }

private:
    std::atomic<UnixMillis> m_at;
};

// Test servers only (KENES_CLOCK_FILE): the time is read from a file holding Unix milliseconds, so
// an end-to-end test can move a running server to election day and probe each deadline. Without
// a readable number in the file, the system time.
class FileClock final : public Clock {
public:
    explicit FileClock(std::string path) : m_path(std::move(path)) {}
    UnixMillis now() const override;

private:
    std::string m_path;
    mutable std::atomic<int> m_fd { -1 };
};

// A calendar date without time zone (birth dates, academic year bounds).
struct CivilDate {
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
    std::string iso() const;
    auto operator<=>(const CivilDate&) const = default;
};

// GEN-2: the academic year runs from September to the following summer: "2026-2027".
std::string academic_year_of(const CivilDate&);

// Strict YYYY-MM-DD with a real calendar day (no 2026-02-30).
std::optional<CivilDate> parse_iso_date(std::string_view);

// Local time of Asia/Almaty (GEN-2). ICU 72's bundled tzdata (2022e) still has UTC+6, but
// Kazakhstan moved to a single UTC+5 zone on 2024-03-01, so the offset is computed here.
namespace almaty {
int offset_seconds(UnixMillis utc);
std::string iso_datetime(UnixMillis utc);   // 2026-11-22T04:58:56+05:00
CivilDate local_date(UnixMillis utc);
}

}
