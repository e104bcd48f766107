#include "modules/system/system_routes.hpp"
#include "http/context.hpp"
#include <boost/json/object.hpp>

namespace kenes::system_routes {

using namespace http;

void register_module(Registry& r, Metrics& metrics)
{
    r.router.add("GET", "/healthz", perm::Public, authz::anyone, Body::None, [](Context&) -> Result<Response> { return Response::text(200, "ok\n"); });
    r.router.add("GET", "/readyz", perm::Public, authz::anyone, Body::None, [&r](Context& ctx) -> Result<Response> {
        bool db_ok = ctx.db().ping();
        bool migrated = db_ok && db::migrations_current(ctx.db(), r.migrations);
        boost::json::object body { { "database", db_ok ? "ok" : "unreachable" }, { "migrations", migrated ? "ok" : "pending" } };
        return Response::json(db_ok && migrated ? 200 : 503, body);
    });
    r.router.add("GET", "/metrics", perm::Public, authz::anyone, Body::None, [&metrics](Context& ctx) -> Result<Response> {
        return Response::text(200, metrics.render(ctx.db().write_stats()), "text/plain; version=0.0.4; charset=utf-8");
    });
}

}
