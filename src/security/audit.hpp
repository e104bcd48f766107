#pragma once
// The audit log: every state change writes an entry in the same transaction as the change.
// Entries are chained per institution: each hash covers the previous hash and the entry, so an
// edited or deleted entry breaks the chain at that point (`kenes audit verify`). Since migration
// 240 the hash is a MAC (BLAKE2b keyed with a key from the key file, outside the database), so a
// forged entry cannot be hidden by re-chaining what follows; entries written before stay plain
// hashes up to the head's `keyed_from`. Anchors (anchors.hpp) pin heads outside the database, so
// cutting the tail and rewinding the head shows too.
#include "core/clock.hpp"
#include "security/anchors.hpp"
#include "storage/database.hpp"
#include <boost/json/value.hpp>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kenes::audit {

struct Actor {
    std::optional<int64_t> user_id;
    std::string login;          // "system" for the command line and scheduled jobs
};

struct Entry {
    int64_t institution_id;
    Actor actor;
    std::string action;         // e.g. "person.create", "person.read_sensitive"
    std::string entity;         // e.g. "person"
    std::optional<int64_t> entity_id;
    boost::json::value before = nullptr;
    boost::json::value after = nullptr;
};

// Starts the chain of a new institution (call in the transaction that creates it).
void start_chain(db::Tx&, int64_t institution_id);
// A number that changes whenever any data of the institution changes (its chain head).
int64_t data_version(db::Tx&, int64_t institution_id);

// Appends an entry, MACed with the current key of the installed key ring; returns its sequence number.
int64_t record(db::Tx&, const Clock&, const Entry&);

// Why a chain does not verify (the first problem found).
enum class Break {
    None,
    EntryAltered,       // an entry's hash (MAC) or its link to the previous one does not match
    EntryMissing,       // a gap in the sequence numbers
    UnkeyedEntry,       // an entry from keyed_from on carries no MAC
    UnknownKey,         // an entry names a MAC key the key file does not hold
    HeadMissing,        // the institution has no chain head
    HeadMismatch,       // the head is not the last entry (entries cut off the end), or keyed_from is impossible
    AnchorMismatch,     // an anchored head is not in the chain (cut and rewound, or re-chained)
    AnchorSignature,    // an anchor's signature is invalid, or made with another key than the institution's
    AnchorUnreadable,   // the anchor file has lines that are not anchors
};
const char* break_name(Break);

struct Verification {
    bool ok = true;
    int64_t checked = 0;
    std::optional<int64_t> first_broken_seq;
    Break reason = Break::None;
    int64_t keyed_from = 1;
    int64_t anchors_checked = 0;
};

// One stored entry as verify reads it.
struct StoredEntry {
    int64_t seq = 0;
    int64_t at = 0;
    Entry entry;
    std::string before_json;
    std::string after_json;
    std::string prev_hash;
    std::string hash;
    std::optional<int> mac_key_id;
};

struct Head {
    int64_t seq = 0;
    std::string hash;
    int64_t keyed_from = 1;
};

// The MAC key (raw bytes) of an id, or nullopt when unknown.
using MacKeyLookup = std::function<std::optional<std::string>(int key_id)>;

// Checks a chain entry by entry, without I/O, so every kind of tampering is unit-tested.
class ChainChecker {
public:
    // required_keyed_from: what the key file says the chain is keyed from (keys::keyed_from).
    ChainChecker(int64_t institution_id, Head head, int64_t required_keyed_from, MacKeyLookup keys, std::vector<anchors::Anchor> anchors,
        std::optional<std::string> public_key);
    // False once the chain is broken (stop feeding then).
    bool feed(const StoredEntry&);
    Verification finish();

private:
    bool fail(Break, int64_t seq);

    int64_t m_institution_id;
    Head m_head;
    MacKeyLookup m_keys;
    std::vector<anchors::Anchor> m_anchors;   // by seq
    size_t m_next_anchor = 0;
    std::optional<std::string> m_public_key;
    std::map<int, std::string> m_subkeys;   // by MAC key id: derived once per verification
    std::string m_prev;
    int64_t m_expected_seq = 1;
    Verification m_result;
};

// What verify checks against besides the database: the anchors of the installed anchor file (or
// these), and the keys of the installed key ring.
Verification verify(db::Tx&, int64_t institution_id);
Verification verify(db::Tx&, int64_t institution_id, const anchors::FileContents& anchors);

// The plain (unkeyed) chained hash of the entries written before keying (exposed for tests).
std::string entry_hash(std::string_view prev_hash, int64_t seq, int64_t at, const Entry&, std::string_view before_json, std::string_view after_json);
// The institution's subkey of a MAC key (what entry_mac keys BLAKE2b with).
std::string institution_mac_key(std::string_view mac_key, int64_t institution_id);
// The keyed hash of an entry: BLAKE2b-256 with the institution's subkey of a MAC key.
std::string entry_mac_with_subkey(std::string_view subkey, std::string_view prev_hash, int64_t seq, int64_t at, const Entry&, std::string_view before_json,
    std::string_view after_json);
std::string entry_mac(std::string_view mac_key, std::string_view prev_hash, int64_t seq, int64_t at, const Entry&, std::string_view before_json,
    std::string_view after_json);

}
