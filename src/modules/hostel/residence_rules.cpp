#include "modules/hostel/residence_rules.hpp"
#include <algorithm>
#include <cctype>
#include <chrono>

namespace kenes::hostel::residence {

namespace {
std::chrono::sys_days days_of(const CivilDate& d)
{
    return std::chrono::sys_days(std::chrono::year(d.year) / std::chrono::month(d.month) / std::chrono::day(d.day));
}
int minutes(std::string_view hhmm) { return ((hhmm[0] - '0') * 10 + (hhmm[1] - '0')) * 60 + (hhmm[3] - '0') * 10 + (hhmm[4] - '0'); }
}

CivilDate add_days(const CivilDate& d, int days)
{
    std::chrono::year_month_day ymd(days_of(d) + std::chrono::days(days));
    return { int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()) };
}

UnixMillis almaty_day_start(const CivilDate& d)
{
    UnixMillis utc_midnight = int64_t(days_of(d).time_since_epoch().count()) * 86400000;
    return utc_midnight - int64_t(almaty::offset_seconds(utc_midnight)) * 1000;
}

int weekday(const CivilDate& d) { return int(std::chrono::weekday(days_of(d)).iso_encoding()); }

int violation_ordinal(const std::vector<CivilDate>& earlier, const CivilDate& on)
{
    auto year = academic_year_of(on);
    return 1 + int(std::count_if(earlier.begin(), earlier.end(), [&](const CivilDate& e) { return academic_year_of(e) == year && e <= on; }));
}

Measure measure_for(int ordinal) { return ordinal >= 3 ? Measure::Eviction : Measure::Reprimand; }
const char* measure_name(Measure m) { return m == Measure::Eviction ? "eviction" : "reprimand"; }

bool visiting_hours(UnixMillis now)
{
    auto day = almaty::local_date(now);
    int wd = weekday(day);
    if (wd < 5)
        return false;
    int64_t local = now / 1000 + almaty::offset_seconds(now);
    int64_t minute_of_day = ((local % 86400) + 86400) % 86400 / 60;
    return minute_of_day >= 10 * 60 && minute_of_day < 20 * 60;
}

const std::vector<std::string_view>& visitor_relations()
{
    static const std::vector<std::string_view> list { "representative", "mother", "father", "guardian", "grandmother", "grandfather", "brother", "sister", "aunt", "uncle" };
    return list;
}

bool leave_notice_given(const CivilDate& applied_on, const CivilDate& leave_on) { return leave_on >= add_days(applied_on, leave_notice_days); }

bool valid_hhmm(std::string_view t)
{
    if (t.size() != 5 || t[2] != ':')
        return false;
    for (int i : { 0, 1, 3, 4 })
        if (!std::isdigit(static_cast<unsigned char>(t[i])))
            return false;
    return (t[0] - '0') * 10 + (t[1] - '0') < 24 && t[3] < '6';
}

bool routine_in_order(std::string_view opens, std::string_view closes, std::string_view gadgets_off, std::string_view lights_out)
{
    return minutes(opens) < minutes(closes) && minutes(closes) <= minutes(gadgets_off) && minutes(gadgets_off) <= minutes(lights_out);
}

const std::vector<std::string_view>& eviction_reasons()
{
    static const std::vector<std::string_view> list { "end_of_year", "expulsion", "three_violations", "representative_request", "academic_leave", "absences",
        "external_study", "bumping", "late_payment", "false_information" };
    return list;
}

bool is_eviction_reason(std::string_view r)
{
    auto& l = eviction_reasons();
    return std::find(l.begin(), l.end(), r) != l.end();
}

Resettlement resettlement_after(std::string_view reason)
{
    if (reason == "end_of_year")
        return Resettlement::Allowed;
    if (reason == "academic_leave" || reason == "bumping" || reason == "late_payment")
        return Resettlement::NextYear;
    return Resettlement::Never;
}

SettleBar settlement_bar(const std::vector<PastEviction>& past, const std::string& academic_year)
{
    SettleBar bar = SettleBar::None;
    for (auto& e : past) {
        auto r = resettlement_after(e.reason);
        if (r == Resettlement::Never)
            return SettleBar::NeverAgain;
        if (r == Resettlement::NextYear && e.academic_year >= academic_year)
            bar = SettleBar::NotThisYear;
    }
    return bar;
}

const std::vector<std::string_view>& bypass_items()
{
    static const std::vector<std::string_view> list { "room_clean", "property_intact", "keys_returned", "bedding_returned", "library", "damage_compensated" };
    return list;
}

std::string normalized(std::string_view s)
{
    std::string out;
    bool space = false;
    for (unsigned char c : s) {
        if (std::isspace(c)) {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += char(std::tolower(c));
    }
    return out;
}

}
