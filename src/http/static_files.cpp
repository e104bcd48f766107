#include "http/static_files.hpp"
#include "http/byte_ranges.hpp"
#include "http/preconditions.hpp"
#include "security/crypto.hpp"
#include <fstream>
#include <sstream>
#include <vector>

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

static std::string read_file(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

static std::optional<ContentCoding> variant_coding(const std::filesystem::path& p)
{
    auto ext = p.extension().string();
    if (ext == ".gz")
        return ContentCoding::Gzip;
    if (ext == ".br")
        return ContentCoding::Brotli;
    return std::nullopt;
}

static std::string etag_of(std::string_view body)
{
    return "\"" + crypto::hash_hex(body).substr(0, 32) + "\"";
}

void StaticFiles::load(const std::filesystem::path& dir)
{
    m_files.clear();
    if (!std::filesystem::is_directory(dir))
        return;
    std::vector<std::filesystem::path> variants;
    for (auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file())
            continue;
        if (variant_coding(entry.path())) {
            variants.push_back(entry.path());
            continue;
        }
        auto rel = "/" + std::filesystem::relative(entry.path(), dir).generic_string();
        auto body = read_file(entry.path());
        auto etag = etag_of(body);
        m_files.emplace(rel, File { { std::move(body), std::move(etag) }, {}, {}, content_type_of(entry.path()), rel.starts_with("/assets/") });
    }
    // A variant without its plain file is ignored: there would be nothing to fall back to.
    for (auto& p : variants) {
        auto plain = p;
        plain.replace_extension();
        auto it = m_files.find("/" + std::filesystem::relative(plain, dir).generic_string());
        if (it == m_files.end())
            continue;
        auto body = read_file(p);
        auto etag = etag_of(body);
        (*variant_coding(p) == ContentCoding::Gzip ? it->second.gzip : it->second.brotli) = Encoded { std::move(body), std::move(etag) };
    }
}

Response StaticFiles::respond(const File& f, const StaticRequest& req) const
{
    auto coding = choose_content_coding(req.accept_encoding, { f.gzip.has_value(), f.brotli.has_value() });
    const Encoded& e = coding == ContentCoding::Gzip ? *f.gzip : coding == ContentCoding::Brotli ? *f.brotli : f.plain;
    Response r;
    // RFC 9110 section 13.2.2: If-None-Match is evaluated before Range.
    if (none_match_hits(req.if_none_match, e.etag)) {
        r.status = 304;
    } else {
        r.headers.emplace_back("Content-Type", f.content_type);
        r.headers.emplace_back("Accept-Ranges", "bytes");
        auto range = req.ranges && !req.range.empty() && if_range_holds(req.if_range, e.etag)
            ? parse_byte_range(req.range, e.body.size())
            : ByteRange {};
        switch (range.kind) {
        case ByteRange::Kind::Whole:
            r.body = e.body;
            break;
        case ByteRange::Kind::Part:
            r.status = 206;
            r.body = e.body.substr(range.first, range.last - range.first + 1);
            r.headers.emplace_back("Content-Range", "bytes " + std::to_string(range.first) + "-" + std::to_string(range.last) + "/" + std::to_string(e.body.size()));
            break;
        case ByteRange::Kind::Unsatisfiable:
            r.status = 416;
            r.headers.emplace_back("Content-Range", "bytes */" + std::to_string(e.body.size()));
            break;
        }
    }
    if (coding != ContentCoding::Identity)
        r.headers.emplace_back("Content-Encoding", std::string(content_coding_token(coding)));
    // Only a file that has variants varies; caches may keep one copy of the others.
    if (f.gzip || f.brotli)
        r.headers.emplace_back("Vary", "Accept-Encoding");
    r.headers.emplace_back("ETag", e.etag);
    r.headers.emplace_back("Cache-Control", f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
    return r;
}

bool StaticFiles::is_client_route(std::string_view path) const
{
    std::string key(path == "/" ? "/index.html" : path);
    if (m_files.contains(key) || key.starts_with("/assets/"))
        return false;
    auto last = key.substr(key.rfind('/') + 1);
    return last.find('.') == std::string::npos;
}

const StaticFiles::File* StaticFiles::find(std::string_view path, bool accepts_html) const
{
    std::string key(path == "/" ? "/index.html" : path);
    if (auto it = m_files.find(key); it != m_files.end())
        return &it->second;
    // A client-side route (no file extension in the last segment) gets the app shell.
    if (accepts_html && is_client_route(path))
        if (auto it = m_files.find("/index.html"); it != m_files.end())
            return &it->second;
    return nullptr;
}

bool StaticFiles::exists(std::string_view path, bool accepts_html) const
{
    return find(path, accepts_html) != nullptr;
}

std::optional<Response> StaticFiles::serve(const StaticRequest& req) const
{
    if (auto* file = find(req.path, req.accepts_html))
        return respond(*file, req);
    return std::nullopt;
}

std::optional<Response> StaticFiles::serve(std::string_view path, std::string_view if_none_match, bool accepts_html,
                                           std::string_view accept_encoding) const
{
    return serve(StaticRequest { .path = path, .accepts_html = accepts_html, .if_none_match = if_none_match, .accept_encoding = accept_encoding });
}

}
