#pragma once
#include <string>
#include <string_view>

namespace kenes::crypto {

// Must run once before any other call (libsodium initialisation).
void init();

// Argon2id (libsodium crypto_pwhash_str, interactive limits): the encoded string carries its salt
// and parameters, so limits can be raised later without breaking stored hashes.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view encoded, std::string_view password);
// Whether `encoded` is a password hash at all (an account awaiting activation stores a marker
// that no password verifies against, and checking it costs nothing: sign-in must not show that).
bool is_password_hash(std::string_view encoded);

// 32 random bytes as URL-safe base64 without padding (43 characters).
std::string random_token();
// BLAKE2b-256 of a token: what the database stores, so a leaked table holds no usable token.
std::string token_hash(std::string_view token);
// BLAKE2b-256 of arbitrary bytes, as lowercase hex.
std::string hash_hex(std::string_view bytes);
std::string to_hex(std::string_view bytes);

bool constant_time_equal(std::string_view a, std::string_view b);

}
