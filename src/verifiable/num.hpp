#pragma once
#include <gmp.h>
#include <optional>
#include <string>
#include <string_view>

namespace kenes::verifiable {

// A non-negative big integer (GMP mpz_t with value semantics). Belenios writes every number of
// Zq and G in base 10 as a JSON string (spec 4.2); parse() accepts exactly that form and nothing
// else, so a ballot cannot carry the same number in two spellings (the signature covers our own
// re-serialisation, spec 4.15).
class Num {
public:
    Num() { mpz_init(m_v); }
    explicit Num(unsigned long v) { mpz_init_set_ui(m_v, v); }
    Num(const Num& o) { mpz_init_set(m_v, o.m_v); }
    Num(Num&& o) noexcept
    {
        mpz_init(m_v);
        mpz_swap(m_v, o.m_v);
    }
    Num& operator=(const Num& o)
    {
        if (this != &o)
            mpz_set(m_v, o.m_v);
        return *this;
    }
    Num& operator=(Num&& o) noexcept
    {
        mpz_swap(m_v, o.m_v);
        return *this;
    }
    ~Num() { mpz_clear(m_v); }

    // Digits only, no sign, no leading zero (except "0" itself), at most max_digits.
    static std::optional<Num> parse(std::string_view text, std::size_t max_digits = 700);
    // Big-endian unsigned bytes (a SHA-256 digest, a PBKDF2 block).
    static Num from_bytes(const unsigned char* data, std::size_t size);
    std::string str() const;

    mpz_ptr get() { return m_v; }
    mpz_srcptr get() const { return m_v; }
    bool is_zero() const { return mpz_sgn(m_v) == 0; }
    unsigned long to_ulong() const { return mpz_get_ui(m_v); }
    bool fits_ulong() const { return mpz_fits_ulong_p(m_v) != 0; }
    int compare(const Num& o) const { return mpz_cmp(m_v, o.m_v); }
    bool operator==(const Num& o) const { return compare(o) == 0; }
    bool operator<(const Num& o) const { return compare(o) < 0; }

private:
    mpz_t m_v;
};

// Modular arithmetic; results are always in [0, m).
Num add_mod(const Num& a, const Num& b, const Num& m);
Num sub_mod(const Num& a, const Num& b, const Num& m);
Num mul_mod(const Num& a, const Num& b, const Num& m);
Num inv_mod(const Num& a, const Num& m);
// Public exponents (verification): variable time is fine and faster.
Num powm(const Num& base, const Num& exp, const Num& m);
// Secret exponents (private keys, nonces, credentials): GMP's side-channel silent variant.
Num powm_sec(const Num& base, const Num& exp, const Num& m);

}
