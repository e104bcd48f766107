#include "verifiable/credential.hpp"
#include <sodium.h>

namespace kenes::verifiable {

namespace {

int digit(char c)
{
    auto pos = k_base58.find(c);
    return pos == std::string_view::npos ? -1 : int(pos);
}

std::string random_base58(std::size_t n)
{
    std::string out;
    while (out.size() < n) {
        // 58 * 4 = 232: rejecting bytes >= 232 keeps the characters uniform.
        unsigned char b = 0;
        randombytes_buf(&b, 1);
        if (b < 232)
            out += k_base58[b % 58];
    }
    return out;
}

// 53 - (first 14 characters as a big-endian base-58 number) mod 53 (spec 4.8).
int checksum(std::string_view digits14)
{
    int r = 0;
    for (char c : digits14)
        r = (r * 58 + digit(c)) % 53;
    return (53 - r) % 53;
}

}

std::string generate_uuid() { return random_base58(14); }

bool is_uuid(std::string_view text)
{
    if (text.size() < 14 || text.size() > 64)
        return false;
    for (char c : text)
        if (digit(c) < 0)
            return false;
    return true;
}

std::string generate_credential()
{
    std::string raw = random_base58(14);
    raw += k_base58[checksum(raw)];
    return *normalize_credential(raw);
}

std::optional<std::string> normalize_credential(std::string_view text)
{
    std::string raw;
    if (text.size() == 19) {
        for (std::size_t i = 0; i < 19; ++i) {
            if (i % 4 == 3) {
                if (text[i] != '-')
                    return std::nullopt;
            } else
                raw += text[i];
        }
    } else if (text.size() == 15)
        raw = text;
    else
        return std::nullopt;
    for (char c : raw)
        if (digit(c) < 0)
            return std::nullopt;
    if (digit(raw[14]) != checksum(std::string_view(raw).substr(0, 14)))
        return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < 15; ++i) {
        if (i > 0 && i % 3 == 0)
            out += '-';
        out += raw[i];
    }
    return out;
}

Num credential_secret(std::string_view credential, std::string_view uuid)
{
    // PBKDF2 (RFC 2898) with a single 32-byte block: T1 = U1 ^ ... ^ U1000,
    // U1 = HMAC(c, salt || INT(1)), Ui = HMAC(c, U(i-1)).
    auto key = reinterpret_cast<const unsigned char*>(credential.data());
    unsigned char u[32], t[32];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key, credential.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(uuid.data()), uuid.size());
    const unsigned char one[4] = { 0, 0, 0, 1 };
    crypto_auth_hmacsha256_update(&st, one, 4);
    crypto_auth_hmacsha256_final(&st, u);
    std::copy(u, u + 32, t);
    for (int i = 1; i < 1000; ++i) {
        crypto_auth_hmacsha256_init(&st, key, credential.size());
        crypto_auth_hmacsha256_update(&st, u, 32);
        crypto_auth_hmacsha256_final(&st, u);
        for (int k = 0; k < 32; ++k)
            t[k] ^= u[k];
    }
    sodium_memzero(u, sizeof u);
    Num s = Num::from_bytes(t, 32);
    sodium_memzero(t, sizeof t);
    const auto& g = belenios_2048();
    mpz_mod(s.get(), s.get(), g.q.get());
    return s;
}

Num public_credential(const Num& secret) { return belenios_2048().g_pow_sec(secret); }

}
