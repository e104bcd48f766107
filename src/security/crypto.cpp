#include "security/crypto.hpp"
#include <sodium.h>
#include <stdexcept>

namespace kenes::crypto {

void init()
{
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium failed to initialise");
}

std::string hash_password(std::string_view password)
{
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

bool verify_password(std::string_view encoded, std::string_view password)
{
    std::string z(encoded);   // needs a NUL-terminated string
    return crypto_pwhash_str_verify(z.c_str(), password.data(), password.size()) == 0;
}

bool is_password_hash(std::string_view encoded) { return encoded.starts_with("$argon2"); }

std::string random_token()
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(out, sizeof out, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

std::string token_hash(std::string_view token)
{
    std::string out(32, '\0');
    crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), out.size(),
        reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
    return out;
}

std::string to_hex(std::string_view bytes)
{
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    out.pop_back();
    return out;
}

std::string hash_hex(std::string_view bytes) { return to_hex(token_hash(bytes)); }

bool constant_time_equal(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}
