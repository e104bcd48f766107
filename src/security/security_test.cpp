#include "security/anchors.hpp"
#include "security/audit.hpp"
#include "security/crypto.hpp"
#include "security/keys.hpp"
#include "security/permissions.hpp"
#include "security/schema.hpp"
#include "security/signing.hpp"
#include "security/throttle.hpp"
#include "storage/migrations.hpp"
#include <filesystem>
#include <fstream>
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
        anchors::install({});
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
    void exec(const std::string& sql)
    {
        (void)db->write([&](db::Tx& tx) -> Status { tx.exec(sql); return Ok {}; });
    }
    // What someone holding only the database can do: recompute every hash from `from` on with
    // the unkeyed formula (or a key of their own) and move the head along.
    void rechain_from(int64_t from, const std::optional<std::string>& key)
    {
        (void)db->write([&](db::Tx& tx) -> Status {
            auto prev = tx.query_one("SELECT hash FROM audit_log WHERE institution_id = 7 AND seq = ?", { from - 1 });
            std::string h = prev ? prev->blob(0) : std::string(32, '\0');
            for (auto& r : tx.query("SELECT seq, at, actor_user_id, actor_login, action, entity, entity_id, before_json, after_json FROM audit_log "
                                    "WHERE institution_id = 7 AND seq >= ? ORDER BY seq", { from })) {
                audit::Entry e { 7, { r.opt_i64(2), r.str(3) }, r.str(4), r.str(5), r.opt_i64(6) };
                std::string next = key ? audit::entry_mac(*key, h, r.i64(0), r.i64(1), e, r.str(7), r.str(8)) : audit::entry_hash(h, r.i64(0), r.i64(1), e, r.str(7), r.str(8));
                tx.exec("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE institution_id = 7 AND seq = ?", { db::Blob { h }, db::Blob { next }, r.i64(0) });
                h = next;
            }
            tx.exec("UPDATE audit_heads SET hash = ? WHERE institution_id = 7", { db::Blob { h } });
            return Ok {};
        });
    }
    void use_anchor_file() { anchors::install(dir / "anchors.log"); }
    anchors::Anchor anchor() { return *anchors::checkpoint(*db, clock, 7, true); }
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
    // An account awaiting activation stores "!": not a hash, so sign-in verifies the decoy instead.
    EXPECT_TRUE(crypto::is_password_hash(h));
    EXPECT_FALSE(crypto::is_password_hash("!"));
    EXPECT_FALSE(crypto::is_password_hash(""));
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

TEST_F(Fixture, AuditEntriesAreMacedWithTheCurrentKey)
{
    record("person.update");
    auto row = db->read([](db::Tx& tx) { return *tx.query_one("SELECT l.mac_key_id, l.hash, h.keyed_from FROM audit_log l JOIN audit_heads h ON h.institution_id = l.institution_id WHERE l.seq = 1"); });
    EXPECT_EQ(row.i64(0), keys::current(keys::Purpose::Mac).id);
    EXPECT_EQ(row.i64(2), 1);   // a new chain is keyed from its first entry
    audit::Entry e { 7, { 1, "admin" }, "person.update", "person", 42 };
    EXPECT_NE(row.blob(1), audit::entry_hash(std::string(32, '\0'), 1, clock.now(), e, R"({"a":1})", R"({"a":2})"));
    EXPECT_EQ(row.blob(1), audit::entry_mac(keys::current(keys::Purpose::Mac).secret, std::string(32, '\0'), 1, clock.now(), e, R"({"a":1})", R"({"a":2})"));
}

TEST_F(Fixture, AuditChainReChainedAfterAForgedEntryDoesNotVerifyWithoutTheKey)
{
    for (int i = 0; i < 5; ++i)
        record("person.update");
    exec("UPDATE audit_log SET after_json = '{\"a\":99}' WHERE institution_id = 7 AND seq = 3");
    rechain_from(3, keys::KeyRing::generate().current(keys::Purpose::Mac).secret);   // a key of the attacker's own
    auto v = verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.first_broken_seq, 3);
    EXPECT_EQ(v.reason, audit::Break::EntryAltered);
    // Passing the entries off as plain hashes does not help either.
    exec("UPDATE audit_log SET mac_key_id = NULL WHERE institution_id = 7 AND seq >= 3");
    rechain_from(3, std::nullopt);
    v = verify();
    EXPECT_EQ(v.first_broken_seq, 3);
    EXPECT_EQ(v.reason, audit::Break::UnkeyedEntry);
}

