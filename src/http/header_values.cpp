#include "http/header_values.hpp"
#include <boost/algorithm/string/predicate.hpp>
#include <charconv>
#include <system_error>

namespace kenes::http {

std::string_view trim_ows(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

double q_value(std::string_view params)
{
    while (!params.empty()) {
        auto semi = params.find(';');
        auto param = trim_ows(params.substr(0, semi));
        params = semi == std::string_view::npos ? std::string_view {} : params.substr(semi + 1);
        auto eq = param.find('=');
        if (eq == std::string_view::npos || !boost::iequals(trim_ows(param.substr(0, eq)), "q"))
            continue;
        auto value = trim_ows(param.substr(eq + 1));
        double q = 1.0;
        auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), q);
        if (ec != std::errc {} || ptr != value.data() + value.size() || q < 0 || q > 1)
            return 1.0;
        return q;
    }
    return 1.0;
}

}
