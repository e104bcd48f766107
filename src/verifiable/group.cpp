#include "verifiable/group.hpp"
#include <sodium.h>
#include <stdexcept>

namespace kenes::verifiable {

#include "verifiable/group_params.inc"

FixedBase::FixedBase(const Num& base, const Num& modulus, unsigned bits)
    : m_base(base)
    , m_mod(modulus)
{
    m_windows = (bits + 7) / 8;
    m_table.resize(std::size_t(m_windows) * 256);
    Num b = base; // base^(2^(8i))
    for (unsigned i = 0; i < m_windows; ++i) {
        Num* row = &m_table[std::size_t(i) * 256];
        row[0] = Num(1);
        for (unsigned d = 1; d < 256; ++d)
            row[d] = mul_mod(row[d - 1], b, modulus);
        b = mul_mod(row[255], b, modulus);
    }
}

Num FixedBase::pow(const Num& exp) const
{
    std::size_t bytes = (mpz_sizeinbase(exp.get(), 2) + 7) / 8;
    if (m_table.empty() || bytes > m_windows)
        return powm(m_base, exp, m_mod);
    unsigned char buf[64] = {};
    std::size_t count = 0;
    // Little-endian bytes: byte i selects row i.
    mpz_export(buf, &count, -1, 1, 0, 0, exp.get());
    Num r(1);
    Num t;
    for (std::size_t i = 0; i < count; ++i) {
        if (buf[i] == 0)
            continue;
        mpz_mul(t.get(), r.get(), m_table[i * 256 + buf[i]].get());
        mpz_mod(r.get(), t.get(), m_mod.get());
    }
    return r;
}

std::vector<Num> pow_many(const Num& base, const std::vector<const Num*>& exps, const Num& m)
{
    constexpr unsigned w = 4, digits = 1u << w;
    if (exps.size() == 1) // nothing to share: GMP's own (Montgomery) exponentiation is faster
        return { powm(base, *exps[0], m) };
    std::size_t bits = 1;
    for (const auto* e : exps)
        bits = std::max(bits, mpz_sizeinbase(e->get(), 2));
    std::size_t windows = (bits + w - 1) / w;
    // x[i] = base^(2^(w*i))
    std::vector<Num> x(windows);
    x[0] = base;
    mpz_mod(x[0].get(), x[0].get(), m.get());
    Num t;
    for (std::size_t i = 1; i < windows; ++i) {
        x[i] = x[i - 1];
        for (unsigned k = 0; k < w; ++k) {
            mpz_mul(t.get(), x[i].get(), x[i].get());
            mpz_mod(x[i].get(), t.get(), m.get());
        }
    }
    auto mul_into = [&](Num& acc, bool& set, const Num& v) {
        if (!set) {
            acc = v;
            set = true;
            return;
        }
        mpz_mul(t.get(), acc.get(), v.get());
        mpz_mod(acc.get(), t.get(), m.get());
    };
    std::vector<Num> out;
    out.reserve(exps.size());
    std::vector<Num> bucket(digits);
    for (const auto* e : exps) {
        bool used[digits] = {};
        for (std::size_t i = 0; i < windows; ++i) {
            unsigned d = 0;
            for (unsigned k = 0; k < w; ++k)
                d |= unsigned(mpz_tstbit(e->get(), i * w + k)) << k;
            if (d)
                mul_into(bucket[d], used[d], x[i]);
        }
        // prod_d bucket[d]^d as running products from the top digit down.
        Num run, acc(1);
        bool run_set = false, acc_set = false;
        for (unsigned d = digits - 1; d >= 1; --d) {
            if (used[d])
                mul_into(run, run_set, bucket[d]);
            if (run_set)
                mul_into(acc, acc_set, run);
        }
        if (!acc_set)
            acc = Num(1);
        out.push_back(std::move(acc));
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
    gr.g_table = FixedBase(gr.g, gr.p);
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
