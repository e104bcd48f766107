#include "security/crypto.hpp"
#include "security/keys.hpp"
#include "security/schema.hpp"
#include "storage/migrations.hpp"
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/stat.h>

using namespace kenes;

namespace {

// Every test process chains and signs with a throwaway key ring, as the server does with its key
// file (audit::record and signing::sign refuse to run without one).
struct TestKeys : ::testing::Environment {
    void SetUp() override
    {
        crypto::init();
        keys::install(keys::KeyRing::generate());
    }
};
[[maybe_unused]] const auto* test_keys = ::testing::AddGlobalTestEnvironment(new TestKeys);

std::filesystem::path temp_dir(const std::string& name)
{
    auto dir = std::filesystem::temp_directory_path() / ("kenes-keys-" + std::to_string(::getpid()) + "-" + name);
    std::filesystem::remove_all(dir);
    return dir;
}

unsigned mode_of(const std::filesystem::path& p)
{
    struct stat st {};
    ::stat(p.c_str(), &st);
    return st.st_mode & 0777;
}

std::unique_ptr<db::Database> security_database(const std::filesystem::path& dir)
{
    std::filesystem::create_directories(dir);
    auto db = db::open_database("sqlite:" + (dir / "t.db").string());
    auto m = db::storage_migrations();
    for (auto& x : security::migrations())
        m.push_back(x);
    db::apply_migrations(*db, m);
    return db;
}

}

TEST(KeyRing, SerializesAndParsesBackAndRotationKeepsOldKeys)
{
    crypto::init();
    auto ring = keys::KeyRing::generate();
    EXPECT_EQ(ring.current(keys::Purpose::Mac).id, 1);
    EXPECT_EQ(ring.current(keys::Purpose::Mac).secret.size(), 32u);
    EXPECT_NE(ring.current(keys::Purpose::Mac).secret, ring.current(keys::Purpose::Wrap).secret);
    auto old_mac = ring.current(keys::Purpose::Mac);
    ring.rotate();
    EXPECT_EQ(ring.current(keys::Purpose::Mac).id, 2);
    EXPECT_EQ(ring.current(keys::Purpose::Wrap).id, 2);
    ASSERT_NE(ring.find(keys::Purpose::Mac, 1), nullptr);
    EXPECT_EQ(ring.find(keys::Purpose::Mac, 1)->secret, old_mac.secret);
    auto back = keys::KeyRing::parse(ring.serialize());
    ASSERT_TRUE(back);
    EXPECT_EQ(back->serialize(), ring.serialize());
    EXPECT_EQ(back->find(keys::Purpose::Wrap, 2)->secret, ring.find(keys::Purpose::Wrap, 2)->secret);
}

TEST(KeyRing, RefusesWhatIsNotAKeyFile)
{
    EXPECT_FALSE(keys::KeyRing::parse(""));
    EXPECT_FALSE(keys::KeyRing::parse("{}"));
    EXPECT_FALSE(keys::KeyRing::parse(R"({"format":"kenes-keys-1","mac":[],"wrap":[]})"));
    // A key of the wrong length, a duplicate id.
    EXPECT_FALSE(keys::KeyRing::parse(R"({"format":"kenes-keys-1","mac":[{"id":1,"key":"AAAA"}],"wrap":[{"id":1,"key":"AAAA"}]})"));
    std::string k = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    EXPECT_TRUE(keys::KeyRing::parse(R"({"format":"kenes-keys-1","mac":[{"id":1,"key":")" + k + R"("}],"wrap":[{"id":1,"key":")" + k + R"("}]})"));
    EXPECT_FALSE(keys::KeyRing::parse(R"({"format":"kenes-keys-1","mac":[{"id":1,"key":")" + k + R"("},{"id":1,"key":")" + k
        + R"("}],"wrap":[{"id":1,"key":")" + k + R"("}]})"));
}

TEST(KeyRing, WrapsPerInstitutionWithAFreshNonce)
{
    crypto::init();
    auto ring = keys::KeyRing::generate();
    auto key = ring.current(keys::Purpose::Wrap);
    std::string secret(64, 's');
    auto a = keys::wrap(key, 7, secret);
    auto b = keys::wrap(key, 7, secret);
    EXPECT_NE(a, b);   // random nonce per wrap
    EXPECT_EQ(keys::unwrap(key, 7, a), secret);
    EXPECT_FALSE(keys::unwrap(key, 8, a));   // copied to another institution
    EXPECT_FALSE(keys::unwrap(ring.current(keys::Purpose::Mac), 7, a));   // another key
    a[30] ^= 1;
    EXPECT_FALSE(keys::unwrap(key, 7, a));   // altered
    EXPECT_FALSE(keys::unwrap(key, 7, "short"));
}