TEST_F(Fixture, AuditChainCutAndRewoundIsCaughtByAnAnchor)
{
    use_anchor_file();
    for (int i = 0; i < 5; ++i)
        record("person.update");
    auto a = anchor();
    EXPECT_EQ(a.seq, 5);
    EXPECT_TRUE(verify().ok);
    EXPECT_EQ(verify().anchors_checked, 1);
    // The last two entries go and the head is rewound to entry 3: the chain itself is consistent.
    exec("DELETE FROM audit_log WHERE institution_id = 7 AND seq > 3");
    (void)db->write([](db::Tx& tx) -> Status {
        tx.exec("UPDATE audit_heads SET seq = 3, hash = (SELECT hash FROM audit_log WHERE institution_id = 7 AND seq = 3) WHERE institution_id = 7");
        return Ok {};
    });
    auto unanchored = db->read([](db::Tx& tx) { return audit::verify(tx, 7, {}); });
    EXPECT_TRUE(unanchored.ok);   // what the anchor file is for
    auto v = verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.reason, audit::Break::AnchorMismatch);
    EXPECT_EQ(v.first_broken_seq, 4);
}

TEST_F(Fixture, AuditChainPassedOffAsOlderThanKeyingIsCaughtByTheKeyFileAndTheAnchors)
{
    use_anchor_file();
    for (int i = 0; i < 4; ++i)
        record("person.update");
    anchor();
    // Forge entry 2, then claim the whole chain predates keying and re-chain it with plain hashes.
    exec("UPDATE audit_log SET after_json = '{\"a\":99}' WHERE institution_id = 7 AND seq = 2");
    exec("UPDATE audit_log SET mac_key_id = NULL WHERE institution_id = 7");
    exec("UPDATE audit_heads SET keyed_from = 5 WHERE institution_id = 7");
    rechain_from(1, std::nullopt);
    auto v = db->read([](db::Tx& tx) { return audit::verify(tx, 7, {}); });
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.reason, audit::Break::HeadMismatch);   // the key file says this chain is keyed from entry 1
    EXPECT_EQ(v.first_broken_seq, 1);
    // The anchor says so too, with a key file that would believe it.
    auto ring = keys::KeyRing::generate();
    ring.set_keyed_from({ { 7, 5 } });
    keys::install(ring);
    EXPECT_EQ(verify().reason, audit::Break::AnchorMismatch);
}

TEST_F(Fixture, AuditChainWithoutItsHeadIsBrokenNeverSkipped)
{
    for (int i = 0; i < 3; ++i)
        record("person.update");
    exec("DELETE FROM audit_heads WHERE institution_id = 7");
    auto v = verify();
    EXPECT_FALSE(v.ok);
    EXPECT_EQ(v.reason, audit::Break::HeadMissing);
    EXPECT_EQ(v.first_broken_seq, 4);
    // Recording does not start a new chain over the old one.
    EXPECT_THROW(record("person.update"), std::runtime_error);
}

TEST_F(Fixture, AuditChainFromBeforeKeyingKeepsVerifyingAndItsEntriesStayChecked)
{
    // A chain written before migration 240: plain hashes, then keyed_from set past its head.
    (void)db->write([&](db::Tx& tx) -> Status {
        std::string prev(32, '\0');
        for (int64_t seq = 1; seq <= 3; ++seq) {
            audit::Entry e { 7, { 1, "admin" }, "person.update", "person", 42 };
            std::string h = audit::entry_hash(prev, seq, 1000 + seq, e, "", "");
            tx.exec("INSERT INTO audit_log (institution_id, seq, at, actor_user_id, actor_login, action, entity, entity_id, prev_hash, hash) "
                    "VALUES (7, ?, ?, 1, 'admin', 'person.update', 'person', 42, ?, ?)", { seq, 1000 + seq, db::Blob { prev }, db::Blob { h } });
            prev = h;
        }
        tx.exec("UPDATE audit_heads SET seq = 3, hash = ?, keyed_from = 4 WHERE institution_id = 7", { db::Blob { prev } });
        return Ok {};
    });
    // The key file made for this database records that the chain is keyed from entry 4.
    auto ring = keys::KeyRing::generate();
    ring.set_keyed_from({ { 7, 4 } });
    EXPECT_EQ(keys::KeyRing::parse(ring.serialize())->keyed_from(7), 4);
    EXPECT_EQ(ring.keyed_from(8), 1);
    keys::install(ring);
    record("person.update");
    record("person.update");
    auto v = verify();
    EXPECT_TRUE(v.ok) << audit::break_name(v.reason);
    EXPECT_EQ(v.checked, 5);
    EXPECT_EQ(v.keyed_from, 4);
    exec("UPDATE audit_log SET actor_login = 'someone' WHERE institution_id = 7 AND seq = 2");
    EXPECT_EQ(verify().first_broken_seq, 2);
}

