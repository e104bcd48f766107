#include "security/audit.hpp"
#include "security/crypto.hpp"
#include "security/permissions.hpp"
#include "security/schema.hpp"
#include "security/signing.hpp"
#include "security/throttle.hpp"
#include "storage/migrations.hpp"
#include <filesystem>
#include <gtest/gtest.h>

using namespace kenes;

namespace {

struct Fixture : ::testing::Test {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / ("kenes-sec-" + std::to_string(::getpid()) + "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::unique_ptr<db::Database> db;
    FixedClock clock { 1795305300000 };
    void SetUp() override
    {
        crypto::init();
        std::filesystem::create_directories(dir);
        db = db::open_database("sqlite:" + (dir / "t.db").string());
        auto m = db::storage_migrations();
        for (auto& x : security::migrations())
            m.push_back(x);
        db::apply_migrations(*db, m);
        (void)db->write([](db::Tx& tx) -> Status {
            tx.exec("INSERT INTO institutions (id, name, kind, languages, time_zone, created_at) VALUES (7, 'T', 'school', 'kk', 'Asia/Almaty', 0)");
            audit::start_chain(tx, 7);
            return Ok {};
        });
    }
    void TearDown() override
    {
        db->close();
        std::filesystem::remove_all(dir);
    }
    void record(const std::string& action)
    {
        (void)db->write([&](db::Tx& tx) -> Status {
            audit::record(tx, clock, { 7, { 1, "admin" }, action, "person", 42, boost::json::object { { "a", 1 } }, boost::json::object { { "a", 2 } } });
            return Ok {};
        });
    }
    audit::Verification verify()
    {
        return db->read([](db::Tx& tx) { return audit::verify(tx, 7); });
    }
};

}

TEST_F(Fixture, AuditChainVerifiesIntact)
{
    for (int i = 0; i < 5; ++i)
        record("person.update");
    auto v = verify();
    EXPECT_TRUE(v.ok);
    EXPECT_EQ(v.checked, 5);
}

TEST_F(Fixture, AuditChainReportsTheFirstEditedEntry)
{
    for (int i = 0; i < 5; ++i)
        record("person.update");
    (void)db->write([](db::Tx& tx) -> Status {
        tx.exec("UPDATE audit_log SET after_json = '{\"a\":3}' WHERE institution_id = 7 AND seq = 3");
        return Ok {};
    });
    auto v = verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_broken_seq, 3);
}

TEST_F(Fixture, AuditChainReportsDeletedEntries)
{
    for (int i = 0; i < 4; ++i)
        record("person.update");
    (void)db->write([](db::Tx& tx) -> Status {
        tx.exec("DELETE FROM audit_log WHERE institution_id = 7 AND seq = 2");
        return Ok {};
    });
    EXPECT_EQ(verify().first_broken_seq, 2);
    (void)db->write([](db::Tx& tx) -> Status {
        tx.exec("DELETE FROM audit_log WHERE institution_id = 7 AND seq >= 2");
        return Ok {};
    });
    auto v = verify();   // the tail was cut: the head still remembers 4 entries
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_broken_seq, 2);
}

TEST(Throttle, DelaysDoubleAfterTheFreeFailuresUpToTheCap)
{
    throttle::Rule r { 3, 1000, 15 * 60 * 1000, 24 * 3600 * 1000 };
    int64_t now = 1'000'000;
    throttle::Counter c;
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(throttle::wait_ms(r, c, now), 0) << i;
        c = throttle::after_failure(r, c, now);
    }
    EXPECT_EQ(c.failures, 3);
    // After 3 failures: 1 s, then 2 s, 4 s, ... each counted from the last failure.
    for (int64_t expected : { 1000, 2000, 4000, 8000, 16000 }) {
        EXPECT_EQ(throttle::wait_ms(r, c, now), expected);
        EXPECT_EQ(throttle::wait_ms(r, c, now + expected - 1), 1);
        now += expected;
        EXPECT_EQ(throttle::wait_ms(r, c, now), 0);
        c = throttle::after_failure(r, c, now);
    }
    for (int i = 0; i < 60; ++i)
        c = throttle::after_failure(r, c, now);
    EXPECT_EQ(throttle::wait_ms(r, c, now), 15 * 60 * 1000) << "capped, also after many doublings";
    // The window ends a day after the first failure: the count starts afresh.
    int64_t next_day = c.window_start + r.window_ms;
    EXPECT_EQ(throttle::wait_ms(r, c, next_day), 0);
    c = throttle::after_failure(r, c, next_day);
    EXPECT_EQ(c.failures, 1);
    EXPECT_EQ(c.window_start, next_day);
}

