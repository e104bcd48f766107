#include "http/router.hpp"
#include "security/permissions.hpp"
#include <algorithm>
#include <stdexcept>

namespace kenes::http {

std::vector<std::string> split_path(std::string_view path)
{
    std::vector<std::string> out;
    size_t i = 0;
    while (i < path.size()) {
        while (i < path.size() && path[i] == '/')
            ++i;
        size_t j = path.find('/', i);
        if (j == std::string_view::npos)
            j = path.size();
        if (j > i)
            out.emplace_back(path.substr(i, j - i));
        i = j;
    }
    return out;
}

std::string allow_header(const std::vector<std::string>& methods)
{
    std::vector<std::string> ordered;
    auto add = [&](const std::string& m) {
        if (std::find(ordered.begin(), ordered.end(), m) == ordered.end())
            ordered.push_back(m);
    };
    if (std::find(methods.begin(), methods.end(), "GET") != methods.end()) {
        add("GET");
        add("HEAD");
    }
    for (auto& m : methods)
        if (m != "OPTIONS")
            add(m);
    add("OPTIONS");
    std::string allow;
    for (auto& m : ordered)
        allow += (allow.empty() ? "" : ", ") + m;
    return allow;
}

void Router::add(std::string method, std::string pattern, std::string permission, const authz::Policy& policy, Body body, Handler handler)
{
    if (permission.empty())
        throw std::logic_error("route " + method + " " + pattern + " declares no permission");
    if (!policy.object || policy.grants.empty())
        throw std::logic_error("route " + method + " " + pattern + " declares no object policy");
    auto& param = policy.object->param;
    if (!param.empty() && pattern.find("{" + param + "}") == std::string::npos)
        throw std::logic_error("route " + method + " " + pattern + ": policy " + policy.action + " needs {" + param + "}");
    if ((permission == perm::Public) != (policy.object == &authz::public_page))
        throw std::logic_error("route " + method + " " + pattern + ": public routes, and only they, take a public policy");
    for (auto& r : m_routes)
        if (r.method == method && r.pattern == pattern)
            throw std::logic_error("route " + method + " " + pattern + " registered twice");
    auto segments = split_path(pattern);
    std::string label = method + " " + pattern;
    m_routes.push_back({ std::move(method), std::move(pattern), std::move(permission), &policy, body, std::move(handler), std::move(segments), std::move(label) });
}

Match Router::match(std::string_view method, std::string_view path) const
{
    Match result;
    auto parts = split_path(path);
    for (auto& r : m_routes) {
        if (r.segments.size() != parts.size())
            continue;
        std::map<std::string, std::string, std::less<>> params;
        bool ok = true;
        for (size_t i = 0; i < parts.size() && ok; ++i) {
            auto& seg = r.segments[i];
            if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}')
                params.emplace(seg.substr(1, seg.size() - 2), parts[i]);
            else
                ok = seg == parts[i];
        }
        if (!ok)
            continue;
        result.allowed.push_back(r.method);
        if (r.method == method || (method == "HEAD" && r.method == "GET")) {
            result.route = &r;
            result.params = std::move(params);
            return result;
        }
    }
    return result;
}

}
