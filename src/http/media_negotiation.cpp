#include "http/media_negotiation.hpp"
#include "http/header_values.hpp"
#include <boost/algorithm/string/predicate.hpp>

namespace kenes::http {

namespace {

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
        auto range = trim_ows(item.substr(0, semi));
        auto slash = range.find('/');
        if (slash == std::string_view::npos)
            continue;
        auto t = trim_ows(range.substr(0, slash));
        auto s = trim_ows(range.substr(slash + 1));
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
            best = semi == std::string_view::npos ? 1 : q_value(item.substr(semi + 1));
        }
    }
    return best;
}

}

bool prefers_json_to_html(std::string_view accept)
{
    if (trim_ows(accept).empty())
        return false;
    double html = quality_of(accept, "text", "html");
    double json = std::max(quality_of(accept, "application", "json"), quality_of(accept, "application", "problem+json"));
    return json > html;
}

}