TEST_F(Fixture, ThrottleSlowsTheGuesserNotTheOwnerOnAnotherAddress)
{
    throttle::Policy p;
    auto claim = [&](const std::string& login, const std::string& address) {
        return db->write([&](db::Tx& tx) -> Result<std::optional<int64_t>> { return throttle::claim(tx, clock, p, { login, address }); }).value();
    };
    for (int i = 0; i < 3; ++i)
        EXPECT_EQ(claim("aliya", "203.0.113.7"), std::nullopt) << i;
    EXPECT_EQ(claim("aliya", "203.0.113.7"), 1) << "the fourth guess waits a second";
    EXPECT_EQ(claim("aliya", "203.0.113.7"), 1) << "a refused attempt is not counted";
    EXPECT_EQ(claim("aliya", "198.51.100.4"), std::nullopt) << "the owner elsewhere is not held up";
    (void)db->write([&](db::Tx& tx) -> Status {
        throttle::succeeded(tx, { "aliya", "198.51.100.4" });
        return Ok {};
    });
    clock.advance(1000);
    EXPECT_EQ(claim("aliya", "203.0.113.7"), std::nullopt);
    EXPECT_EQ(claim("aliya", "203.0.113.7"), 2) << "then two seconds";
    // A success clears the counter of that account and address.
    (void)db->write([&](db::Tx& tx) -> Status {
        throttle::succeeded(tx, { "aliya", "203.0.113.7" });
        return Ok {};
    });
    EXPECT_EQ(claim("aliya", "203.0.113.7"), std::nullopt);
}

TEST_F(Fixture, ThrottleSlowsOneAddressTryingManyAccounts)
{
    throttle::Policy p;
    auto claim = [&](const std::string& login, const std::string& address) {
        return db->write([&](db::Tx& tx) -> Result<std::optional<int64_t>> { return throttle::claim(tx, clock, p, { login, address }); }).value();
    };
    for (int i = 0; i < 100; ++i)
        ASSERT_EQ(claim("user" + std::to_string(i), "10.0.0.9"), std::nullopt) << i;
    EXPECT_EQ(claim("someone-else", "10.0.0.9"), 1);
    EXPECT_EQ(claim("someone-else", "10.0.0.8"), std::nullopt);
    // Successful sign-ins from the address take their advance count back.
    for (int i = 0; i < 5; ++i)
        (void)db->write([&](db::Tx& tx) -> Status {
            throttle::succeeded(tx, { "user" + std::to_string(i), "10.0.0.9" });
            return Ok {};
        });
    EXPECT_EQ(claim("someone-else", "10.0.0.9"), std::nullopt);
    // Old counters are forgotten.
    clock.advance(25 * 3600 * 1000);
    (void)db->write([&](db::Tx& tx) -> Status {
        throttle::forget_old(tx, clock, p);
        return Ok {};
    });
    EXPECT_EQ(db->read([](db::Tx& tx) { return tx.query_one("SELECT count(*) FROM login_attempts")->i64(0); }), 0);
}

TEST(Crypto, Argon2idHashesVerifyAndCarryTheirParameters)
{
    crypto::init();
    auto h = crypto::hash_password("correct horse battery");
    EXPECT_TRUE(h.starts_with("$argon2id$"));
    EXPECT_TRUE(crypto::verify_password(h, "correct horse battery"));
    EXPECT_FALSE(crypto::verify_password(h, "correct horse batterY"));
    EXPECT_NE(crypto::hash_password("x"), crypto::hash_password("x"));   // salted
    EXPECT_EQ(crypto::random_token().size(), 43u);
    EXPECT_NE(crypto::random_token(), crypto::random_token());
}

TEST(Permissions, DefaultDenyAndSystemAdminHoldsEverything)
{
    PermissionCatalog c;
    c.declare("people.read", { role::Staff });
    EXPECT_TRUE(c.permissions_of(std::string(role::SystemAdmin)).contains("people.read"));
    EXPECT_TRUE(c.permissions_of(std::string(role::Staff)).contains("people.read"));
    EXPECT_FALSE(c.permissions_of(std::string(role::Student)).contains("people.read"));
    EXPECT_FALSE(c.permissions_of(std::string("no-such-role")).contains("self"));
    EXPECT_THROW(c.declare("x", { "no-such-role" }), std::logic_error);
}

TEST_F(Fixture, InstitutionSignatureVerifiesAndDetectsChanges)
{
    auto sig = db->write([](db::Tx& tx) -> Result<signing::Signature> { return signing::sign(tx, 7, signing::sha256("protocol")); });
    ASSERT_TRUE(sig.ok());
    EXPECT_TRUE(signing::verify(sig->public_key, signing::sha256("protocol"), sig->signature));
    EXPECT_FALSE(signing::verify(sig->public_key, signing::sha256("protocol!"), sig->signature));
    // The same key signs the next document.
    auto again = db->write([](db::Tx& tx) -> Result<signing::Signature> { return signing::sign(tx, 7, "x"); });
    EXPECT_EQ(again->public_key, sig->public_key);
}
