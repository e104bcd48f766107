#pragma once
// The secrets that live outside the database, in one key file (default data/keys/kenes.keys, mode
// 0600 in a 0700 directory):
//   - MAC keys: each audit entry's hash is a keyed BLAKE2b over the entry, so someone holding only
//     the database cannot re-chain the log after a forged entry;
//   - wrapping keys: the institutions' Ed25519 signing keys are stored sealed with one
//     (crypto_secretbox), so a copy of the database alone cannot sign protocols.
// Each purpose keeps every key it ever had, numbered; the highest number is the current one.
// Rotation adds a key: old audit entries keep verifying with their key, signing keys are rewrapped.
#include "storage/database.hpp"
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace kenes::keys {

enum class Purpose { Mac, Wrap };
const char* purpose_name(Purpose);

struct Key {
    int id = 0;
    std::string secret;   // 32 bytes
};

class KeyRing {
public:
    // A ring with one fresh random key of each purpose.
    static KeyRing generate();
    // The key file's text; nullopt when it is not a key file (wrong format, bad lengths, duplicates).
    static std::optional<KeyRing> parse(std::string_view text);
    std::string serialize() const;

    const Key& current(Purpose) const;
    const Key* find(Purpose, int id) const;
    const std::vector<Key>& all(Purpose p) const { return p == Purpose::Mac ? m_mac : m_wrap; }
    // Adds a new random key of each purpose, which becomes current; old keys stay.
    void rotate();

    // The first keyed entry of the chains that existed before the key file (their earlier entries
    // carry plain hashes); recorded when the file is created. Every other chain is keyed from its
    // first entry. Kept here, outside the database, so a chain cannot be passed off as older.
    int64_t keyed_from(int64_t institution_id) const;
    void set_keyed_from(std::map<int64_t, int64_t>);

private:
    std::vector<Key> m_mac;
    std::vector<Key> m_wrap;
    std::map<int64_t, int64_t> m_keyed_from;
};

// A failure that must stop the program with its message (missing or mismatched key file).
struct KeyFileError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Reads the key file (KeyFileError when unreadable or malformed).
KeyRing load(const std::filesystem::path&);
// Writes the key file atomically (temporary file with mode 0600, then rename); creates the
// directory with mode 0700 when missing.
void save(const std::filesystem::path&, const KeyRing&);
// Creates the key file unless it exists (never replaces one: two processes starting together end up
// with the same keys). Returns true when this call created it.
bool create_if_missing(const std::filesystem::path&, const KeyRing&);

// Opens the key file for a database: loads it, or creates it when the database holds nothing keyed
// yet; refuses (KeyFileError, with what to do) when the database expects keys the file lacks or
// that differ (a check value of every key is kept in the database), and records the check values
// of new keys. Returns the ring; `created` tells whether the file was created now.
KeyRing open_for_database(db::Database&, const std::filesystem::path&, bool* created = nullptr);
// The check value of a key (BLAKE2b keyed with it over a fixed text): reveals nothing of the key.
std::string check_value(const Key&);

// The process's keys, installed once at start-up (the server, every CLI command, the test main).
// Lookups by id re-read the file once when the id is unknown: another process rotated the keys.
void install(KeyRing, std::filesystem::path file = {});
bool installed();
Key current(Purpose);
std::optional<Key> find(Purpose, int id);
int64_t keyed_from(int64_t institution_id);
std::filesystem::path installed_file();

// A subkey for one institution, so an entry or a wrapped key copied to another institution does not
// verify or unwrap there.
std::string derive(const Key&, std::string_view context, int64_t institution_id);

// Seals a secret for one institution: 24-byte random nonce followed by the secretbox.
std::string wrap(const Key&, int64_t institution_id, std::string_view plain);
std::optional<std::string> unwrap(const Key&, int64_t institution_id, std::string_view wrapped);

}
