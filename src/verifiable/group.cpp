#include "verifiable/group.hpp"
#include <sodium.h>
#include <algorithm>
#include <stdexcept>

namespace kenes::verifiable {

#include "verifiable/group_params.inc"

FixedBase::FixedBase(const Num& base, const Montgomery& mont, unsigned bits)
    : m_base(base)
    , m_mont(mont)
{
    const std::size_t n = mont.size();
    m_windows = (bits + 7) / 8;
    m_table.resize(std::size_t(m_windows) * 256 * n);
    std::vector<mp_limb_t> b(n); // base^(2^(8i))
    mont.to(b.data(), base);
    for (unsigned i = 0; i < m_windows; ++i) {
        mp_limb_t* row = &m_table[std::size_t(i) * 256 * n];
        std::copy_n(mont.one(), n, row);
        for (unsigned d = 1; d < 256; ++d)
            mont.mul(row + d * n, row + (d - 1) * n, b.data());
        mont.mul(b.data(), row + 255 * n, b.data());
    }
}

Num FixedBase::pow(const Num& exp) const
{
    std::size_t bytes = (mpz_sizeinbase(exp.get(), 2) + 7) / 8;
    if (m_table.empty() || bytes > m_windows)
        return powm(m_base, exp, m_mont->modulus());
    unsigned char buf[64] = {};
    std::size_t count = 0;
    // Little-endian bytes: byte i selects row i.
    mpz_export(buf, &count, -1, 1, 0, 0, exp.get());
    const std::size_t n = m_mont->size();
    mp_limb_t acc[Montgomery::max_limbs];
    std::copy_n(m_mont->one(), n, acc);
    for (std::size_t i = 0; i < count; ++i)
        if (buf[i] != 0)
            m_mont->mul(acc, acc, &m_table[(i * 256 + buf[i]) * n]);
    return m_mont->from(acc);
}

std::vector<Num> pow_many(const Num& base, const std::vector<const Num*>& exps, const Montgomery& mont)
{
    constexpr unsigned w = 4, digits = 1u << w;
    if (exps.size() == 1) // nothing to share: GMP's own (Montgomery) exponentiation is faster
        return { powm(base, *exps[0], mont.modulus()) };
    const std::size_t n = mont.size();
    std::size_t bits = 1;
    for (const auto* e : exps)
        bits = std::max(bits, mpz_sizeinbase(e->get(), 2));
    std::size_t windows = (bits + w - 1) / w;
    // x[i] = base^(2^(w*i)), Montgomery form, n limbs each.
    std::vector<mp_limb_t> x(windows * n);
    mont.to(x.data(), base);
    for (std::size_t i = 1; i < windows; ++i) {
        mont.sqr(&x[i * n], &x[(i - 1) * n]);
        for (unsigned k = 1; k < w; ++k)
            mont.sqr(&x[i * n], &x[i * n]);
    }
    // acc = v on first use, acc *= v after.
    auto mul_into = [&](mp_limb_t* acc, bool& set, const mp_limb_t* v) {
        if (set)
            mont.mul(acc, acc, v);
        else
            std::copy_n(v, n, acc);
        set = true;
    };
    std::vector<Num> out;
    out.reserve(exps.size());
    std::vector<mp_limb_t> bucket(digits * n);
    mp_limb_t run[Montgomery::max_limbs], acc[Montgomery::max_limbs];
    for (const auto* e : exps) {
        bool used[digits] = {};
        for (std::size_t i = 0; i < windows; ++i) {
            unsigned d = 0;
            for (unsigned k = 0; k < w; ++k)
                d |= unsigned(mpz_tstbit(e->get(), i * w + k)) << k;
            if (d)
                mul_into(&bucket[d * n], used[d], &x[i * n]);
        }
        // prod_d bucket[d]^d as running products from the top digit down.
        bool run_set = false, acc_set = false;
        for (unsigned d = digits - 1; d >= 1; --d) {
            if (used[d])
                mul_into(run, run_set, &bucket[d * n]);
            if (run_set)
                mul_into(acc, acc_set, run);
        }
        out.push_back(acc_set ? mont.from(acc) : Num(1));
    }
    return out;
}

bool Group::is_member(const Num& x) const
{
    if (mpz_sgn(x.get()) <= 0 || mpz_cmp(x.get(), p.get()) >= 0)
        return false;
    Num r;
    mpz_powm(r.get(), x.get(), q.get(), p.get());
    return mpz_cmp_ui(r.get(), 1) == 0;
}

Num Group::random_zq() const
{
    unsigned char buf[32];
    for (;;) {
        randombytes_buf(buf, sizeof buf);
        Num n = Num::from_bytes(buf, sizeof buf);
        // q is 256 bits long: at most about half the draws are rejected, and the result is
        // uniform (a modular reduction would bias it).
        if (n < q)
            return n;
    }
}

Num Group::hash_to_zq(std::string_view text) const
{
    auto d = sha256(text);
    Num n = Num::from_bytes(d.data(), d.size());
    mpz_mod(n.get(), n.get(), q.get());
    return n;
}

static Group make_group()
{
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium failed to initialise");
    Group gr;
    gr.p = *Num::parse(k_p);
    gr.q = *Num::parse(k_q);
    gr.g = *Num::parse(k_g);
    gr.name = "BELENIOS-2048";
    Num r;
    mpz_powm(r.get(), gr.g.get(), gr.q.get(), gr.p.get());
    Num pm1 = gr.p;
    mpz_sub_ui(pm1.get(), pm1.get(), 1);
    if (mpz_cmp_ui(r.get(), 1) != 0 || !mpz_divisible_p(pm1.get(), gr.q.get()))
        throw std::runtime_error("BELENIOS-2048 parameters are corrupt");
    gr.mont.emplace(gr.p);
    gr.g_table = FixedBase(gr.g, *gr.mont);
    return gr;
}

const Group& belenios_2048()
{
    static const Group group = make_group();
    return group;
}

std::array<unsigned char, 32> sha256(std::string_view bytes)
{
    std::array<unsigned char, 32> out;
    crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return out;
}

std::string sha256_hex(std::string_view bytes)
{
    auto d = sha256(bytes);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, d.data(), d.size());
    return std::string(hex, 64);
}

std::string base64_unpadded(const unsigned char* data, std::size_t size)
{
    std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

std::string sha256_b64(std::string_view bytes)
{
    auto d = sha256(bytes);
    return base64_unpadded(d.data(), d.size());
}

}
