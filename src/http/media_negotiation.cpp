#include "http/media_negotiation.hpp"
#include <boost/algorithm/string/predicate.hpp>
#include <charconv>

namespace kenes::http {

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// The q parameter of a media range; unreadable or absent counts as 1.
double quality(std::string_view params)
{
    while (!params.empty()) {
        auto semi = params.find(';');
        auto param = trim(params.substr(0, semi));
        params = semi == std::string_view::npos ? std::string_view {} : params.substr(semi + 1);
        auto eq = param.find('=');
        if (eq == std::string_view::npos || !boost::iequals(trim(param.substr(0, eq)), "q"))
            continue;
        auto value = trim(param.substr(eq + 1));
        double q = 1;
        auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), q);
        if (ec != std::errc {} || ptr != value.data() + value.size() || q < 0 || q > 1)
            return 1;
        return q;
    }
    return 1;
}

// The quality `accept` gives type/subtype: from the most specific matching range (exact, then
// type/*, then */*), 0 when none matches. Parameters other than q are ignored.
double quality_of(std::string_view accept, std::string_view type, std::string_view subtype)
{
    int best_specificity = -1;
    double best = 0;
    while (!accept.empty()) {
        auto comma = accept.find(',');
        auto item = accept.substr(0, comma);
        accept = comma == std::string_view::npos ? std::string_view {} : accept.substr(comma + 1);
        auto semi = item.find(';');
        auto range = trim(item.substr(0, semi));
        auto slash = range.find('/');
        if (slash == std::string_view::npos)
            continue;
        auto t = trim(range.substr(0, slash));
        auto s = trim(range.substr(slash + 1));
        int specificity;
        if (t == "*" && s == "*")
            specificity = 0;
        else if (boost::iequals(t, type) && s == "*")
            specificity = 1;
        else if (boost::iequals(t, type) && boost::iequals(s, subtype))
            specificity = 2;
        else
            continue;
        if (specificity > best_specificity) {
            best_specificity = specificity;
            best = semi == std::string_view::npos ? 1 : quality(item.substr(semi + 1));
        }
    }
    return best;
}

}

bool prefers_json_to_html(std::string_view accept)
{
    if (trim(accept).empty())
        return false;
    double html = quality_of(accept, "text", "html");
    double json = std::max(quality_of(accept, "application", "json"), quality_of(accept, "application", "problem+json"));
    return json > html;
}

}
