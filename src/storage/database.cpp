#include "storage/database.hpp"
#include "storage/postgres/pg_database.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include <fcntl.h>
#include <filesystem>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kenes::db {

void create_private_file(const std::filesystem::path& path)
{
    // SQLite gives the -wal and -shm files the mode of the database file, so they follow.
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::fchmod(fd, 0600);   // whatever the umask
        ::close(fd);
        return;
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077))
        spdlog::warn("{} can be read by other users (mode {:o}): chmod 600 it and its -wal and -shm files", path.string(), st.st_mode & 0777);
}

std::unique_ptr<Database> open_database(const std::string& url, const OpenOptions& options)
{
    if (url.starts_with("sqlite:")) {
        std::filesystem::path path = url.substr(7);
        if (path.empty())
            throw DbError("sqlite: needs a file path, e.g. sqlite:data/kenes.db");
        if (path.has_parent_path())
            std::filesystem::create_directories(path.parent_path());
        create_private_file(path);
        return open_sqlite(path.string(), options);
    }
    if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
        return open_postgres(url, options);
    throw DbError("unknown database URL (expected sqlite:PATH or postgresql://...): " + url);
}

void WriteStats::record_commit(size_t batch_size, uint64_t micros)
{
    transactions += batch_size;
    commits += 1;
    commit_micros_total += micros;
    size_t b = 0;
    while (b < 7 && (size_t(1) << (b + 1)) <= batch_size)
        ++b;
    batch_size_buckets[b]++;
    size_t l = 0;
    for (uint64_t bound = 250; l < 9 && micros > bound; bound *= 2)
        ++l;
    commit_latency_buckets[l]++;
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
