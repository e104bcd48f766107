#pragma once
// One storage interface over two real backends (SQLite embedded, PostgreSQL). SQL is written once
// with `?` placeholders in the common subset of both dialects; the PostgreSQL backend numbers them.
#include "core/result.hpp"
#include "storage/value.hpp"
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace kenes::db {

enum class Dialect { Sqlite, Postgres };

using Params = std::vector<Value>;

// A connection inside a transaction (or a read snapshot). Not shared between threads.
class Tx {
public:
    virtual ~Tx() = default;
    virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
    virtual int64_t exec(std::string_view sql, const Params& params = {}) = 0;   // rows affected
    // Ids come from one sequence per database, so they are unique across tables and processes.
    virtual int64_t next_id() = 0;
    virtual Dialect dialect() const = 0;
    // Several statements without parameters (migrations).
    virtual void exec_script(std::string_view sql) = 0;

    std::optional<Row> query_one(std::string_view sql, const Params& params = {})
    {
        auto rows = query(sql, params);
        if (rows.empty())
            return std::nullopt;
        return std::move(rows.front());
    }
};

struct WriteStats {
    uint64_t transactions = 0;
    uint64_t commits = 0;          // one commit (one fsync) can carry many transactions
    uint64_t commit_micros_total = 0;
    uint64_t batch_size_buckets[8] = {};   // 1, 2-3, 4-7, ... 128+
    uint64_t commit_latency_buckets[10] = {};   // <=0.25 ms, 0.5, 1, 2, ... 64 ms, more

    // One commit that carried `batch_size` transactions and took `micros`.
    void record_commit(size_t batch_size, uint64_t micros);
};

class Database {
public:
    virtual ~Database() = default;
    virtual Dialect dialect() const = 0;

    // Runs fn in a read snapshot. fn may run on any thread; it must not write.
    template<class F>
    auto read(F&& fn) -> decltype(fn(std::declval<Tx&>()))
    {
        std::optional<decltype(fn(std::declval<Tx&>()))> out;
        run_read([&](Tx& tx) { out.emplace(fn(tx)); });
        return std::move(*out);
    }

    // Runs fn in a write transaction. fn returns a Result: an error rolls back everything fn did
    // and is returned; success is returned only once the transaction is durably committed.
    template<class F>
    auto write(F&& fn) -> decltype(fn(std::declval<Tx&>()))
    {
        std::optional<decltype(fn(std::declval<Tx&>()))> out;
        run_write([&](Tx& tx) {
            out.emplace(fn(tx));
            return out->ok();
        });
        return std::move(*out);
    }

    virtual bool ping() = 0;
    virtual WriteStats write_stats() const = 0;
    // Finishes queued writes and stops background threads (graceful shutdown).
    virtual void close() = 0;

protected:
    virtual void run_read(const std::function<void(Tx&)>& fn) = 0;
    // fn returns false to roll back. Throws DbError when the commit itself fails.
    virtual void run_write(const std::function<bool(Tx&)>& fn) = 0;
};

// "sqlite:PATH" or "postgresql://..." / "postgres://...".
struct OpenOptions {
    std::string synchronous = "FULL";
    unsigned sqlite_readers = 8;
    unsigned postgres_pool = 8;
};
std::unique_ptr<Database> open_database(const std::string& url, const OpenOptions& = {});

// Creates a database file readable by its owner only (0600) unless it exists; warns about an
// existing one that others can read.
void create_private_file(const std::filesystem::path&);

// Rewrites `?` placeholders to $1, $2, ... outside quoted strings (PostgreSQL).
std::string number_placeholders(std::string_view sql);

}
