// Mail delivery against a relay that refuses connections: the failure is recorded with its reason,
// retried later (not at once), and given up after the last attempt; a kind the person turned off is
// never tried.
#include "modules/notifications/notifications.hpp"
#include "modules/people/people.hpp"
#include "security/audit.hpp"
#include "security/crypto.hpp"
#include "security/keys.hpp"
#include "security/schema.hpp"
#include "storage/migrations.hpp"
#include <filesystem>
#include <gtest/gtest.h>

using namespace kenes;

namespace {

struct MailDeliveryTest : ::testing::Test {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("kenes-mail-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::unique_ptr<db::Database> db;
    FixedClock clock { 1795305300000 };
    Catalog catalog = Catalog::load(std::filesystem::path(KENES_SOURCE_DIR) / "web/locales");
    // Port 1 on the loopback: nothing listens, the connection is refused at once.
    notifications::MailSettings settings { { "smtp://127.0.0.1:1", "", "", 5 }, "Kenes <no-reply@kenes.kz>", "https://kenes.example" };

    void SetUp() override
    {
        crypto::init();
        keys::install(keys::KeyRing::generate());
        std::filesystem::create_directories(dir);
        db = db::open_database("sqlite:" + (dir / "t.db").string());
        http::Registry r;
        people::register_module(r);
        notifications::register_module(r);
        auto m = db::storage_migrations();
        for (auto& x : security::migrations())
            m.push_back(x);
        for (auto& x : r.migrations)
            m.push_back(x);
        db::apply_migrations(*db, m);
        notifications::register_kind({ "test_kind", true, "/things/{thing}" });
        (void)db->write([](db::Tx& tx) -> Status {
            tx.exec("INSERT INTO institutions (id, name, kind, languages, time_zone, created_at) VALUES (7, 'T', 'school', 'kk', 'Asia/Almaty', 0)");
            audit::start_chain(tx, 7);
            tx.exec("INSERT INTO persons (institution_id, id, surname, name, email, search_key, sort_kk, sort_ru, sort_en, created_at, updated_at) "
                    "VALUES (7, 11, 'Сәрсенова', 'Әлия', 'aliya@college.kz', 'x', ?, ?, ?, 0, 0)",
                { db::Blob { "a" }, db::Blob { "a" }, db::Blob { "a" } });
            return Ok {};
        });
    }
    void TearDown() override
    {
        db->close();
        std::filesystem::remove_all(dir);
    }
    int64_t notice(const std::string& key)
    {
        return db->write([&](db::Tx& tx) -> Result<int64_t> {
            notifications::notify(tx, clock, { 7, 11, "test_kind", key, { { "thing", 5 } } });
            return tx.query_one("SELECT id FROM notifications WHERE institution_id = 7 AND dedupe_key = ?", { key })->i64(0);
        }).value();
    }
    db::Row row(int64_t id)
    {
        return db->read([&](db::Tx& tx) { return *tx.query_one("SELECT mail_status, mail_attempts, mail_error, mailed_at, link FROM notifications WHERE id = ?", { id }); });
    }
};

}

TEST_F(MailDeliveryTest, AFailedMailIsRecordedWithItsReasonRetriedLaterAndGivenUpAfterTheLastAttempt)
{
    int64_t id = notice("n1");
    EXPECT_EQ(row(id).str(4), "/things/5") << "the notice links to the page where the person acts";
    EXPECT_EQ(notifications::deliver_mail(*db, clock, catalog, settings), 0);
    auto first = row(id);
    EXPECT_EQ(first.str(0), "pending");
    EXPECT_EQ(first.i64(1), 1);
    ASSERT_FALSE(first.is_null(2));
    EXPECT_FALSE(first.str(2).empty()) << "the relay's reason is kept";
    EXPECT_TRUE(first.is_null(3));
    // Not again at once: the next attempt waits.
    notifications::deliver_mail(*db, clock, catalog, settings);
    EXPECT_EQ(row(id).i64(1), 1);
    for (int attempt = 2; attempt <= 5; ++attempt) {
        clock.advance(10 * 60 * 1000);
        notifications::deliver_mail(*db, clock, catalog, settings);
        EXPECT_EQ(row(id).i64(1), attempt);
    }
    EXPECT_EQ(row(id).str(0), "failed");
    clock.advance(60 * 60 * 1000);
    notifications::deliver_mail(*db, clock, catalog, settings);
    EXPECT_EQ(row(id).i64(1), 5) << "no attempt after the last";
    auto audited = db->read([](db::Tx& tx) { return tx.query_one("SELECT count(*) FROM audit_log WHERE institution_id = 7 AND action = 'notification.mail_failed'")->i64(0); });
    EXPECT_EQ(audited, 5);
}

TEST_F(MailDeliveryTest, AKindThePersonTurnedOffIsShownButNeverMailed)
{
    (void)db->write([](db::Tx& tx) -> Status {
        tx.exec("INSERT INTO notification_settings (institution_id, person_id, kind, mail) VALUES (7, 11, 'test_kind', 0)");
        return Ok {};
    });
    int64_t id = notice("n2");
    EXPECT_EQ(row(id).str(0), "off");
    notifications::deliver_mail(*db, clock, catalog, settings);
    EXPECT_EQ(row(id).i64(1), 0) << "not even tried";
}

TEST_F(MailDeliveryTest, DatesInANoticeReadAsPeopleWriteThemInTheRecipientsLanguage)
{
    boost::json::object params { { "body", "Кеңес" }, { "number", 3 }, { "held_on", "2026-12-06" }, { "place", "204" } };
    auto kk = notifications::message(catalog, Lang::Kk, "notification.", "meeting_convened", params);
    auto ru = notifications::message(catalog, Lang::Ru, "mail.subject.", "meeting_convened", params);
    EXPECT_NE(kk.find("2026 жылғы 6 желтоқсан"), std::string::npos) << kk;
    EXPECT_NE(ru.find("6 декабря 2026"), std::string::npos) << ru;
    EXPECT_EQ(kk.find("2026-12-06"), std::string::npos) << kk;
    EXPECT_EQ(ru.find("2026-12-06"), std::string::npos) << ru;
    // Only whole ISO days are dates: a place typed as digits stays as typed.
    EXPECT_NE(kk.find("204"), std::string::npos);
}
