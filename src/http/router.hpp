#pragma once
// Routes with path parameters ("/api/v1/people/{id}"); each route declares its permission.
#include "core/result.hpp"
#include "http/message.hpp"
#include "security/policy.hpp"
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace kenes::http {

class Context;
using Handler = std::function<Result<Response>(Context&)>;

// What the body of a request to this route may be.
enum class Body { None, Json, Upload };

struct Route {
    std::string method;
    std::string pattern;
    std::string permission;              // what the user's role must hold (the catalogue)
    const authz::Policy* policy;         // what the user's relationship to the object must be
    Body body;
    Handler handler;
    std::vector<std::string> segments;   // "{name}" marks a parameter
    std::string label;                   // "GET /api/v1/people/{id}" for metrics and logs
};

struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string, std::less<>> params;
    std::vector<std::string> allowed;   // methods of routes with this path (for 405 and Allow)
};

class Router {
public:
    // There is no default permission or policy: a route names both, or it cannot be registered.
    // The policy's object parameter must be one of the pattern's parameters.
    void add(std::string method, std::string pattern, std::string permission, const authz::Policy& policy, Body body, Handler handler);
    Match match(std::string_view method, std::string_view path) const;
    const std::vector<Route>& routes() const { return m_routes; }

private:
    std::vector<Route> m_routes;
};

std::vector<std::string> split_path(std::string_view path);

// The Allow header (RFC 9110 section 10.2.1) of a path whose routes take `methods`: GET and HEAD
// (HEAD wherever GET is), then the others in route order, then OPTIONS, which every path answers.
std::string allow_header(const std::vector<std::string>& methods);

}
