#pragma once
// The audit log: every state change writes an entry in the same transaction as the change.
// Entries are chained per institution: each hash covers the previous hash and the entry, so an
// edited or deleted entry breaks the chain at that point (`kenes audit verify`).
#include "core/clock.hpp"
#include "storage/database.hpp"
#include <boost/json/value.hpp>
#include <optional>
#include <string>

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

// Appends an entry; returns its sequence number.
int64_t record(db::Tx&, const Clock&, const Entry&);

struct Verification {
    bool ok = true;
    int64_t checked = 0;
    std::optional<int64_t> first_broken_seq;
};
Verification verify(db::Tx&, int64_t institution_id);

// The chained hash of one entry (exposed for tests).
std::string entry_hash(std::string_view prev_hash, int64_t seq, int64_t at, const Entry&, std::string_view before_json, std::string_view after_json);

}
