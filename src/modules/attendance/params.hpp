#pragma once
// Query parameters the attendance routes share.
#include "http/context.hpp"
#include "modules/attendance/rules.hpp"

namespace kenes::attendance {

// ?year=2026-2027, else the academic year of today (GEN-2).
Result<std::string> year_param(const http::Context&);
// ?term=N of the year's terms (filled in), else the term of today, else the first.
Result<int64_t> term_param(const http::Context&, db::Tx&, int64_t inst, const std::string& year, std::vector<Term>& terms);

}
