#include "storage/sqlite/sqlite_database.hpp"
#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <sqlite3.h>
#include <thread>
#include <unordered_map>

namespace kenes::db {

namespace {

class Connection {
public:
    Connection(const std::string& path, const std::string& synchronous)
    {
        int rc = sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
        if (rc != SQLITE_OK) {
            std::string msg = m_db ? sqlite3_errmsg(m_db) : "out of memory";
            sqlite3_close(m_db);
            throw DbError("cannot open SQLite database " + path + ": " + msg);
        }
        sqlite3_busy_timeout(m_db, 10000);
        sqlite3_extended_result_codes(m_db, 1);
        script("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=" + synchronous + ";");
    }
    ~Connection()
    {
        for (auto& [sql, stmt] : m_statements)
            sqlite3_finalize(stmt);
        sqlite3_close(m_db);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void script(const std::string& sql)
    {
        char* err = nullptr;
        if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string msg = err ? err : "unknown error";
            sqlite3_free(err);
            throw DbError("SQLite: " + msg);
        }
    }

    Rows run(std::string_view sql, const Params& params, int64_t* changes)
    {
        sqlite3_stmt* stmt = prepared(sql);
        struct Reset {
            sqlite3_stmt* s;
            ~Reset() { sqlite3_reset(s); sqlite3_clear_bindings(s); }
        } reset { stmt };
        if (int(params.size()) != sqlite3_bind_parameter_count(stmt))
            throw DbError("SQLite: wrong number of parameters for: " + std::string(sql));
        for (size_t i = 0; i < params.size(); ++i)
            bind(stmt, int(i + 1), params[i]);
        Rows rows;
        int columns = sqlite3_column_count(stmt);
        for (;;) {
            int rc = sqlite3_step(stmt);
            if (rc == SQLITE_DONE)
                break;
            if (rc != SQLITE_ROW)
                fail(rc);
            std::vector<Value> values;
            values.reserve(size_t(columns));
            for (int c = 0; c < columns; ++c)
                values.push_back(column(stmt, c));
            rows.emplace_back(std::move(values));
        }
        if (changes)
            *changes = sqlite3_changes64(m_db);
        return rows;
    }

    // Statements used on every request (BEGIN/COMMIT of reads) run from the statement cache.
    void step(std::string_view sql) { run(sql, {}, nullptr); }

private:
    sqlite3_stmt* prepared(std::string_view sql)
    {
        auto it = m_statements.find(sql);
        if (it != m_statements.end())
            return it->second;
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v3(m_db, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (rc != SQLITE_OK)
            throw DbError("SQLite: " + std::string(sqlite3_errmsg(m_db)) + " in: " + std::string(sql));
        m_statements.emplace(std::string(sql), stmt);
        return stmt;
    }

    static void bind(sqlite3_stmt* stmt, int i, const Value& v)
    {
        if (std::holds_alternative<Null>(v))
            sqlite3_bind_null(stmt, i);
        else if (auto n = std::get_if<int64_t>(&v))
            sqlite3_bind_int64(stmt, i, *n);
        else if (auto d = std::get_if<double>(&v))
            sqlite3_bind_double(stmt, i, *d);
        else if (auto s = std::get_if<std::string>(&v))
            sqlite3_bind_text64(stmt, i, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
        else {
            auto& b = std::get<Blob>(v).bytes;
            sqlite3_bind_blob64(stmt, i, b.data(), b.size(), SQLITE_TRANSIENT);
        }
    }

    static Value column(sqlite3_stmt* stmt, int c)
    {
        switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_INTEGER: return sqlite3_column_int64(stmt, c);
        case SQLITE_FLOAT: return sqlite3_column_double(stmt, c);
        case SQLITE_TEXT:
            return std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)), size_t(sqlite3_column_bytes(stmt, c)));
        case SQLITE_BLOB: {
            auto p = static_cast<const char*>(sqlite3_column_blob(stmt, c));
            return Blob { std::string(p ? p : "", size_t(sqlite3_column_bytes(stmt, c))) };
        }
        default: return Null {};
        }
    }

    [[noreturn]] void fail(int rc)
    {
        std::string msg = sqlite3_errmsg(m_db);
        if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
            throw UniqueViolation(msg);
        throw DbError("SQLite: " + msg);
    }

    sqlite3* m_db = nullptr;
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view> {}(s); }
    };
    std::unordered_map<std::string, sqlite3_stmt*, Hash, std::equal_to<>> m_statements;
};

class SqliteTx final : public Tx {
public:
    explicit SqliteTx(Connection& c) : m_conn(c) {}
    Rows query(std::string_view sql, const Params& params) override { return m_conn.run(sql, params, nullptr); }
    int64_t exec(std::string_view sql, const Params& params) override
    {
        int64_t changes = 0;
        m_conn.run(sql, params, &changes);
        return changes;
    }
    int64_t next_id() override
    {
        auto rows = m_conn.run("UPDATE kenes_ids SET next_id = next_id + 1 RETURNING next_id", {}, nullptr);
        return rows.at(0).i64(0);
    }
    Dialect dialect() const override { return Dialect::Sqlite; }
    void exec_script(std::string_view sql) override { m_conn.script(std::string(sql)); }

private:
    Connection& m_conn;
};

struct WriteJob {
    const std::function<bool(Tx&)>* fn;
    std::exception_ptr failure;
    std::promise<void> done;
};

