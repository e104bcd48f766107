#pragma once
#include "storage/database.hpp"
#include <string>

namespace kenes::db {

// SQLite in WAL mode. Reads use a pool of connections; every write goes through one writer thread
// that group-commits: it takes all queued write transactions, runs each inside its own SAVEPOINT
// of one BEGIN IMMEDIATE transaction, and commits them together, so many requests share one
// fsync (synchronous=FULL keeps every acknowledged write durable).
std::unique_ptr<Database> open_sqlite(const std::string& path, const OpenOptions&);

}
