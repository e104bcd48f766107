#pragma once
// From a parsed request to a response, independent of the network code: locale, static files,
// routing, authentication, CSRF and media-type checks, the route's permission and object policy (default deny),
// the handler, and problem+json for every refusal. Also the HTTP semantics around them: HEAD as
// GET without the body, OPTIONS and Allow, 501 for unknown methods, If-None-Match, and the web
// UI's pages for every client that does not prefer JSON. Unit-testable without sockets.
#include "http/context.hpp"
#include "http/metrics.hpp"
#include "http/registry.hpp"
#include "http/static_files.hpp"
#include <boost/url/url_view.hpp>

namespace kenes::http {

class Dispatcher {
public:
    Dispatcher(const Registry& registry, Services services, const StaticFiles& static_files, Metrics& metrics);

    // Where a request runs: static files, health and metrics on the I/O thread; API reads and
    // writes (which touch the database) on their worker pools.
    enum class Lane { Io, Read, Write };
    Lane lane(const Request&) const;
    Response handle(const Request&);
    // A problem+json response for refusals decided outside a handler (e.g. the server's limits).
    Response problem(const Error&, Lang) const;
    Lang request_lang(const Request&) const;

private:
    Result<Response> run(Context&, const Route&);
    Status authenticate(Context&);
    Status check_request(const Context&, const Route&) const;
    Status authorize(Context&, const Route&) const;
    void add_security_headers(Response&) const;
    Response serve_page(const Request&, std::string_view path, Lang) const;
    // `by_accept_language`: the answer's language came from Accept-Language and shaped it.
    Response serve_api(const Request&, const boost::urls::url_view& target, const std::string& path, Lang&, bool& by_accept_language, std::string& route_label);

    const Registry& m_registry;
    Services m_services;
    const StaticFiles& m_static;
    Metrics& m_metrics;
};

// Value of one cookie from a Cookie header.
std::string_view cookie_value(std::string_view header, std::string_view name);

}
