#pragma once
// The built web UI (web/dist), read into memory at start-up: hashed files under /assets/ are
// cached forever, index.html is revalidated, and client-side routes fall back to index.html.
// The web build writes x.gz and x.br beside a file x (web/scripts/precompress.mjs); they are not
// files of their own but variants of x, sent by Accept-Encoding with Content-Encoding.
#include "http/content_coding.hpp"
#include "http/message.hpp"
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>

namespace kenes::http {

class StaticFiles {
public:
    void load(const std::filesystem::path& dir);
    size_t size() const { return m_files.size(); }
    // nullopt when the path is not a file and not a client route.
    std::optional<Response> serve(std::string_view path, std::string_view if_none_match, bool accepts_html,
                                  std::string_view accept_encoding = {}) const;

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
    Response respond(const File&, std::string_view if_none_match, std::string_view accept_encoding) const;
    std::unordered_map<std::string, File> m_files;
};

}
