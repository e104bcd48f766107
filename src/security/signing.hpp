#pragma once
// The institution's Ed25519 key: it signs the hash of every final official document (protocols,
// results) and the audit anchors, so a printed copy can be checked against the verification page.
// The secret key is stored wrapped (crypto_secretbox) with a wrapping key from the key file outside
// the database (keys.hpp): a copy of the database alone cannot sign.
#include "storage/database.hpp"
#include <optional>
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

// The code printed with a signed document and in its QR link: "<institution><tag><24 hex>". The
// public lookup stays keyed by tenant; the tag tells the kind of document (z a session's protocol,
// e an election's results, y a discipline order), and no hyphen is in it for a PDF line break to
// swallow when the link is copied.
std::string verification_code(int64_t institution_id, char tag);
// The institution of a code with this tag; none for anything that is not one (the caller: 404).
std::optional<int64_t> institution_of_code(std::string_view code, char tag);

// Wraps the signing keys still stored in plain form (databases from before migration 240) in place,
// with the current wrapping key; returns how many. Run at start-up.
int wrap_plain_keys(db::Database&);
// Rewraps every signing key with the current wrapping key (after `kenes keys rotate`); returns how
// many. Throws when one cannot be unwrapped with the key file.
int rewrap_all(db::Tx&);

}
