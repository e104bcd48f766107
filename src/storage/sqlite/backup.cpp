#include "storage/sqlite/backup.hpp"
#include "storage/value.hpp"
#include <sqlite3.h>

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
