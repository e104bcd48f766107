#pragma once
// GEN-4: the group's attendance journal as a printable PDF in the appendix style.
#include "i18n/catalog.hpp"
#include "storage/database.hpp"
#include <string>

namespace kenes::attendance::documents {

// A grid of the days with marks between from and to (a month), one row per student; for a longer
// period (a term) the totals per student. `period` is printed as given.
std::string journal(db::Tx&, const Catalog&, Lang, int64_t inst, int64_t group, const std::string& from, const std::string& to, const std::string& period);

}
