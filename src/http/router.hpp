#pragma once
// Routes with path parameters ("/api/v1/people/{id}"); each route declares its permission.
#include "core/result.hpp"
#include "http/message.hpp"
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
    std::string permission;
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
    // There is no default permission: a route without one cannot be registered.
    void add(std::string method, std::string pattern, std::string permission, Body body, Handler handler);
    Match match(std::string_view method, std::string_view path) const;
    const std::vector<Route>& routes() const { return m_routes; }

private:
    std::vector<Route> m_routes;
};

std::vector<std::string> split_path(std::string_view path);

}
