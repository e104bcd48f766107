#include "storage/migrations.hpp"
#include <algorithm>
#include <set>
#include <stdexcept>

namespace kenes::db {

static std::string dialect_sql(const Migration& m, Dialect d)
{
    std::string sql = m.sql + "\n" + (d == Dialect::Sqlite ? m.sqlite_sql : m.postgres_sql);
    const std::string blob = d == Dialect::Sqlite ? "BLOB" : "BYTEA";
    for (size_t pos; (pos = sql.find("{blob}")) != std::string::npos;)
        sql.replace(pos, 6, blob);
    // A table stored in primary-key order on SQLite (PostgreSQL's heap has no such option).
    const std::string without_rowid = d == Dialect::Sqlite ? " WITHOUT ROWID" : "";
    for (size_t pos; (pos = sql.find("{without_rowid}")) != std::string::npos;)
        sql.replace(pos, 15, without_rowid);
    return sql;
}

static void ensure_bookkeeping(Database& db)
{
    (void)db.write([](Tx& tx) -> Status {
        // Two servers starting together on an empty PostgreSQL database would race here.
        if (tx.dialect() == Dialect::Postgres)
            tx.query("SELECT pg_advisory_xact_lock(7415)");
        tx.exec_script("CREATE TABLE IF NOT EXISTS kenes_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
        return Ok {};
    });
}

static std::set<int> applied_versions(Database& db)
{
    return db.read([](Tx& tx) {
        std::set<int> v;
        for (auto& row : tx.query("SELECT version FROM kenes_migrations"))
            v.insert(int(row.i64(0)));
        return v;
    });
}

std::vector<int> apply_migrations(Database& db, std::vector<Migration> migrations)
{
    std::sort(migrations.begin(), migrations.end(), [](auto& a, auto& b) { return a.version < b.version; });
    for (size_t i = 1; i < migrations.size(); ++i)
        if (migrations[i].version == migrations[i - 1].version)
            throw std::logic_error("two migrations with version " + std::to_string(migrations[i].version));
    ensure_bookkeeping(db);
    std::vector<int> done;
    for (auto& m : migrations) {
        auto result = db.write([&](Tx& tx) -> Result<bool> {
            // Two servers starting together on PostgreSQL: the advisory lock makes one wait.
            if (tx.dialect() == Dialect::Postgres)
                tx.query("SELECT pg_advisory_xact_lock(7415)");
            if (tx.query_one("SELECT 1 FROM kenes_migrations WHERE version = ?", { int64_t(m.version) }))
                return false;
            tx.exec_script(dialect_sql(m, tx.dialect()));
            tx.exec("INSERT INTO kenes_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                { int64_t(m.version), m.name, int64_t(std::time(nullptr)) });
            return true;
        });
        if (result.ok() && result.value())
            done.push_back(m.version);
    }
    return done;
}

bool migrations_current(Database& db, const std::vector<Migration>& migrations)
{
    try {
        auto applied = applied_versions(db);
        return std::all_of(migrations.begin(), migrations.end(), [&](auto& m) { return applied.contains(m.version); });
    } catch (const DbError&) {
        return false;
    }
}

std::vector<Migration> storage_migrations()
{
    return {
        { 100, "id sequence", "",
            "CREATE TABLE kenes_ids (singleton INTEGER PRIMARY KEY CHECK (singleton = 1), next_id INTEGER NOT NULL);"
            "INSERT INTO kenes_ids (singleton, next_id) VALUES (1, 1000);",
            "CREATE SEQUENCE kenes_ids START 1001;" },
    };
}

}
