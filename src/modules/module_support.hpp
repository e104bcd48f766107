#pragma once
// Small helpers shared by the modules' API code.
#include "core/text.hpp"
#include "http/context.hpp"
#include "i18n/collation.hpp"
#include <boost/json/array.hpp>
#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string_view>
#include "security/audit.hpp"
#include <boost/json/value.hpp>
#include <optional>

namespace kenes::modules {

inline boost::json::value json_or_null(const std::optional<std::string>& s) { return s ? boost::json::value(*s) : boost::json::value(nullptr); }
inline boost::json::value json_or_null(const std::optional<int64_t>& n) { return n ? boost::json::value(*n) : boost::json::value(nullptr); }

// Short reference lists (groups, faculties, ...) are capped rather than paginated, and ordered
// alphabetically in the request's language (Kazakh order for kk), ties by id.
inline constexpr int64_t short_list_cap = 2000;
inline boost::json::array in_alphabetical_order(boost::json::array items, Lang lang, const char* key = "name")
{
    std::vector<std::pair<std::string, boost::json::value>> keyed;
    keyed.reserve(items.size());
    for (auto& v : items)
        keyed.emplace_back(collation::sort_key(lang, v.as_object().at(key).as_string()), std::move(v));
    std::stable_sort(keyed.begin(), keyed.end(), [](auto& a, auto& b) { return a.first < b.first; });
    boost::json::array out;
    out.reserve(keyed.size());
    for (auto& [k, v] : keyed)
        out.push_back(std::move(v));
    return out;
}

// Today's date in Almaty (GEN-2) on the server clock, as YYYY-MM-DD.
inline std::string today(const http::Context& ctx) { return almaty::local_date(ctx.clock().now()).iso(); }

// The language of a document: ?lang= (a link cannot send Accept-Language), else the request's.
inline Result<Lang> document_lang(const http::Context& ctx)
{
    if (auto l = ctx.query_param("lang")) {
        auto parsed = parse_lang(*l);
        if (!parsed)
            return Error::field("lang", "invalid");
        return *parsed;
    }
    return Lang(ctx.lang);
}

// The address printed in QR codes: public_url, or taken from the Host header.
inline std::string base_url(const http::Context& ctx)
{
    return ctx.services.config.public_url.empty() ? "http://" + std::string(ctx.request.header("host")) : ctx.services.config.public_url;
}

// A PDF as a download named "<name>-<lang>.pdf".
inline http::Response pdf_response(std::string bytes, const std::string& name, Lang lang)
{
    auto r = http::Response::text(200, std::move(bytes), "application/pdf");
    r.set_header("Content-Disposition", "attachment; filename=\"" + name + "-" + std::string(lang_code(lang)) + ".pdf\"");
    return r;
}

// A short text from the query string (an upload's name or description, where the body is the
// file): valid UTF-8 without control characters, at most `max_chars` characters.
inline Result<std::optional<std::string>> query_text(const http::Context& ctx, const char* name, size_t max_chars, bool required)
{
    auto v = ctx.query_param(name);
    if (!v || v->empty())
        return required ? Result<std::optional<std::string>>(Error::field(name, "required")) : std::optional<std::string>();
    if (!text::valid_utf8(*v))
        return Error::field(name, "bad_utf8");
    if (text::has_control_chars(*v, false))
        return Error::field(name, "control_chars");
    size_t chars = 0;
    for (unsigned char c : *v)
        chars += (c & 0xC0) != 0x80;
    if (chars > max_chars)
        return Error::field(name, "too_long", { { "max", int64_t(max_chars) } });
    return v;
}

// Upload routes share the dispatcher's list of upload media types (rosters and portfolio
// documents); each takes only its own, as docs/openapi.yaml lists them: 415 otherwise.
inline Status require_media_type(const http::Context& ctx, std::initializer_list<std::string_view> accepted)
{
    std::string type(ctx.request.header("content-type").substr(0, ctx.request.header("content-type").find(';')));
    while (!type.empty() && type.back() == ' ')
        type.pop_back();
    for (auto& ch : type)
        ch = char(std::tolower(static_cast<unsigned char>(ch)));
    if (std::find(accepted.begin(), accepted.end(), type) != accepted.end())
        return Ok {};
    return Error { ErrorCode::UnsupportedMediaType, {}, { { "expected", std::string(*accepted.begin()) } } };
}

// Writes the audit entry of a change made by the current user, in the caller's transaction.
inline void audit_change(const http::Context& ctx, db::Tx& tx, std::string action, std::string entity, std::optional<int64_t> entity_id,
    boost::json::value before, boost::json::value after)
{
    audit::record(tx, ctx.clock(), { ctx.institution_id(), ctx.user().actor(), std::move(action), std::move(entity), entity_id, std::move(before), std::move(after) });
}

}