class SqliteDatabase final : public Database {
public:
    SqliteDatabase(std::string path, OpenOptions options)
        : m_path(std::move(path))
        , m_options(std::move(options))
    {
        // Open the writer first so the file and WAL mode exist before readers attach.
        m_writer_conn = std::make_unique<Connection>(m_path, m_options.synchronous);
        m_writer = std::thread([this] { writer_loop(); });
    }
    ~SqliteDatabase() override { close(); }

    Dialect dialect() const override { return Dialect::Sqlite; }

    bool ping() override
    {
        try {
            run_read([](Tx& tx) { tx.query("SELECT 1"); });
            return true;
        } catch (const std::exception&) {
            return false;
        }
    }

    WriteStats write_stats() const override
    {
        std::lock_guard lk(m_stats_mutex);
        return m_stats;
    }

    void close() override
    {
        {
            std::lock_guard lk(m_queue_mutex);
            if (m_stopping)
                return;
            m_stopping = true;
        }
        m_queue_cv.notify_all();
        if (m_writer.joinable())
            m_writer.join();
        m_writer_conn.reset();
        std::lock_guard lk(m_pool_mutex);
        m_idle_readers.clear();
    }

protected:
    void run_read(const std::function<void(Tx&)>& fn) override
    {
        auto conn = acquire_reader();
        struct Return {
            SqliteDatabase* self;
            std::unique_ptr<Connection>& c;
            ~Return() { self->release_reader(std::move(c)); }
        } give_back { this, conn };
        conn->step("BEGIN");
        SqliteTx tx(*conn);
        try {
            fn(tx);
        } catch (...) {
            conn->script("ROLLBACK");
            throw;
        }
        conn->step("COMMIT");
    }

    void run_write(const std::function<bool(Tx&)>& fn) override
    {
        WriteJob job { &fn, nullptr, {} };
        auto finished = job.done.get_future();
        {
            std::lock_guard lk(m_queue_mutex);
            if (m_stopping)
                throw DbError("database is closing");
            m_queue.push_back(&job);
        }
        m_queue_cv.notify_one();
        finished.get();
        if (job.failure)
            std::rethrow_exception(job.failure);
    }

private:
    std::unique_ptr<Connection> acquire_reader()
    {
        {
            std::unique_lock lk(m_pool_mutex);
            m_pool_cv.wait(lk, [&] { return !m_idle_readers.empty() || m_open_readers < m_options.sqlite_readers; });
            if (!m_idle_readers.empty()) {
                auto c = std::move(m_idle_readers.back());
                m_idle_readers.pop_back();
                return c;
            }
            ++m_open_readers;
        }
        try {
            return std::make_unique<Connection>(m_path, m_options.synchronous);
        } catch (...) {
            std::lock_guard lk(m_pool_mutex);
            --m_open_readers;
            m_pool_cv.notify_one();
            throw;
        }
    }

    void release_reader(std::unique_ptr<Connection> c)
    {
        {
            std::lock_guard lk(m_pool_mutex);
            m_idle_readers.push_back(std::move(c));
        }
        m_pool_cv.notify_one();
    }

    void writer_loop()
    {
        constexpr size_t max_batch = 512;
        std::vector<WriteJob*> batch;
        for (;;) {
            {
                std::unique_lock lk(m_queue_mutex);
                m_queue_cv.wait(lk, [&] { return !m_queue.empty() || m_stopping; });
                if (m_queue.empty())
                    return;   // stopping, and every queued write is done
                while (!m_queue.empty() && batch.size() < max_batch) {
                    batch.push_back(m_queue.front());
                    m_queue.pop_front();
                }
            }
            commit_batch(batch);
            batch.clear();
        }
    }

    void commit_batch(const std::vector<WriteJob*>& batch)
    {
        auto started = std::chrono::steady_clock::now();
        Connection& c = *m_writer_conn;
        SqliteTx tx(c);
        std::exception_ptr batch_failure;
        size_t kept = 0;
        try {
            c.script("BEGIN IMMEDIATE");
            kept = 0;
            for (auto* job : batch) {
                c.script("SAVEPOINT job");
                bool keep = false;
                try {
                    keep = (*job->fn)(tx);
                } catch (...) {
                    job->failure = std::current_exception();
                }
                if (!keep)
                    c.script("ROLLBACK TO job");
                else
                    ++kept;
                c.script("RELEASE job");
            }
            c.script("COMMIT");
        } catch (...) {
            batch_failure = std::current_exception();
            try { c.script("ROLLBACK"); } catch (...) { }
        }
        auto micros = uint64_t(std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count());
        record(batch_failure ? 0 : kept, micros);
        for (auto* job : batch) {
            if (batch_failure && !job->failure)
                job->failure = batch_failure;
            job->done.set_value();
        }
    }

    void record(size_t batch_size, uint64_t micros)
    {
        if (batch_size == 0)
            return;
        std::lock_guard lk(m_stats_mutex);
        m_stats.record_commit(batch_size, micros);
    }

    std::string m_path;
    OpenOptions m_options;

    std::unique_ptr<Connection> m_writer_conn;
    std::thread m_writer;
    std::mutex m_queue_mutex;
    std::condition_variable m_queue_cv;
    std::deque<WriteJob*> m_queue;
    bool m_stopping = false;

    std::mutex m_pool_mutex;
    std::condition_variable m_pool_cv;
    std::vector<std::unique_ptr<Connection>> m_idle_readers;
    unsigned m_open_readers = 0;

    mutable std::mutex m_stats_mutex;
    WriteStats m_stats;
};

}

std::unique_ptr<Database> open_sqlite(const std::string& path, const OpenOptions& options)
{
    return std::make_unique<SqliteDatabase>(path, options);
}

}
