#pragma once
// Alphabetical order per language via ICU collation: Kazakh order for kk (Ә after А, Ұ before Ү,
// І after Ы). Lists are sorted in the database by stored sort keys, so pagination stays stable.
#include "i18n/locale.hpp"
#include <string>
#include <string_view>

namespace kenes::collation {

// Binary ICU sort key of `utf8` (compare with memcmp / BLOB / BYTEA ordering).
std::string sort_key(Lang, std::string_view utf8);

// Sort key of a person's name: surname, then name, then patronymic (ELEC-DAY-3 order).
std::string name_sort_key(Lang, std::string_view surname, std::string_view name, std::string_view patronymic);

}
