#pragma once
// The built web UI (web/dist), read into memory at start-up: hashed files under /assets/ are
// cached forever, index.html is revalidated, and client-side routes fall back to index.html.
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
    std::optional<Response> serve(std::string_view path, std::string_view if_none_match, bool accepts_html) const;

private:
    struct File {
        std::string body;
        std::string content_type;
        std::string etag;
        bool immutable;
    };
    Response respond(const File&, std::string_view if_none_match) const;
    std::unordered_map<std::string, File> m_files;
};

}
