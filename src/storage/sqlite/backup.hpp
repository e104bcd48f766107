#pragma once
#include <string>

namespace kenes::db {

// A consistent copy of a live SQLite database (online backup API: readers and the writer keep
// working while it runs). Throws DbError with the reason.
void backup_sqlite(const std::string& source_path, const std::string& target_path);

}
