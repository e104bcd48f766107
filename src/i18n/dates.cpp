#include "i18n/dates.hpp"
#include <array>
#include <cstdio>

namespace kenes::i18n {

namespace {

// Russian writes the month in the genitive after the day; Kazakh names the month after the day
// in the nominative, with the year first ("жылғы").
constexpr std::array<const char*, 12> kk_months { "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан" };
constexpr std::array<const char*, 12> ru_months { "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря" };
constexpr std::array<const char*, 12> en_months { "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December" };

}

std::string long_date(Lang lang, const CivilDate& d)
{
    if (d.month < 1 || d.month > 12)
        return d.iso();
    auto day = std::to_string(d.day), year = std::to_string(d.year);
    switch (lang) {
    case Lang::Kk:
        return year + " жылғы " + day + " " + kk_months[d.month - 1];
    case Lang::Ru:
        return day + " " + ru_months[d.month - 1] + " " + year + " г.";
    case Lang::En:
        break;
    }
    return day + " " + en_months[d.month - 1] + " " + year;
}

std::string long_date_time(Lang lang, UnixMillis utc)
{
    auto local = almaty::iso_datetime(utc);   // 2026-11-22T04:58:56+05:00
    char time[8];
    std::snprintf(time, sizeof time, "%s", local.substr(11, 5).c_str());
    return long_date(lang, almaty::local_date(utc)) + ", " + time;
}

std::string long_date_time_seconds(Lang lang, UnixMillis utc)
{
    return long_date(lang, almaty::local_date(utc)) + ", " + almaty::iso_datetime(utc).substr(11, 8);
}

}
