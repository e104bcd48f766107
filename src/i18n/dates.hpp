#pragma once
// Dates and times in documents as people write them in each language, not ISO strings:
// kk "2026 жылғы 5 желтоқсан", ru "5 декабря 2026 г.", en "5 December 2026". Times are Almaty's.
#include "core/clock.hpp"
#include "i18n/locale.hpp"
#include <string>

namespace kenes::i18n {

std::string long_date(Lang, const CivilDate&);
// long_date of the Almaty day and the time as HH:MM ("5 December 2026, 14:30").
std::string long_date_time(Lang, UnixMillis utc);
// The same to the second, for journals that register to the second (HST-APP-1, HST-PRI-3).
std::string long_date_time_seconds(Lang, UnixMillis utc);

}
