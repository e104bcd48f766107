#include "storage/postgres/pg_database.hpp"
#include <chrono>
#include <condition_variable>
#include <libpq-fe.h>
#include <mutex>
#include <unordered_map>

namespace kenes::db {

namespace {

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

class PgTx final : public Tx {
public:
    explicit PgTx(PGconn* conn) : m_conn(conn) {}

    Rows query(std::string_view sql, const Params& params) override
    {
        auto res = run(sql, params);
        Rows rows;
        int n = PQntuples(res.get()), cols = PQnfields(res.get());
        rows.reserve(size_t(n));
        for (int r = 0; r < n; ++r) {
            std::vector<Value> values;
            values.reserve(size_t(cols));
            for (int c = 0; c < cols; ++c) {
                if (PQgetisnull(res.get(), r, c))
                    values.emplace_back(Null {});
                else
                    values.emplace_back(std::string(PQgetvalue(res.get(), r, c), size_t(PQgetlength(res.get(), r, c))));
            }
            rows.emplace_back(std::move(values));
        }
        return rows;
    }

    int64_t exec(std::string_view sql, const Params& params) override
    {
        auto res = run(sql, params);
        const char* n = PQcmdTuples(res.get());
        return n && *n ? std::stoll(n) : 0;
    }

    int64_t next_id() override { return query("SELECT nextval('kenes_ids')", {}).at(0).i64(0); }
    Dialect dialect() const override { return Dialect::Postgres; }

    void exec_script(std::string_view sql) override
    {
        PgResult res(PQexec(m_conn, std::string(sql).c_str()));
        check(res.get());
    }

private:
    PgResult run(std::string_view sql, const Params& params)
    {
        thread_local std::unordered_map<std::string, std::string> numbered;
        auto it = numbered.find(std::string(sql));
        if (it == numbered.end())
            it = numbered.emplace(std::string(sql), number_placeholders(sql)).first;

        std::vector<std::string> text(params.size());
        std::vector<const char*> values(params.size());
        std::vector<int> lengths(params.size()), formats(params.size());
        for (size_t i = 0; i < params.size(); ++i) {
            const Value& v = params[i];
            if (std::holds_alternative<Null>(v)) {
                values[i] = nullptr;
                continue;
            }
            if (auto n = std::get_if<int64_t>(&v))
                text[i] = std::to_string(*n);
            else if (auto d = std::get_if<double>(&v))
                text[i] = std::to_string(*d);
            else if (auto s = std::get_if<std::string>(&v))
                text[i] = *s;
            else {
                text[i] = std::get<Blob>(v).bytes;
                formats[i] = 1;   // binary bytea
            }
            values[i] = text[i].data();
            lengths[i] = int(text[i].size());
        }
        PgResult res(PQexecParams(m_conn, it->second.c_str(), int(params.size()), nullptr, values.data(), lengths.data(), formats.data(), 0));
        check(res.get());
        return res;
    }

    void check(PGresult* res)
    {
        auto status = PQresultStatus(res);
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
            return;
        const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
        std::string msg = PQerrorMessage(m_conn);
        if (state && std::string_view(state) == "23505")
            throw UniqueViolation(msg);
        throw DbError("PostgreSQL: " + msg);
    }

    PGconn* m_conn;
};

class PgDatabase final : public Database {
public:
    PgDatabase(std::string url, OpenOptions options)
        : m_url(std::move(url))
        , m_options(std::move(options))
    {
        // Fail fast at start-up when the server is unreachable.
        release(acquire());
    }
    ~PgDatabase() override { close(); }

    Dialect dialect() const override { return Dialect::Postgres; }

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
        std::lock_guard lk(m_mutex);
        m_closed = true;
        for (auto* c : m_idle)
            PQfinish(c);
        m_idle.clear();
    }

protected:
    void run_read(const std::function<void(Tx&)>& fn) override
    {
        Lease lease(*this);
        PgTx tx(lease.conn);
        tx.exec_script("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        try {
            fn(tx);
        } catch (...) {
            lease.rollback_quietly();
            throw;
        }
        tx.exec_script("COMMIT");
    }

    void run_write(const std::function<bool(Tx&)>& fn) override
    {
        auto started = std::chrono::steady_clock::now();
        Lease lease(*this);
        PgTx tx(lease.conn);
        tx.exec_script("BEGIN");
        bool keep = false;
        try {
            keep = fn(tx);
        } catch (...) {
            lease.rollback_quietly();
            throw;
        }
        if (!keep) {
            tx.exec_script("ROLLBACK");
            return;
        }
        tx.exec_script("COMMIT");
        auto micros = uint64_t(std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count());
        std::lock_guard lk(m_stats_mutex);
        m_stats.record_commit(1, micros);
    }

private:
    struct Lease {
        PgDatabase& db;
        PGconn* conn;
        explicit Lease(PgDatabase& d) : db(d), conn(d.acquire()) {}
        ~Lease() { db.release(conn); }
        void rollback_quietly()
        {
            PgResult r(PQexec(conn, "ROLLBACK"));
        }
    };

    PGconn* acquire()
    {
        {
            std::unique_lock lk(m_mutex);
            m_cv.wait(lk, [&] { return !m_idle.empty() || m_open < m_options.postgres_pool || m_closed; });
            if (m_closed)
                throw DbError("database is closing");
            if (!m_idle.empty()) {
                PGconn* c = m_idle.back();
                m_idle.pop_back();
                if (PQstatus(c) != CONNECTION_OK)
                    PQreset(c);
                return c;
            }
            ++m_open;
        }
        PGconn* c = PQconnectdb(m_url.c_str());
        if (PQstatus(c) != CONNECTION_OK) {
            std::string msg = PQerrorMessage(c);
            PQfinish(c);
            std::lock_guard lk(m_mutex);
            --m_open;
            m_cv.notify_one();
            throw DbError("cannot connect to PostgreSQL: " + msg);
        }
        PgResult r(PQexec(c, "SET client_min_messages = warning"));
        return c;
    }

    void release(PGconn* c)
    {
        {
            std::lock_guard lk(m_mutex);
            if (m_closed) {
                PQfinish(c);
                --m_open;
                return;
            }
            m_idle.push_back(c);
        }
        m_cv.notify_one();
    }

    std::string m_url;
    OpenOptions m_options;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::vector<PGconn*> m_idle;
    unsigned m_open = 0;
    bool m_closed = false;
    mutable std::mutex m_stats_mutex;
    WriteStats m_stats;
};

}

std::unique_ptr<Database> open_postgres(const std::string& url, const OpenOptions& options)
{
    return std::make_unique<PgDatabase>(url, options);
}

}