TEST(KeyFile, CreatedOwnerOnlyInAPrivateDirectoryAndNeverReplaced)
{
    crypto::init();
    auto dir = temp_dir("create");
    auto file = dir / "keys" / "kenes.keys";
    auto first = keys::KeyRing::generate();
    EXPECT_TRUE(keys::create_if_missing(file, first));
    EXPECT_EQ(mode_of(file), 0600u);
    EXPECT_EQ(mode_of(file.parent_path()), 0700u);
    EXPECT_FALSE(keys::create_if_missing(file, keys::KeyRing::generate()));
    EXPECT_EQ(keys::load(file).serialize(), first.serialize());
    auto rotated = first;
    rotated.rotate();
    keys::save(file, rotated);
    EXPECT_EQ(mode_of(file), 0600u);
    EXPECT_EQ(keys::load(file).current(keys::Purpose::Mac).id, 2);
    std::ofstream(file) << "garbage";
    EXPECT_THROW(keys::load(file), keys::KeyFileError);
    std::filesystem::remove_all(dir);
}

TEST(KeyFile, ADatabaseRefusesAMissingOlderOrForeignKeyFile)
{
    crypto::init();
    auto dir = temp_dir("database");
    auto db = security_database(dir);
    auto file = dir / "keys" / "kenes.keys";
    bool created = false;
    auto ring = keys::open_for_database(*db, file, &created);
    EXPECT_TRUE(created);
    EXPECT_EQ(keys::open_for_database(*db, file, &created).serialize(), ring.serialize());
    EXPECT_FALSE(created);
    // Missing: the database was written with it, so no new one is made.
    auto saved = keys::load(file);
    std::filesystem::remove(file);
    EXPECT_THROW(keys::open_for_database(*db, file), keys::KeyFileError);
    EXPECT_FALSE(std::filesystem::exists(file));
    // Another installation's key file.
    keys::save(file, keys::KeyRing::generate());
    EXPECT_THROW(keys::open_for_database(*db, file), keys::KeyFileError);
    // An older copy, from before a rotation.
    auto rotated = saved;
    rotated.rotate();
    keys::save(file, rotated);
    keys::open_for_database(*db, file);
    keys::save(file, saved);
    EXPECT_THROW(keys::open_for_database(*db, file), keys::KeyFileError);
    // Readable by others.
    keys::save(file, rotated);
    ::chmod(file.c_str(), 0644);
    EXPECT_THROW(keys::open_for_database(*db, file), keys::KeyFileError);
    db->close();
    std::filesystem::remove_all(dir);
}

TEST(KeyFile, DatabaseFilesAreCreatedOwnerOnly)
{
    auto dir = temp_dir("modes");
    auto db = security_database(dir);
    (void)db->write([](db::Tx& tx) -> Status { tx.exec("INSERT INTO institutions (id, name, kind, languages, time_zone, created_at) VALUES (1, 'T', 'school', 'kk', 'Asia/Almaty', 0)"); return Ok {}; });
    EXPECT_EQ(mode_of(dir / "t.db"), 0600u);
    EXPECT_EQ(mode_of(dir / "t.db-wal"), 0600u);
    EXPECT_EQ(mode_of(dir / "t.db-shm"), 0600u);
    db->close();
    std::filesystem::remove_all(dir);
}

TEST(KeyFile, ANewKeyFileRecordsWhereOlderChainsBecomeKeyed)
{
    crypto::init();
    auto dir = temp_dir("older");
    auto db = security_database(dir);
    // A chain of 14 plain entries from before migration 240, which set keyed_from past its head.
    (void)db->write([](db::Tx& tx) -> Status {
        tx.exec("INSERT INTO institutions (id, name, kind, languages, time_zone, created_at) VALUES (5, 'T', 'school', 'kk', 'Asia/Almaty', 0)");
        tx.exec("INSERT INTO audit_heads (institution_id, seq, hash, keyed_from) VALUES (5, 14, X'00', 15)");
        return Ok {};
    });
    auto ring = keys::open_for_database(*db, dir / "keys" / "kenes.keys");
    EXPECT_EQ(ring.keyed_from(5), 15);
    EXPECT_EQ(ring.keyed_from(6), 1);
    EXPECT_EQ(keys::load(dir / "keys" / "kenes.keys").keyed_from(5), 15);
    db->close();
    std::filesystem::remove_all(dir);
}
