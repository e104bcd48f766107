#include "app/policy_table.hpp"
#include "http/context.hpp"
#include <boost/json/array.hpp>
#include <map>
#include <set>

namespace kenes::app {

using boost::json::array;
using boost::json::object;

object route_json(const http::Route& route)
{
    auto& policy = *route.policy;
    array grants;
    for (auto& g : policy.grants) {
        object grant { { "relationship", std::string(authz::rel_name(g.rel)) } };
        if (g.unless)
            grant["unless"] = std::string(authz::flag_name(*g.unless));
        grants.push_back(std::move(grant));
    }
    return { { "method", route.method }, { "path", route.pattern }, { "permission", route.permission },
        { "policy", object { { "action", policy.action }, { "object", policy.object->name }, { "param", policy.object->param }, { "grants", grants } } } };
}

std::string policy_table(const http::Registry& registry)
{
    // First who holds which permission (the catalogue), then who may do what to which object.
    std::string roles = "| Role | Permissions |\n|---|---|\n";
    for (auto& role : registry.permissions.roles()) {
        std::string list;
        for (auto& p : registry.permissions.permissions_of(role))
            if (p != perm::Public)
                list += (list.empty() ? "" : ", ") + ("`" + p + "`");
        roles += "| `" + role + "` | " + list + " |\n";
    }
    // Object kind -> action -> (grants, routes); std::map keeps the table in a stable order.
    struct Row {
        const authz::Policy* policy;
        std::set<std::string> permissions;
        std::vector<std::string> routes;
    };
    std::map<std::string, std::map<std::string, Row>> kinds;
    std::map<std::string, std::string> about;
    for (auto& route : registry.router.routes()) {
        auto& p = *route.policy;
        about[p.object->name] = p.object->about;
        auto& row = kinds[p.object->name][p.action];
        row.policy = &p;
        row.permissions.insert(route.permission);
        row.routes.push_back("`" + route.label + "`");
    }
    // A section of the person overview is shown only where its own policy allows it too.
    for (auto& section : registry.person_sections) {
        auto& p = *section.policy;
        auto& row = kinds[p.object->name][p.action];
        row.policy = &p;
        row.permissions.insert(perm::Self);
        row.routes.push_back("section `" + section.name + "` of `GET /api/v1/people/{id}/overview`");
    }
    std::string out = roles + "\n| Object | Action | Allowed for | Permission | Routes |\n|---|---|---|---|---|\n";
    for (auto& [kind, actions] : kinds) {
        bool first = true;
        for (auto& [action, row] : actions) {
            std::string permissions, routes;
            for (auto& p : row.permissions)
                permissions += (permissions.empty() ? "" : ", ") + ("`" + p + "`");
            for (auto& r : row.routes)
                routes += (routes.empty() ? "" : "<br>") + r;
            out += "| " + (first ? "**" + kind + "**: " + about[kind] : std::string()) + " | `" + action + "` | " + authz::describe(*row.policy) + " | "
                + permissions + " | " + routes + " |\n";
            first = false;
        }
    }
    return out;
}

namespace {

// The actions the user may take on one object: each policy of that kind that allows them, on a
// route whose permission they hold. `?object=body&id=7`; institution-wide kinds take no id.
Result<http::Response> abilities(http::Context& ctx, const http::Router& router)
{
    auto kind_name = ctx.query_param("object");
    if (!kind_name)
        return Error::field("object", "required");
    const authz::ObjectKind* kind = nullptr;
    for (auto& route : router.routes())
        if (route.policy->object->name == *kind_name && route.policy->object != &authz::public_page)
            kind = route.policy->object;
    if (!kind)
        return Error::field("object", "invalid");
    std::optional<int64_t> id;
    if (!kind->param.empty()) {
        auto raw = ctx.query_param("id");
        int64_t n = 0;
        if (!raw || raw->empty() || raw->size() > 18 || raw->find_first_not_of("0123456789") != std::string::npos || (n = std::stoll(*raw)) <= 0)
            return Error::field("id", "invalid");
        id = n;
    }
    auto facts = TRY(ctx.db().read([&](db::Tx& tx) { return http::facts_of(&tx, ctx, *kind, id); }));
    std::set<std::string> actions;
    for (auto& route : router.routes())
        if (route.policy->object == kind && ctx.user().can(route.permission) && authz::allows(*route.policy, facts))
            actions.insert(route.policy->action);
    array list;
    for (auto& a : actions)
        list.emplace_back(a);
    object out { { "object", *kind_name }, { "actions", list } };
    out["id"] = id ? boost::json::value(*id) : boost::json::value(nullptr);
    return http::Response::ok(out);
}

}

void register_abilities_route(http::Registry& r)
{
    const http::Router& router = r.router;
    r.router.add("GET", "/api/v1/me/abilities", perm::Self, authz::account, http::Body::None,
        [&router](http::Context& ctx) { return abilities(ctx, router); });
}

}
