#pragma once
// The built web UI (web/dist), read into memory at start-up: hashed files under /assets/ are
// cached forever, index.html is revalidated, and client-side routes fall back to index.html.
// The web build writes x.gz and x.br beside a file x (web/scripts/precompress.mjs); they are not
// files of their own but variants of x, sent by Accept-Encoding with Content-Encoding.
// Conditional GET (If-None-Match, weak comparison) and single byte ranges (Range, If-Range) apply
// to the variant that is sent, which has its own ETag.
#include "http/content_coding.hpp"
#include "http/message.hpp"
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>

namespace kenes::http {

// What of a GET or HEAD request the static files look at.
struct StaticRequest {
    std::string_view path;
    bool accepts_html = true;         // false: the client prefers JSON, client routes are not pages
    bool ranges = false;              // Range applies (GET only: RFC 9110 section 14.2)
    std::string_view if_none_match;
    std::string_view range;
    std::string_view if_range;
    std::string_view accept_encoding;
};

class StaticFiles {
public:
    void load(const std::filesystem::path& dir);
    size_t size() const { return m_files.size(); }
    // nullopt when the path is not a file and not a client route. A 416 has no body (the caller
    // writes the problem) but carries Content-Range: bytes */length.
    std::optional<Response> serve(const StaticRequest&) const;
    std::optional<Response> serve(std::string_view path, std::string_view if_none_match, bool accepts_html,
                                  std::string_view accept_encoding = {}) const;
    // A path the web UI may route on the client (no file of that name, no extension, outside
    // /assets/): its answer depends on Accept (the shell, or 404 for a JSON client).
    bool is_client_route(std::string_view path) const;
    // Whether GET of this path would find something to send.
    bool exists(std::string_view path, bool accepts_html) const;

private:
    // One encoding of a file's bytes, with its own ETag: caches must not mix the encodings.
    struct Encoded {
        std::string body;
        std::string etag;
    };
    struct File {
        Encoded plain;
        std::optional<Encoded> gzip;
        std::optional<Encoded> brotli;
        std::string content_type;
        bool immutable;
    };
    const File* find(std::string_view path, bool accepts_html) const;
    Response respond(const File&, const StaticRequest&) const;
    std::unordered_map<std::string, File> m_files;
};

}
