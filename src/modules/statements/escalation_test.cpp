// The escalation of an overdue statement (APL-2, the institution's answer term) against a real
// SQLite database: the job marks it escalated and notifies the administrators once; an answered
// statement or one still in time is left alone.
#include "modules/notifications/notifications.hpp"
#include "modules/people/people.hpp"
#include "modules/statements/routes.hpp"
#include "modules/statements/statements.hpp"
#include "security/audit.hpp"
#include "security/crypto.hpp"
#include "security/keys.hpp"
#include "security/schema.hpp"
#include "storage/migrations.hpp"
#include <filesystem>
#include <gtest/gtest.h>
#include <unistd.h>

using namespace kenes;

namespace {

struct EscalationTest : ::testing::Test {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("kenes-st-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::unique_ptr<db::Database> db;
    FixedClock clock { 1795305300000 };   // 2026-11-22

    void SetUp() override
    {
        crypto::init();
        keys::install(keys::KeyRing::generate());
        std::filesystem::create_directories(dir);
        db = db::open_database("sqlite:" + (dir / "t.db").string());
        http::Registry r;
        people::register_module(r);
        notifications::register_module(r);
        statements::register_module(r);
        auto m = db::storage_migrations();
        for (auto& x : security::migrations())
            m.push_back(x);
        for (auto& x : r.migrations)
            m.push_back(x);
        db::apply_migrations(*db, m);
        (void)db->write([](db::Tx& tx) -> Status {
            tx.exec("INSERT INTO institutions (id, name, kind, languages, time_zone, created_at) VALUES (7, 'T', 'school', 'kk', 'Asia/Almaty', 0)");
            audit::start_chain(tx, 7);
            for (int64_t p : { 11, 12 })
                tx.exec("INSERT INTO persons (institution_id, id, surname, name, search_key, sort_kk, sort_ru, sort_en, created_at, updated_at) "
                        "VALUES (7, ?, 'Сәрсенова', 'Әлия', 'x', ?, ?, ?, 0, 0)",
                    { p, db::Blob { "a" }, db::Blob { "a" }, db::Blob { "a" } });
            // The principal (an institution administrator with a person).
            tx.exec("INSERT INTO users (institution_id, id, login, display_name, search_name, password_hash, person_id, created_at) VALUES (7, 30, 'p', 'P', 'p', 'x', 12, 0)");
            tx.exec("INSERT INTO user_roles (institution_id, user_id, role) VALUES (7, 30, 'institution_admin')");
            auto statement = [&](int64_t id, const char* state, const char* due) {
                tx.exec("INSERT INTO statements (institution_id, id, year, number, topic, arguments, filer_person_id, student_id, channel, received_at, received_on, state, due_on) "
                        "VALUES (7, ?, 2026, ?, 'canteen', 'Асхана суық, бірнеше рет.', 11, 11, 'online', 0, '2026-10-01', ?, ?)",
                    { id, id, std::string(state), std::string(due) });
            };
            statement(101, "registered", "2026-11-01");    // overdue
            statement(102, "in_progress", "2026-11-21");   // overdue since yesterday
            statement(103, "answered", "2026-11-01");      // answered: not owed
            statement(104, "assigned", "2026-11-22");      // due today: in time
            return Ok {};
        });
    }
    void TearDown() override
    {
        db->close();
        std::filesystem::remove_all(dir);
    }
    std::vector<int64_t> escalated()
    {
        return db->read([&](db::Tx& tx) {
            std::vector<int64_t> out;
            for (auto& r : tx.query("SELECT id FROM statements WHERE institution_id = 7 AND escalated_at IS NOT NULL ORDER BY id"))
                out.push_back(r.i64(0));
            return out;
        });
    }
    int64_t notices()
    {
        return db->read([&](db::Tx& tx) {
            return tx.query_one("SELECT count(*) FROM notifications WHERE institution_id = 7 AND person_id = 12 AND kind = 'statement_overdue'")->i64(0);
        });
    }
};

}

TEST_F(EscalationTest, APL_2_AnOverdueStatementIsEscalatedToTheAdministrationOnce)
{
    EXPECT_EQ(statements::escalate_overdue(*db, clock), 2);
    EXPECT_EQ(escalated(), (std::vector<int64_t> { 101, 102 }));
    EXPECT_EQ(notices(), 2);
    // Idempotent: a second run (or another server process) escalates nothing again.
    EXPECT_EQ(statements::escalate_overdue(*db, clock), 0);
    EXPECT_EQ(notices(), 2);
}
