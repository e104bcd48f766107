#include "http/content_coding.hpp"
#include "http/header_values.hpp"
#include <boost/algorithm/string/predicate.hpp>
#include <optional>

namespace kenes::http {

namespace {

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
        auto coding = trim_ows(item.substr(0, semi));
        double q = semi == std::string_view::npos ? 1.0 : q_value(item.substr(semi + 1));
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
    if (trim_ows(accept_encoding).empty())
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
