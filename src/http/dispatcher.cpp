#include "http/dispatcher.hpp"
#include "http/media_negotiation.hpp"
#include "http/preconditions.hpp"
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

// The methods a route or the static files can answer; any other (PROPFIND, TRACE, BREW) is not
// implemented anywhere, which RFC 9110 section 15.6.2 answers with 501 rather than 405.
bool is_known_method(std::string_view method)
{
    return method == "GET" || method == "HEAD" || method == "OPTIONS" || is_state_changing(method);
}

bool is_readable(std::string_view method)
{
    return method == "GET" || method == "HEAD";
}

bool is_problem(const Response& r)
{
    return r.header("Content-Type").starts_with("application/problem+json");
}

void add_vary(Response& r, std::string_view field)
{
    auto vary = r.header("Vary");
    r.set_header("Vary", vary.empty() ? std::string(field) : std::string(vary) + ", " + std::string(field));
}

// A 304 carries the validators and caching headers of the 200 it stands for, not its content
// (RFC 9110 section 15.4.5).
void make_not_modified(Response& r)
{
    r.status = 304;
    r.body.clear();
    r.file.reset();
    std::erase_if(r.headers, [](auto& h) { return h.first == "Content-Type" || h.first == "Content-Disposition" || h.first == "Content-Length"; });
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
    if (!is_known_method(req.method) || req.method == "OPTIONS")
        return Lane::Io;   // answered from the route table, no database work
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

// A path outside the API: a file of the web UI, or a client-side route that the UI's shell
// renders. Every client that does not prefer JSON gets the page; the answer for a client route
// depends on Accept, so it says Vary: Accept.
Response Dispatcher::serve_page(const Request& req, std::string_view path, Lang lang) const
{
    bool html = !prefers_json_to_html(req.header("accept"));
    Response r;
    if (is_readable(req.method)) {
        auto file = m_static.serve(StaticRequest {
            .path = path,
            .accepts_html = html,
            .ranges = req.method == "GET",
            .if_none_match = req.header("if-none-match"),
            .range = req.header("range"),
            .if_range = req.header("if-range"),
            .accept_encoding = req.header("accept-encoding"),
        });
        if (!file) {
            r = problem(Error::not_found(), lang);
        } else if (file->status == 416) {
            // The problem is not the file: it keeps only what says which range was wrong.
            r = problem(Error { ErrorCode::RangeNotSatisfiable }, lang);
            for (auto& [k, v] : file->headers)
                if (k == "Content-Range" || k == "Accept-Ranges" || k == "Vary")
                    r.set_header(k, v);
        } else {
            r = std::move(*file);
        }
    } else if (!m_static.exists(path, html)) {
        r = problem(Error::not_found(), lang);
    } else if (req.method == "OPTIONS") {
        r = Response::no_content();
        r.set_header("Allow", allow_header({ "GET" }));
    } else {
        r = problem(Error { ErrorCode::MethodNotAllowed }, lang);
        r.set_header("Allow", allow_header({ "GET" }));
    }
    if (m_static.is_client_route(path))
        add_vary(r, "Accept");
    return r;
}

Response Dispatcher::serve_api(const Request& req, const boost::urls::url_view& target, const std::string& path, Lang& lang, bool& by_accept_language,
                               std::string& route_label)
{
    Response response;
    bool in_a_language = false;
    auto match = m_registry.router.match(req.method, path);
    if (req.method == "OPTIONS") {
        // Only the methods of the route pattern: no authentication, no handler, no data.
        route_label = "options";
        if (match.allowed.empty()) {
            response = problem(Error::not_found(), lang);
        } else {
            response = Response::no_content();
            response.set_header("Allow", allow_header(match.allowed));
        }
        by_accept_language = in_a_language = is_problem(response);
    } else if (!match.route) {
        route_label = "unmatched";
        response = problem(Error { match.allowed.empty() ? ErrorCode::NotFound : ErrorCode::MethodNotAllowed }, lang);
        if (!match.allowed.empty())
            response.set_header("Allow", allow_header(match.allowed));
        by_accept_language = in_a_language = true;
    } else {
        route_label = match.route->label;
        Context ctx(req, m_services, lang);
        ctx.params = std::move(match.params);
        for (auto param : target.params())
            ctx.query.emplace(std::string(param.key), std::string(param.value));
        // Links and EventSource cannot send Accept-Language: ?lang= names the language too.
        bool lang_in_query = false;
        if (auto q = ctx.query_param("lang"))
            if (auto l = parse_lang(*q)) {
                ctx.lang = *l;
                lang_in_query = true;
            }
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
        lang = ctx.lang.unread();
        if (result.ok()) {
            response = std::move(result.value());
        } else {
            if (!result.error().log_message.empty())
                spdlog::error("{}: {}", route_label, result.error().log_message);
            response = problem(result.error(), lang);
        }
        // Without ?lang= the language is Accept-Language's (or, when none is sent, the account's):
        // an answer the handler shaped by it, or a problem, differs from one language to another.
        bool localised = ctx.lang.was_read() || is_problem(response);
        by_accept_language = localised && !lang_in_query;
        in_a_language = localised || lang_in_query;
        if (response.header("Cache-Control").empty())
            response.set_header("Cache-Control", "no-store");
        bool plain_200 = is_readable(req.method) && response.status == 200 && response.live_topic.empty();
        // What the public may see (results, protocols, verification pages) is what link checkers,
        // caches and integrators fetch again and again: it gets a validator. Signed-in answers
        // are no-store and are not hashed for nothing.
        // A file download names its version itself: its body is not in memory to hash.
        if (plain_200 && match.route->permission == perm::Public && path.starts_with("/api/v1/public/") && response.header("ETag").empty()
            && !response.file)
            response.set_header("ETag", "\"" + crypto::hash_hex(response.body).substr(0, 32) + "\"");
        if (plain_200 && none_match_hits(req.header("if-none-match"), response.header("ETag")))
            make_not_modified(response);
    }
    // Content-Language says which language the answer is in: none when no language shaped it.
    if (in_a_language)
        response.set_header("Content-Language", std::string(lang_code(lang)));
    return response;
}

Response Dispatcher::handle(const Request& req)
{
    auto started = std::chrono::steady_clock::now();
    Lang lang = request_lang(req);
    Response response;
    std::string route_label = "static";
    bool by_accept_language = false;

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
    if (!is_known_method(req.method)) {
        route_label = "unmatched";
        response = problem(Error { ErrorCode::NotImplemented }, lang);
        by_accept_language = true;
    } else if (req.method == "OPTIONS" && req.target == "*") {
        // OPTIONS * asks about the server as a whole (RFC 9110 section 9.3.7).
        route_label = "options";
        response = Response::no_content();
    } else if (!target) {
        response = problem(Error { ErrorCode::BadRequest }, lang);
        by_accept_language = true;
    } else {
        std::string path = target->path();
        bool api = path.starts_with("/api/") || path == "/api" || path == "/healthz" || path == "/readyz" || path == "/metrics";
        if (!api) {
            // The shell and the files are the same in every language; a problem is not.
            response = serve_page(req, path, lang);
            by_accept_language = is_problem(response);
        } else {
            response = serve_api(req, *target, path, lang, by_accept_language, route_label);
        }
    }
    // A shared cache keeps one answer per Accept-Language only where the language made it.
    if (by_accept_language)
        add_vary(response, "Accept-Language");
    add_security_headers(response);
    // HEAD answers with the headers GET would send, Content-Length included (the server writes
    // them as they are, RFC 9110 section 9.3.2). A 304 or 204 has no length to announce; an event
    // stream has none either: it ends when the connection does.
    if (req.method == "HEAD") {
        if (!response.live_topic.empty()) {
            response.live_topic.clear();
            response.live_loader = nullptr;
            for (auto& [k, v] : event_stream_headers())
                response.set_header(k, v);
        } else if (response.status != 304 && response.status != 204) {
            std::error_code ec;
            auto size = response.file ? std::filesystem::file_size(*response.file, ec) : response.body.size();
            response.set_header("Content-Length", std::to_string(ec ? 0 : size));
        }
        response.body.clear();
        response.file.reset();
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
