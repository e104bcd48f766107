#include "http/byte_ranges.hpp"
#include "http/header_values.hpp"
#include <boost/algorithm/string/predicate.hpp>
#include <charconv>
#include <optional>

namespace kenes::http {

namespace {

// 1*DIGIT, nothing else; a number too large for 64 bits is as good as infinite.
std::optional<uint64_t> digits(std::string_view s, bool& overflow)
{
    overflow = false;
    if (s.empty())
        return std::nullopt;
    for (char c : s)
        if (c < '0' || c > '9')
            return std::nullopt;
    uint64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc::result_out_of_range) {
        overflow = true;
        return UINT64_MAX;
    }
    if (ec != std::errc {} || ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

}

ByteRange parse_byte_range(std::string_view range, uint64_t length)
{
    ByteRange whole;
    range = trim_ows(range);
    auto eq = range.find('=');
    if (eq == std::string_view::npos || !boost::iequals(trim_ows(range.substr(0, eq)), "bytes"))
        return whole;
    std::string_view set = range.substr(eq + 1);
    int specs = 0, satisfiable = 0;
    ByteRange part { ByteRange::Kind::Part };
    while (!set.empty() || specs == 0) {
        auto comma = set.find(',');
        auto spec = trim_ows(set.substr(0, comma));
        set = comma == std::string_view::npos ? std::string_view {} : set.substr(comma + 1);
        if (spec.empty()) {
            // RFC 9110 section 5.6.1: empty list elements are allowed and ignored.
            if (set.empty() && specs == 0)
                return whole;
            continue;
        }
        ++specs;
        auto dash = spec.find('-');
        if (dash == std::string_view::npos)
            return whole;
        bool overflow_first = false, overflow_last = false;
        auto first_text = trim_ows(spec.substr(0, dash));
        auto last_text = trim_ows(spec.substr(dash + 1));
        if (first_text.empty()) {
            // suffix-range: the last n bytes; n = 0 or an empty representation satisfy nothing.
            auto n = digits(last_text, overflow_last);
            if (!n)
                return whole;
            if (*n == 0 || length == 0)
                continue;
            ++satisfiable;
            part.first = *n >= length ? 0 : length - *n;
            part.last = length - 1;
            continue;
        }
        auto first = digits(first_text, overflow_first);
        if (!first)
            return whole;
        std::optional<uint64_t> last;
        if (!last_text.empty()) {
            last = digits(last_text, overflow_last);
            if (!last || *last < *first)
                return whole;   // an invalid range-spec makes the whole header invalid: ignore it
        }
        if (*first >= length)
            continue;
        ++satisfiable;
        part.first = *first;
        part.last = last && *last < length ? *last : length - 1;
    }
    if (satisfiable == 0)
        return { ByteRange::Kind::Unsatisfiable };
    if (specs > 1)
        return whole;
    return part;
}

}
