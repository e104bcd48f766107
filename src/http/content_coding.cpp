#include "http/content_coding.hpp"
#include <boost/algorithm/string/predicate.hpp>
#include <charconv>
#include <optional>

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

// q is "0", "1" or up to three decimals; anything unreadable counts as 1, as if absent, so a
// sloppy client still gets compression rather than a refusal it did not mean.
double parse_q(std::string_view params)
{
    while (!params.empty()) {
        auto semi = params.find(';');
        auto param = trim(params.substr(0, semi));
        params = semi == std::string_view::npos ? std::string_view {} : params.substr(semi + 1);
        auto eq = param.find('=');
        if (eq == std::string_view::npos || !boost::iequals(trim(param.substr(0, eq)), "q"))
            continue;
        auto value = trim(param.substr(eq + 1));
        double q = 1.0;
        auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), q);
        if (ec != std::errc {} || ptr != value.data() + value.size() || q < 0 || q > 1)
            return 1.0;
        return q;
    }
    return 1.0;
}

struct Weights {
    std::optional<double> gzip, brotli, any;
};

Weights parse(std::string_view header)
{
    Weights w;
    while (!header.empty()) {
        auto comma = header.find(',');
        auto item = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view {} : header.substr(comma + 1);
        auto semi = item.find(';');
        auto coding = trim(item.substr(0, semi));
        double q = semi == std::string_view::npos ? 1.0 : parse_q(item.substr(semi + 1));
        // x-gzip is gzip's old alias (RFC 9110 section 8.4.1.3).
        if (boost::iequals(coding, "gzip") || boost::iequals(coding, "x-gzip"))
            w.gzip = q;
        else if (boost::iequals(coding, "br"))
            w.brotli = q;
        else if (coding == "*")
            w.any = q;
    }
    return w;
}

}

ContentCoding choose_content_coding(std::string_view accept_encoding, AvailableCodings available)
{
    if (trim(accept_encoding).empty())
        return ContentCoding::Identity;
    Weights w = parse(accept_encoding);
    double brotli = available.brotli ? w.brotli.value_or(w.any.value_or(0)) : 0;
    double gzip = available.gzip ? w.gzip.value_or(w.any.value_or(0)) : 0;
    if (brotli > 0 && brotli >= gzip)
        return ContentCoding::Brotli;
    if (gzip > 0)
        return ContentCoding::Gzip;
    return ContentCoding::Identity;
}

std::string_view content_coding_token(ContentCoding c)
{
    switch (c) {
    case ContentCoding::Gzip: return "gzip";
    case ContentCoding::Brotli: return "br";
    case ContentCoding::Identity: break;
    }
    return "";
}

}
