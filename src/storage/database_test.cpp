#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include <atomic>
#include <filesystem>
#include <gtest/gtest.h>
#include <thread>

using namespace kenes;
using namespace kenes::db;

namespace {

struct TempDb {
    std::filesystem::path dir;
    std::unique_ptr<Database> db;
    TempDb()
    {
        dir = std::filesystem::temp_directory_path() / ("kenes-db-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        std::filesystem::create_directories(dir);
        db = open_database("sqlite:" + (dir / "t.db").string());
        apply_migrations(*db, storage_migrations());
        (void)db->write([](Tx& tx) -> Status {
            tx.exec_script("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, data BLOB)");
            return Ok {};
        });
    }
    ~TempDb()
    {
        db->close();
        std::filesystem::remove_all(dir);
    }
    static std::atomic<int>& counter()
    {
        static std::atomic<int> c { 0 };
        return c;
    }
};

}

TEST(Storage, PlaceholdersAreNumberedOutsideQuotes)
{
    EXPECT_EQ(number_placeholders("SELECT ? , '?' , \"a?\" , ?"), "SELECT $1 , '?' , \"a?\" , $2");
}

TEST(Storage, BlobsRoundTripAndCompareAsBytes)
{
    TempDb t;
    std::string bytes("\x00\xff\x10", 3);
    (void)t.db->write([&](Tx& tx) -> Status {
        tx.exec("INSERT INTO t (id, name, data) VALUES (1, 'a', ?), (2, 'b', ?)", { Blob { bytes }, Blob { std::string("\x01", 1) } });
        return Ok {};
    });
    auto rows = t.db->read([](Tx& tx) { return tx.query("SELECT id, data FROM t ORDER BY data"); });
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].i64(0), 1);   // 0x00... sorts before 0x01
    EXPECT_EQ(rows[0].blob(1), bytes);
}

TEST(Storage, AnErrorRollsBackOnlyItsOwnTransaction)
{
    TempDb t;
    auto failed = t.db->write([](Tx& tx) -> Status {
        tx.exec("INSERT INTO t (id, name) VALUES (1, 'kept?')");
        return Error::not_found();
    });
    EXPECT_FALSE(failed.ok());
    auto ok = t.db->write([](Tx& tx) -> Status {
        tx.exec("INSERT INTO t (id, name) VALUES (2, 'kept')");
        return Ok {};
    });
    EXPECT_TRUE(ok.ok());
    auto n = t.db->read([](Tx& tx) { return tx.query("SELECT id FROM t"); });
    ASSERT_EQ(n.size(), 1u);
    EXPECT_EQ(n[0].i64(0), 2);
}

TEST(Storage, UniqueViolationIsReportedAsSuch)
{
    TempDb t;
    (void)t.db->write([](Tx& tx) -> Status { tx.exec("INSERT INTO t (id) VALUES (1)"); return Ok {}; });
    EXPECT_THROW((void)t.db->write([](Tx& tx) -> Status { tx.exec("INSERT INTO t (id) VALUES (1)"); return Ok {}; }), UniqueViolation);
    // The failed transaction left nothing behind and the writer still works.
    EXPECT_TRUE(t.db->write([](Tx& tx) -> Status { tx.exec("INSERT INTO t (id) VALUES (2)"); return Ok {}; }).ok());
}

TEST(Storage, ConcurrentWritesAreGroupCommittedAndAllDurable)
{
    TempDb t;
    constexpr int threads = 8, per_thread = 100;
    std::vector<std::thread> workers;
    for (int w = 0; w < threads; ++w)
        workers.emplace_back([&] {
            for (int i = 0; i < per_thread; ++i)
                (void)t.db->write([](Tx& tx) -> Status {
                    tx.exec("INSERT INTO t (id, name) VALUES (?, 'x')", { tx.next_id() });
                    return Ok {};
                });
        });
    for (auto& w : workers)
        w.join();
    auto stats = t.db->write_stats();
    auto count = t.db->read([](Tx& tx) { return tx.query_one("SELECT count(*), count(DISTINCT id) FROM t"); });
    EXPECT_EQ(count->i64(0), threads * per_thread);
    EXPECT_EQ(count->i64(1), threads * per_thread);   // ids never repeat
    EXPECT_GE(stats.transactions, uint64_t(threads * per_thread));
    // With 8 writers queueing, commits carry more than one transaction on average.
    EXPECT_LT(stats.commits, stats.transactions);
}

TEST(Storage, MigrationsApplyOnceAndReportReadiness)
{
    TempDb t;
    std::vector<Migration> m { { 900, "test", "CREATE TABLE m (x INTEGER)" } };
    EXPECT_FALSE(migrations_current(*t.db, m));
    EXPECT_EQ(apply_migrations(*t.db, m), std::vector<int> { 900 });
    EXPECT_TRUE(apply_migrations(*t.db, m).empty());
    EXPECT_TRUE(migrations_current(*t.db, m));
}
