#pragma once
#include "storage/database.hpp"

namespace kenes::db {

// PostgreSQL through libpq with a fixed pool of connections. Several `kenes serve` processes may
// share one database: sessions, throttling and id allocation all live in it.
std::unique_ptr<Database> open_postgres(const std::string& url, const OpenOptions&);

}
