#include "verifiable/montgomery.hpp"
#include <cstring>
#include <stdexcept>

namespace kenes::verifiable {

namespace {

// Limbs of x (< 2^(64*n)), least significant first, zero-padded to n.
void export_limbs(mp_limb_t* out, std::size_t n, mpz_srcptr x)
{
    std::size_t used = mpz_size(x);
    std::memcpy(out, mpz_limbs_read(x), used * sizeof(mp_limb_t));
    std::memset(out + used, 0, (n - used) * sizeof(mp_limb_t));
}

}

Montgomery::Montgomery(const Num& modulus)
    : m_n(mpz_size(modulus.get()))
    , m_modulus(modulus)
{
    if (mpz_even_p(modulus.get()) || mpz_cmp_ui(modulus.get(), 1) <= 0 || m_n > max_limbs)
        throw std::invalid_argument("Montgomery: the modulus must be odd, > 1 and at most 4096 bits");
    m_mod.resize(m_n);
    export_limbs(m_mod.data(), m_n, modulus.get());
    // Newton's iteration for m^-1 mod 2^64: each step doubles the correct low bits (m*1 = 1 mod 2).
    mp_limb_t inv = 1;
    for (int i = 0; i < 6; ++i)
        inv *= 2 - m_mod[0] * inv;
    m_minv = -inv;
    Num r;
    mpz_setbit(r.get(), 64 * m_n);
    mpz_mod(r.get(), r.get(), modulus.get());
    m_one.resize(m_n);
    export_limbs(m_one.data(), m_n, r.get());
    mpz_mul(r.get(), r.get(), r.get());
    mpz_mod(r.get(), r.get(), modulus.get());
    m_r2.resize(m_n);
    export_limbs(m_r2.data(), m_n, r.get());
}

void Montgomery::redc(mp_limb_t* r, mp_limb_t* t) const
{
    // Word by word: adding u*m with u = t[i]*(-1/m) clears limb i. Each step's carry belongs at
    // limb i+n; it is parked in the cleared limb i (no later step reads or writes it) and added at
    // the end. Deferring it is exact: later steps take u from limbs below n, which it never reaches.
    for (std::size_t i = 0; i < m_n; ++i) {
        mp_limb_t u = t[i] * m_minv;
        t[i] = mpn_addmul_1(t + i, m_mod.data(), mp_size_t(m_n), u);
    }
    mp_limb_t carry = mpn_add_n(r, t + m_n, t, mp_size_t(m_n));
    // t < m*R gives a result below 2m: one subtraction at most.
    if (carry || mpn_cmp(r, m_mod.data(), mp_size_t(m_n)) >= 0)
        mpn_sub_n(r, r, m_mod.data(), mp_size_t(m_n));
}

void Montgomery::mul(mp_limb_t* r, const mp_limb_t* a, const mp_limb_t* b) const
{
    mp_limb_t t[2 * max_limbs];
    if (a == b)
        mpn_sqr(t, a, mp_size_t(m_n));
    else
        mpn_mul_n(t, a, b, mp_size_t(m_n));
    redc(r, t);
}

void Montgomery::sqr(mp_limb_t* r, const mp_limb_t* a) const
{
    mp_limb_t t[2 * max_limbs];
    mpn_sqr(t, a, mp_size_t(m_n));
    redc(r, t);
}

void Montgomery::to(mp_limb_t* out, const Num& x) const
{
    Num reduced;
    mpz_mod(reduced.get(), x.get(), m_modulus.get());
    mp_limb_t limbs[max_limbs];
    export_limbs(limbs, m_n, reduced.get());
    mul(out, limbs, m_r2.data());
}

Num Montgomery::from(const mp_limb_t* a) const
{
    mp_limb_t t[2 * max_limbs] = {};
    std::memcpy(t, a, m_n * sizeof(mp_limb_t));
    mp_limb_t r[max_limbs];
    redc(r, t);
    Num out;
    mpz_import(out.get(), m_n, -1, sizeof(mp_limb_t), 0, 0, r);
    return out;
}

}
