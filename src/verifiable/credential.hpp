#pragma once
#include "verifiable/group.hpp"
#include <optional>
#include <string>
#include <string_view>

namespace kenes::verifiable {

// Belenios' Base58 alphabet (spec 4.2 footnote): no 0, O, I, l.
inline constexpr std::string_view k_base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

// A fresh election uuid: 14 random Base58 characters, like `belenios-tool setup generate-token`.
std::string generate_uuid();
// Whether text is a uuid Belenios accepts (Base58, at least 14 characters; spec 4.2).
bool is_uuid(std::string_view text);

// A fresh secret credential "XXX-XXX-XXX-XXX-XXX": 14 random Base58 characters and a checksum
// (spec 4.8). These are the one-time voting codes the commission prints.
std::string generate_credential();
// The credential in its canonical dashed form if its 15 characters are Base58 and the checksum
// holds (dashes optional, as the voter may type them or not), else nothing.
std::optional<std::string> normalize_credential(std::string_view text);
// secret(c) = PBKDF2-HMAC-SHA256(c, salt = uuid, 1000 iterations, one block) mod q (spec 4.8),
// c in its dashed form (the form belenios-tool derives from).
Num credential_secret(std::string_view credential, std::string_view uuid);
// public(c) = g^secret(c): the public credential published before voting.
Num public_credential(const Num& secret);

}
