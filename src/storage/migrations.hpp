#pragma once
// Versioned schema changes, registered by modules and applied in version order, each in its own
// transaction together with its row in kenes_migrations.
#include "storage/database.hpp"
#include <string>
#include <vector>

namespace kenes::db {

struct Migration {
    int version;                 // unique; modules use their own hundreds (storage 1xx, accounts 2xx, ...)
    std::string name;
    std::string sql;             // common SQL; "{blob}" becomes BLOB or BYTEA, "{without_rowid}" WITHOUT ROWID on SQLite
    std::string sqlite_sql = {}; // dialect-only additions
    std::string postgres_sql = {};
};

// Applies what is missing; returns the versions applied now.
std::vector<int> apply_migrations(Database&, std::vector<Migration>);
// True when every registered migration is applied (readiness).
bool migrations_current(Database&, const std::vector<Migration>&);

// The storage layer's own schema (id sequence, migration bookkeeping).
std::vector<Migration> storage_migrations();

}
