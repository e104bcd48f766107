#include "storage/sqlite/backup.hpp"
#include "storage/value.hpp"
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kenes::db {

void backup_sqlite(const std::string& source_path, const std::string& target_path)
{
    sqlite3* src = nullptr;
    sqlite3* dst = nullptr;
    auto close_both = [&] {
        sqlite3_close(src);
        sqlite3_close(dst);
    };
    if (sqlite3_open_v2(source_path.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        std::string msg = sqlite3_errmsg(src);
        close_both();
        throw DbError("cannot open " + source_path + ": " + msg);
    }
    // The copy holds the same personal data as the database: owner only, whatever the umask.
    int fd = ::open(target_path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0 || ::fchmod(fd, 0600) != 0) {
        if (fd >= 0)
            ::close(fd);
        close_both();
        throw DbError("cannot create " + target_path + ": " + std::strerror(errno));
    }
    ::close(fd);
    if (sqlite3_open(target_path.c_str(), &dst) != SQLITE_OK) {
        std::string msg = sqlite3_errmsg(dst);
        close_both();
        throw DbError("cannot create " + target_path + ": " + msg);
    }
    sqlite3_busy_timeout(src, 10000);
    sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) {
        std::string msg = sqlite3_errmsg(dst);
        close_both();
        throw DbError("backup failed: " + msg);
    }
    int rc;
    // Copy in steps so the writer is never locked out for long.
    while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep(rc == SQLITE_OK ? 0 : 10);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        std::string msg = sqlite3_errstr(rc);
        close_both();
        throw DbError("backup failed: " + msg);
    }
    close_both();
}

}
