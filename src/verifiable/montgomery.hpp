#pragma once
#include "verifiable/num.hpp"
#include <cstddef>
#include <vector>

namespace kenes::verifiable {

// Multiplication modulo one fixed odd modulus in Montgomery form (x is held as xR mod m with
// R = 2^(64*limbs)), on GMP's public mpn layer. A product then costs one multiplication and one
// word-by-word reduction instead of mpz_mul followed by a division, which profiling showed took
// 44% of a ballot's verification. Elements are plain limb arrays of size() limbs, so tables stay
// contiguous. Variable time: only for public values (verification), like the users below.
class Montgomery {
public:
    static constexpr std::size_t max_limbs = 64; // moduli up to 4096 bits

    explicit Montgomery(const Num& modulus);
    std::size_t size() const { return m_n; }
    const Num& modulus() const { return m_modulus; }

    // x (any non-negative number) into Montgomery form, written to out[0..size()).
    void to(mp_limb_t* out, const Num& x) const;
    // Back to an ordinary number in [0, m).
    Num from(const mp_limb_t* a) const;
    // The Montgomery form of 1.
    const mp_limb_t* one() const { return m_one.data(); }

    // r = a * b; r may alias a or b.
    void mul(mp_limb_t* r, const mp_limb_t* a, const mp_limb_t* b) const;
    // r = a * a; r may alias a.
    void sqr(mp_limb_t* r, const mp_limb_t* a) const;

private:
    // r = t / R mod m for t < m*R held in 2*size() limbs (t is overwritten).
    void redc(mp_limb_t* r, mp_limb_t* t) const;

    std::size_t m_n = 0;
    Num m_modulus;
    std::vector<mp_limb_t> m_mod;
    mp_limb_t m_minv = 0; // -m^-1 mod 2^64
    std::vector<mp_limb_t> m_one; // R mod m
    std::vector<mp_limb_t> m_r2; // R^2 mod m
};

}
