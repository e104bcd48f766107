#pragma once
// The rules of living in the hostel, pure (seed 004, hostel rules): the 3-strike measure of
// violations within an academic year (HST-VIOL-2), the visiting window (HST-VIS-1), the leave
// notice (HST-LV-1), the daily routine (HST-DAY-1), re-settlement after an eviction (HST-EV-2).
// No I/O: the API gathers the facts, these functions decide.
#include "core/clock.hpp"
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kenes::hostel::residence {

// Calendar arithmetic on Almaty dates.
CivilDate add_days(const CivilDate&, int days);
// The instant an Almaty day begins.
UnixMillis almaty_day_start(const CivilDate&);
// 1 Monday .. 7 Sunday.
int weekday(const CivilDate&);

// HST-VIOL-2: the violation's place in its academic year (GEN-2: September to summer), counting
// the earlier violations of the same student in that year, and the measure it draws.
enum class Measure { Reprimand, Eviction };
int violation_ordinal(const std::vector<CivilDate>& earlier, const CivilDate& on);
Measure measure_for(int ordinal);
const char* measure_name(Measure);   // "reprimand", "eviction"

// HST-VIS-1: visits Friday to Sunday, from 10:00 until 20:00 Almaty (20:00 itself is closed).
bool visiting_hours(UnixMillis now);
// The close relatives who may visit besides the legal representatives (a fixed list).
const std::vector<std::string_view>& visitor_relations();

// HST-LV-1: the representative applies at least two days before the day of leave.
inline constexpr int leave_notice_days = 2;
bool leave_notice_given(const CivilDate& applied_on, const CivilDate& leave_on);

// HST-DAY-1: "HH:MM" times; the routine is in order: opens < closes <= gadgets off <= lights out.
bool valid_hhmm(std::string_view);
bool routine_in_order(std::string_view opens, std::string_view closes, std::string_view gadgets_off, std::string_view lights_out);

// HST-EV-1: the reasons of an eviction.
const std::vector<std::string_view>& eviction_reasons();
bool is_eviction_reason(std::string_view);
// HST-EV-2: re-settlement may be considered the next year only after academic leave, bumping or
// late payment. Where the regulation is silent: the end of the academic year is the ordinary end
// of a residence, not a bar (the family applies again, HST-APP-1).
enum class Resettlement { Allowed, NextYear, Never };
Resettlement resettlement_after(std::string_view reason);
// HST-EV-2 at a settlement: the past evictions of the person (their reason and academic year).
struct PastEviction {
    std::string reason;
    std::string academic_year;   // "2026-2027"
};
enum class SettleBar { None, NeverAgain, NotThisYear };
SettleBar settlement_bar(const std::vector<PastEviction>&, const std::string& academic_year);
// HST-EV-2: the evicted student vacates within three days of the order.
inline constexpr int vacate_days = 3;

// HST-EV-2: the bypass sheet, completed before the order.
const std::vector<std::string_view>& bypass_items();

// HST-REG-1: grades 7-12 live in the hostel.
inline bool hostel_grade(int grade) { return grade >= 7 && grade <= 12; }

// A person's name or document as typed, compared without case and extra spaces (ASCII and
// Cyrillic letters are folded by the caller's collation; here: spaces and ASCII case).
std::string normalized(std::string_view);

}