TEST_F(Fixture, AuditEntriesOfAnOldMacKeyVerifyAfterRotation)
{
    auto ring = keys::KeyRing::generate();
    keys::install(ring);
    record("person.update");
    ring.rotate();
    keys::install(ring);
    record("person.update");
    auto ids = db->read([](db::Tx& tx) { return tx.query("SELECT mac_key_id FROM audit_log WHERE institution_id = 7 ORDER BY seq"); });
    EXPECT_EQ(ids[0].i64(0), 1);
    EXPECT_EQ(ids[1].i64(0), 2);
    EXPECT_TRUE(verify().ok);
    // Without the old key, its entries cannot be checked: reported, not passed.
    keys::install(keys::KeyRing::generate());
    auto v = verify();
    EXPECT_EQ(v.reason, audit::Break::EntryAltered);   // key 1 of another ring
}

TEST_F(Fixture, AnchorsAreSignedLinesAndAReplacedKeyOrDamagedFileShows)
{
    use_anchor_file();
    record("person.update");
    auto a = anchor();
    EXPECT_TRUE(anchors::signature_valid(a));
    auto line = anchors::to_line(a);
    auto back = anchors::parse_line(line);
    ASSERT_TRUE(back);
    EXPECT_EQ(anchors::to_line(*back), line);
    EXPECT_FALSE(anchors::parse_line("{\"seq\":1}"));
    EXPECT_EQ(anchors::latest(7)->seq, 1);
    // The head did not move: the job writes nothing; it did: a new anchor.
    EXPECT_EQ(anchors::checkpoint_all(*db, clock), 0);
    record("person.update");
    EXPECT_EQ(anchors::checkpoint_all(*db, clock), 1);
    EXPECT_EQ(anchors::latest(7)->seq, 2);
    auto tampered = a;
    tampered.seq = 2;
    EXPECT_FALSE(anchors::signature_valid(tampered));
    // A signing key replaced in the database no longer matches the anchors.
    exec("UPDATE institution_keys SET public_key = X'00000000000000000000000000000000000000000000000000000000000000AA' WHERE institution_id = 7");
    EXPECT_EQ(verify().reason, audit::Break::AnchorSignature);
    std::ofstream(dir / "anchors.log", std::ios::app) << "not an anchor\n";
    EXPECT_EQ(anchors::read_file(dir / "anchors.log").unreadable_lines, 1);
}

TEST_F(Fixture, SigningKeysAreStoredWrappedAndPlainOnesAreWrappedInPlace)
{
    auto sig = db->write([](db::Tx& tx) -> Result<signing::Signature> { return signing::sign(tx, 7, "x"); });
    auto row = db->read([](db::Tx& tx) { return *tx.query_one("SELECT secret_key, wrap_key_id FROM institution_keys WHERE institution_id = 7"); });
    EXPECT_FALSE(row.is_null(1));
    EXPECT_EQ(row.blob(0).size(), 24u + 16u + 64u);   // nonce, MAC, the sealed Ed25519 secret key
    EXPECT_EQ(row.blob(0).find(sig->public_key), std::string::npos);   // an Ed25519 secret key ends with its public key
    // A plain key from before migration 240.
    std::string plain = *keys::unwrap(*keys::find(keys::Purpose::Wrap, int(row.i64(1))), 7, row.blob(0));
    (void)db->write([&](db::Tx& tx) -> Status { tx.exec("UPDATE institution_keys SET secret_key = ?, wrap_key_id = NULL WHERE institution_id = 7", { db::Blob { plain } }); return Ok {}; });
    EXPECT_EQ(signing::wrap_plain_keys(*db), 1);
    EXPECT_EQ(signing::wrap_plain_keys(*db), 0);
    auto again = db->write([](db::Tx& tx) -> Result<signing::Signature> { return signing::sign(tx, 7, "y"); });
    EXPECT_EQ(again->public_key, sig->public_key);
    EXPECT_TRUE(signing::verify(again->public_key, "y", again->signature));
    // Rewrapped with a new key after rotation; another installation's keys cannot unwrap it.
    auto ring = keys::KeyRing::generate();
    keys::install(ring);
    EXPECT_THROW((void)db->write([](db::Tx& tx) -> Result<signing::Signature> { return signing::sign(tx, 7, "z"); }), std::runtime_error);
}

TEST(VerificationCode, NamesItsInstitutionOnlyUnderItsOwnTag)
{
    crypto::init();
    auto code = signing::verification_code(1042, 'y');
    EXPECT_EQ(code.size(), 4u + 1 + 24);
    EXPECT_EQ(signing::institution_of_code(code, 'y'), 1042);
    EXPECT_FALSE(signing::institution_of_code(code, 'z'));        // another kind of document
    EXPECT_FALSE(signing::institution_of_code("y0123", 'y'));     // no institution
    EXPECT_FALSE(signing::institution_of_code("+12y0123", 'y'));  // not digits
    EXPECT_FALSE(signing::institution_of_code("1234567890123456789y01", 'y'));   // longer than an id
    EXPECT_FALSE(signing::institution_of_code(std::string(70, '1') + "y", 'y'));
}
