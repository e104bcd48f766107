#pragma once
// Plain request/response types: the dispatcher and the modules never see Beast.
#include <boost/json/value.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kenes::http {

struct Request {
    std::string method;      // "GET", "POST", ...
    std::string target;      // raw request target: path and query
    std::vector<std::pair<std::string, std::string>> headers;   // names in lower case
    std::string body;
    std::string remote_address;

    std::string_view header(std::string_view lower_name) const
    {
        for (auto& [k, v] : headers)
            if (k == lower_name)
                return v;
        return {};
    }
};

struct Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    // A server-sent event stream instead of a body: the topic key and how to load it.
    std::string live_topic;
    std::function<std::optional<std::string>(int64_t& version)> live_loader;
    // A file's bytes instead of `body`, streamed from disk by the server (an election archive can
    // be hundreds of megabytes). Shared: the file stays until the last response holding it is sent.
    std::shared_ptr<const std::filesystem::path> file;

    void set_header(std::string name, std::string value)
    {
        for (auto& [k, v] : headers)
            if (k == name) {
                v = std::move(value);
                return;
            }
        headers.emplace_back(std::move(name), std::move(value));
    }
    std::string_view header(std::string_view name) const
    {
        for (auto& [k, v] : headers)
            if (k == name)
                return v;
        return {};
    }

    static Response json(int status, const boost::json::value& body);
    static Response ok(const boost::json::value& body) { return json(200, body); }
    static Response created(const boost::json::value& body) { return json(201, body); }
    static Response no_content();
    static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
    static Response download(std::shared_ptr<const std::filesystem::path> file, std::string content_type);
};

// The headers of a server-sent event stream, besides the route's own: the stream itself and a
// HEAD of it send the same.
std::vector<std::pair<std::string, std::string>> event_stream_headers();

}
