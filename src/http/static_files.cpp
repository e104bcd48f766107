#include "http/static_files.hpp"
#include "security/crypto.hpp"
#include <fstream>
#include <sstream>

namespace kenes::http {

static std::string content_type_of(const std::filesystem::path& p)
{
    static const std::unordered_map<std::string, std::string> types {
        { ".html", "text/html; charset=utf-8" }, { ".js", "text/javascript; charset=utf-8" },
        { ".mjs", "text/javascript; charset=utf-8" }, { ".css", "text/css; charset=utf-8" },
        { ".json", "application/json; charset=utf-8" }, { ".svg", "image/svg+xml" }, { ".png", "image/png" },
        { ".jpg", "image/jpeg" }, { ".ico", "image/x-icon" }, { ".woff2", "font/woff2" },
        { ".webmanifest", "application/manifest+json" }, { ".txt", "text/plain; charset=utf-8" },
        { ".map", "application/json; charset=utf-8" },
    };
    auto it = types.find(p.extension().string());
    return it == types.end() ? "application/octet-stream" : it->second;
}

void StaticFiles::load(const std::filesystem::path& dir)
{
    m_files.clear();
    if (!std::filesystem::is_directory(dir))
        return;
    for (auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file())
            continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        auto rel = "/" + std::filesystem::relative(entry.path(), dir).generic_string();
        File f { ss.str(), content_type_of(entry.path()), {}, rel.starts_with("/assets/") };
        f.etag = "\"" + crypto::hash_hex(f.body).substr(0, 32) + "\"";
        m_files.emplace(rel, std::move(f));
    }
}

Response StaticFiles::respond(const File& f, std::string_view if_none_match) const
{
    Response r;
    if (!if_none_match.empty() && if_none_match == f.etag) {
        r.status = 304;
    } else {
        r.body = f.body;
        r.headers.emplace_back("Content-Type", f.content_type);
    }
    r.headers.emplace_back("ETag", f.etag);
    r.headers.emplace_back("Cache-Control", f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    return r;
}

std::optional<Response> StaticFiles::serve(std::string_view path, std::string_view if_none_match, bool accepts_html) const
{
    std::string key(path == "/" ? "/index.html" : path);
    if (auto it = m_files.find(key); it != m_files.end())
        return respond(it->second, if_none_match);
    // A client-side route (no file extension in the last segment) gets the app shell.
    auto last = key.substr(key.rfind('/') + 1);
    if (accepts_html && last.find('.') == std::string::npos && !key.starts_with("/assets/"))
        if (auto it = m_files.find("/index.html"); it != m_files.end())
            return respond(it->second, if_none_match);
    return std::nullopt;
}

}
