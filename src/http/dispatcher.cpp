#include "http/dispatcher.hpp"
#include "security/crypto.hpp"
#include "security/sessions.hpp"
#include <boost/json/array.hpp>
#include <boost/url/parse.hpp>
#include <chrono>
#include <spdlog/spdlog.h>

namespace kenes::http {

namespace {

bool is_state_changing(std::string_view method)
{
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string_view media_type(std::string_view content_type)
{
    auto semi = content_type.find(';');
    auto t = content_type.substr(0, semi);
    while (!t.empty() && t.back() == ' ')
        t.remove_suffix(1);
    return t;
}

bool iequals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// A browser names the page's origin (scheme and host) on every state change: it must be this
// server's, public_url's when one is configured, otherwise the Host the request came to, over
// https when the server is set up for TLS. An http page cannot post to the https site.
bool same_origin(std::string_view origin, const Config& config, std::string_view host)
{
    std::string expected = public_origin(config);
    if (expected.empty())
        expected = std::string(config.secure_cookies ? "https://" : "http://") + std::string(host);
    return iequals(origin, expected);
}

}

std::string_view cookie_value(std::string_view header, std::string_view name)
{
    while (!header.empty()) {
        auto semi = header.find(';');
        auto item = header.substr(0, semi);
        header = semi == std::string_view::npos ? std::string_view {} : header.substr(semi + 1);
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        if (item.size() > name.size() && item.starts_with(name) && item[name.size()] == '=')
            return item.substr(name.size() + 1);
    }
    return {};
}

Dispatcher::Dispatcher(const Registry& registry, Services services, const StaticFiles& static_files, Metrics& metrics)
    : m_registry(registry)
    , m_services(services)
    , m_static(static_files)
    , m_metrics(metrics)
{
}

Dispatcher::Lane Dispatcher::lane(const Request& req) const
{
    std::string_view t = req.target;
    if (!t.starts_with("/api/") && !t.starts_with("/readyz"))
        return Lane::Io;
    return req.method == "GET" || req.method == "HEAD" ? Lane::Read : Lane::Write;
}

Lang Dispatcher::request_lang(const Request& req) const
{
    if (auto l = negotiate_lang(req.header("accept-language")))
        return *l;
    return Lang::Kk;
}

Response Dispatcher::problem(const Error& e, Lang lang) const
{
    const auto& cat = m_services.catalog;
    std::string code(error_code_name(e.code));
    boost::json::object body;
    body["type"] = "/problems/" + code;
    body["title"] = cat.format(lang, "error." + code + ".title");
    body["status"] = http_status(e.code);
    boost::json::object detail_params = e.params;
    if (e.code == ErrorCode::Validation && !detail_params.contains("count"))
        detail_params["count"] = e.fields.size();
    if (e.code == ErrorCode::TooManyAttempts && !detail_params.contains("minutes"))
        detail_params["minutes"] = (e.retry_after_seconds + 59) / 60;
    body["detail"] = cat.format(lang, e.detail_key.empty() ? "error." + code + ".detail" : e.detail_key, detail_params);
    body["code"] = code;
    if (!e.rule.empty())
        body["rule"] = e.rule;
    if (!e.fields.empty()) {
        boost::json::array errors;
        for (auto& f : e.fields) {
            boost::json::object fe { { "field", f.field }, { "code", f.code } };
            fe["message"] = cat.format(lang, f.message_key.empty() ? "field." + f.code : f.message_key, f.params);
            if (f.line)
                fe["line"] = *f.line;
            if (f.column)
                fe["column"] = *f.column;
            errors.push_back(std::move(fe));
        }
        body["errors"] = std::move(errors);
    }
    auto r = Response::json(http_status(e.code), body);
    r.set_header("Content-Type", "application/problem+json; charset=utf-8");
    r.set_header("Content-Language", std::string(lang_code(lang)));
    if (e.retry_after_seconds > 0)
        r.set_header("Retry-After", std::to_string(e.retry_after_seconds));
    return r;
}

void Dispatcher::add_security_headers(Response& r) const
{
    r.set_header("Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "font-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'");
    r.set_header("X-Content-Type-Options", "nosniff");
    r.set_header("Referrer-Policy", "no-referrer");
    r.set_header("X-Frame-Options", "DENY");
    r.set_header("Cross-Origin-Opener-Policy", "same-origin");
    if (m_services.config.secure_cookies)
        r.set_header("Strict-Transport-Security", "max-age=31536000");
}

Status Dispatcher::authenticate(Context& ctx)
{
    auto& req = ctx.request;
    std::string_view auth = req.header("authorization");
    std::string_view cookie = cookie_value(req.header("cookie"), sessions::cookie_name);
    if (auth.empty() && cookie.empty())
        return Ok {};
    ctx.principal = m_services.db.read([&](db::Tx& tx) -> std::optional<Principal> {
        if (!auth.empty()) {
            if (auth.size() > 7 && iequals(auth.substr(0, 7), "Bearer "))
                return sessions::find_by_bearer(tx, m_services.clock, m_services.permissions, auth.substr(7));
            return std::nullopt;
        }
        return sessions::find_by_cookie(tx, m_services.clock, m_services.permissions, cookie);
    });
    if (ctx.principal && ctx.principal->token_use_stale) {
        auto& p = *ctx.principal;
        (void)m_services.db.write([&](db::Tx& tx) -> Status {
            sessions::touch_api_token(tx, m_services.clock, p.institution_id, *p.token_id);
            return Ok {};
        });
    }
    // A bad bearer token is refused outright; a stale cookie just means "not signed in".
    if (!auth.empty() && !ctx.principal)
        return Error { ErrorCode::Unauthenticated };
    bool language_asked = !req.header("accept-language").empty() || ctx.query_param("lang");
    if (ctx.principal && !language_asked && ctx.principal->locale)
        ctx.lang = *ctx.principal->locale;
    return Ok {};
}

Status Dispatcher::check_request(const Context& ctx, const Route& route) const
{
    auto& req = ctx.request;
    if (route.permission != perm::Public) {
        if (!ctx.principal)
            return Error { ErrorCode::Unauthenticated };
        if (ctx.principal->read_only && is_state_changing(req.method))
            return Error { ErrorCode::Forbidden };   // a token with the "read" scope
        if (!ctx.principal->can(route.permission))
            return Error { ErrorCode::Forbidden };
    }
    if (!is_state_changing(req.method))
        return Ok {};
    // Cross-site requests are refused: a browser always names the page's origin.
    if (auto origin = req.header("origin"); !origin.empty() && !same_origin(origin, m_services.config, req.header("host")))
        return Error { ErrorCode::Csrf };
    if (ctx.principal && ctx.principal->method == AuthMethod::Session && route.permission != perm::Public) {
        if (!crypto::constant_time_equal(req.header("x-csrf-token"), ctx.principal->csrf_token))
            return Error { ErrorCode::Csrf };
    }
    const auto& cfg = m_services.config;
    auto type = media_type(req.header("content-type"));
    if (route.body == Body::Upload) {
        // Rosters (CSV or .xlsx) and portfolio documents; each handler checks the content itself.
        if (!(iequals(type, "text/csv") || iequals(type, "application/octet-stream") || iequals(type, "text/plain") || iequals(type, "application/vnd.ms-excel")
                || iequals(type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                || iequals(type, "application/pdf") || iequals(type, "image/jpeg") || iequals(type, "image/png")))
            return Error { ErrorCode::UnsupportedMediaType, {}, { { "expected", "text/csv" } } };
        if (req.body.size() > cfg.upload_limit)
            return Error { ErrorCode::TooLarge, {}, { { "limit", std::to_string(cfg.upload_limit / (1024 * 1024)) + " MiB" } } };
        return Ok {};
    }
    if (req.body.size() > cfg.json_body_limit)
        return Error { ErrorCode::TooLarge, {}, { { "limit", std::to_string(cfg.json_body_limit / (1024 * 1024)) + " MiB" } } };
    if (route.body == Body::Json && req.method != "DELETE" && !iequals(type, "application/json"))
        return Error { ErrorCode::UnsupportedMediaType, {}, { { "expected", "application/json" } } };
    return Ok {};
}

// The object policy, asked before the handler does any work (decoding an upload, parsing the
// body, querying the object's data). Objects without an id need no database read.
Status Dispatcher::authorize(Context& ctx, const Route& route) const
{
    auto& kind = *route.policy->object;
    std::optional<int64_t> id;
    if (!kind.param.empty())
        id = TRY(ctx.id_param(kind.param));
    auto facts = kind.load ? TRY(m_services.db.read([&](db::Tx& tx) { return facts_of(&tx, ctx, kind, id); }))
                           : TRY(facts_of(nullptr, ctx, kind, id));
    if (!authz::allows(*route.policy, facts))
        return Error::forbidden();
    ctx.facts = facts;
    return Ok {};
}

Result<Response> Dispatcher::run(Context& ctx, const Route& route)
{
    TRY(authenticate(ctx));
    TRY(check_request(ctx, route));
    TRY(authorize(ctx, route));
    return route.handler(ctx);
}

Response Dispatcher::handle(const Request& req)
{
    auto started = std::chrono::steady_clock::now();
    Lang lang = request_lang(req);
    Response response;
    std::string route_label = "static";

    // Browsers percent-encode; other clients may send raw UTF-8 (e.g. a Kazakh search word).
    std::string encoded;
    for (unsigned char c : req.target) {
        if (c >= 0x80 || c == ' ') {
            static const char* hex = "0123456789ABCDEF";
            encoded += '%';
            encoded += hex[c >> 4];
            encoded += hex[c & 15];
        } else {
            encoded += char(c);
        }
    }
    auto target = boost::urls::parse_origin_form(encoded);
    if (!target) {
        response = problem(Error { ErrorCode::BadRequest }, lang);
    } else {
        std::string path = target->path();
        bool api = path.starts_with("/api/") || path == "/api" || path == "/healthz" || path == "/readyz" || path == "/metrics";
        if (!api) {
            bool readable = req.method == "GET" || req.method == "HEAD";
            auto file = readable ? m_static.serve(path, req.header("if-none-match"), req.header("accept").find("text/html") != std::string_view::npos,
                                                  req.header("accept-encoding"))
                                 : std::nullopt;
            response = file ? std::move(*file) : problem(Error::not_found(), lang);
        } else {
            auto match = m_registry.router.match(req.method, path);
            if (!match.route) {
                route_label = "unmatched";
                response = problem(Error { match.allowed.empty() ? ErrorCode::NotFound : ErrorCode::MethodNotAllowed }, lang);
                if (!match.allowed.empty()) {
                    std::string allow;
                    for (auto& m : match.allowed)
                        allow += (allow.empty() ? "" : ", ") + m;
                    response.set_header("Allow", allow);
                }
            } else {
                route_label = match.route->label;
                Context ctx(req, m_services, lang);
                ctx.params = std::move(match.params);
                for (auto param : target->params())
                    ctx.query.emplace(std::string(param.key), std::string(param.value));
                // Links and EventSource cannot send Accept-Language: ?lang= names the language too.
                if (auto q = ctx.query_param("lang"))
                    if (auto l = parse_lang(*q))
                        ctx.lang = *l;
                Result<Response> result = Error::internal("not run");
                try {
                    result = run(ctx, *match.route);
                } catch (const db::UniqueViolation& e) {
                    result = Error { ErrorCode::Conflict };
                } catch (const db::DbError& e) {
                    spdlog::error("database failure in {}: {}", route_label, e.what());
                    result = Error { ErrorCode::Unavailable };
                } catch (const std::exception& e) {
                    spdlog::error("unexpected failure in {}: {}", route_label, e.what());
                    result = Error::internal(e.what());
                }
                lang = ctx.lang;
                if (result.ok()) {
                    response = std::move(result.value());
                } else {
                    if (!result.error().log_message.empty())
                        spdlog::error("{}: {}", route_label, result.error().log_message);
                    response = problem(result.error(), lang);
                }
                if (response.header("Cache-Control").empty())
                    response.set_header("Cache-Control", "no-store");
            }
            response.set_header("Content-Language", std::string(lang_code(lang)));
        }
    }
    add_security_headers(response);
    // HEAD answers with the headers GET would send, Content-Length included (the server keeps it).
    if (req.method == "HEAD") {
        if (response.live_topic.empty())
            response.set_header("Content-Length", std::to_string(response.body.size()));
        response.body.clear();
    }

    auto micros = uint64_t(std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count());
    m_metrics.record(route_label, response.status, micros);
    // The access log names the route pattern, never the query (it may hold names being searched).
    if (m_services.config.access_log)
        spdlog::info("access method={} route=\"{}\" status={} micros={} bytes={}", req.method,
            route_label == "static" || route_label == "unmatched" ? route_label : route_label.substr(route_label.find(' ') + 1), response.status, micros,
            response.body.size());
    return response;
}

}
