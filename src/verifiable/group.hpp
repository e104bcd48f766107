#pragma once
#include "verifiable/montgomery.hpp"
#include "verifiable/num.hpp"
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kenes::verifiable {

// Fixed-base exponentiation by a comb table: base^(d * 2^(8i)) for every byte value d and byte
// position i of a 256-bit exponent, so base^e costs 32 multiplications instead of ~300 squarings
// and multiplications. Used for g and the election key y, which appear in every proof check.
// Variable time in the exponent: only for public exponents (challenges, responses).
class FixedBase {
public:
    FixedBase() = default;
    FixedBase(const Num& base, const Montgomery& mont, unsigned bits = 256);
    bool empty() const { return m_table.empty(); }
    // Exponents wider than the table fall back to powm.
    Num pow(const Num& exp) const;

private:
    Num m_base;
    std::optional<Montgomery> m_mont;
    unsigned m_windows = 0;
    std::vector<mp_limb_t> m_table; // m_windows * 256 entries of m_mont->size() limbs, Montgomery form
};

// base^e for several public exponents of one base at once (Yao's method, 4-bit windows): the
// ~256 squarings are shared, each exponent then costs ~94 multiplications instead of ~300 steps.
// A ballot's verifier raises each alpha and beta to q (membership) and to two or more challenges.
std::vector<Num> pow_many(const Num& base, const std::vector<const Num*>& exps, const Montgomery& mont);

// The prime-order subgroup of Z_p* that Belenios calls BELENIOS-2048 (spec 5.1).
struct Group {
    Num p, q, g;
    std::optional<Montgomery> mont; // modulo p
    std::string name; // "BELENIOS-2048", written in elections and hashed in proofs (spec 4.5)
    FixedBase g_table;

    // Membership in the order-q subgroup: 0 < x < p and x^q = 1 (mod p). Every group element
    // received from outside (ciphertexts, credentials, keys, commitments) must pass this.
    bool is_member(const Num& x) const;
    // Uniform in Zq (rejection sampling of 256-bit strings from libsodium).
    Num random_zq() const;
    // g^e for a public e; g^e for a secret e.
    Num g_pow(const Num& e) const { return g_table.pow(e); }
    Num g_pow_sec(const Num& e) const { return powm_sec(g, e, p); }
    Num mul(const Num& a, const Num& b) const { return mul_mod(a, b, p); }
    Num pow(const Num& a, const Num& e) const { return powm(a, e, p); }
    Num inv(const Num& a) const { return inv_mod(a, p); }
    // SHA-256 of the text, read as a big-endian number, reduced mod q: the challenge of every
    // Belenios proof (spec 4.5, 4.12-4.14, 4.18).
    Num hash_to_zq(std::string_view text) const;
};

const Group& belenios_2048();

// SHA-256 digest helpers: hex (archive file names, spec 4.4) and unpadded base64 (election
// fingerprint, ballot hashes and trackers, spec 4.15 -- belenios-tool drops the padding).
std::array<unsigned char, 32> sha256(std::string_view bytes);
std::string sha256_hex(std::string_view bytes);
std::string sha256_b64(std::string_view bytes);
std::string base64_unpadded(const unsigned char* data, std::size_t size);

}
