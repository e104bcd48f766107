#include "http/message.hpp"
#include <boost/json/serialize.hpp>

namespace kenes::http {

Response Response::json(int status, const boost::json::value& body)
{
    Response r;
    r.status = status;
    r.body = boost::json::serialize(body);
    r.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
    return r;
}

Response Response::no_content()
{
    Response r;
    r.status = 204;
    return r;
}

Response Response::text(int status, std::string body, std::string content_type)
{
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.headers.emplace_back("Content-Type", std::move(content_type));
    return r;
}

Response Response::download(std::shared_ptr<const std::filesystem::path> file, std::string content_type)
{
    Response r;
    r.file = std::move(file);
    r.headers.emplace_back("Content-Type", std::move(content_type));
    return r;
}

std::vector<std::pair<std::string, std::string>> event_stream_headers()
{
    return { { "Content-Type", "text/event-stream; charset=utf-8" }, { "Cache-Control", "no-store" }, { "X-Accel-Buffering", "no" } };
}

}
