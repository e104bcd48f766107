#include "storage/database.hpp"
#include "storage/postgres/pg_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include <filesystem>

namespace kenes::db {

std::unique_ptr<Database> open_database(const std::string& url, const OpenOptions& options)
{
    if (url.starts_with("sqlite:")) {
        std::filesystem::path path = url.substr(7);
        if (path.empty())
            throw DbError("sqlite: needs a file path, e.g. sqlite:data/kenes.db");
        if (path.has_parent_path())
            std::filesystem::create_directories(path.parent_path());
        return open_sqlite(path.string(), options);
    }
    if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
        return open_postgres(url, options);
    throw DbError("unknown database URL (expected sqlite:PATH or postgresql://...): " + url);
}

std::string number_placeholders(std::string_view sql)
{
    std::string out;
    out.reserve(sql.size() + 16);
    int n = 0;
    char quote = 0;
    for (char c : sql) {
        if (quote) {
            if (c == quote)
                quote = 0;
            out.push_back(c);
        } else if (c == '\'' || c == '"') {
            quote = c;
            out.push_back(c);
        } else if (c == '?') {
            out += "$" + std::to_string(++n);
        } else {
            out.push_back(c);
        }
    }
    return out;
}

}
