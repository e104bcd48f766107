#pragma once
// The institution's Ed25519 key: it signs the hash of every final official document (protocols,
// results), so a printed copy can be checked against the verification page.
#include "storage/database.hpp"
#include <string>

namespace kenes::signing {

struct Signature {
    std::string public_key;   // 32 bytes
    std::string signature;    // 64 bytes
};

// Signs with the institution's key, creating the key on first use (in the caller's transaction).
Signature sign(db::Tx&, int64_t institution_id, std::string_view message);
bool verify(std::string_view public_key, std::string_view message, std::string_view signature);
std::string sha256(std::string_view bytes);

}
