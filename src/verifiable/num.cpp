#include "verifiable/num.hpp"
#include <memory>

namespace kenes::verifiable {

std::optional<Num> Num::parse(std::string_view text, std::size_t max_digits)
{
    if (text.empty() || text.size() > max_digits)
        return std::nullopt;
    for (char c : text)
        if (c < '0' || c > '9')
            return std::nullopt;
    if (text.size() > 1 && text[0] == '0')
        return std::nullopt;
    Num n;
    std::string copy(text);
    if (mpz_set_str(n.m_v, copy.c_str(), 10) != 0)
        return std::nullopt;
    return n;
}

Num Num::from_bytes(const unsigned char* data, std::size_t size)
{
    Num n;
    mpz_import(n.m_v, size, 1, 1, 1, 0, data);
    return n;
}

std::string Num::str() const
{
    std::string s(mpz_sizeinbase(m_v, 10) + 2, '\0');
    mpz_get_str(s.data(), 10, m_v);
    s.resize(std::char_traits<char>::length(s.c_str()));
    return s;
}

Num add_mod(const Num& a, const Num& b, const Num& m)
{
    Num r;
    mpz_add(r.get(), a.get(), b.get());
    mpz_mod(r.get(), r.get(), m.get());
    return r;
}

Num sub_mod(const Num& a, const Num& b, const Num& m)
{
    Num r;
    mpz_sub(r.get(), a.get(), b.get());
    mpz_mod(r.get(), r.get(), m.get());
    return r;
}

Num mul_mod(const Num& a, const Num& b, const Num& m)
{
    Num r;
    mpz_mul(r.get(), a.get(), b.get());
    mpz_mod(r.get(), r.get(), m.get());
    return r;
}

Num inv_mod(const Num& a, const Num& m)
{
    Num r;
    if (mpz_invert(r.get(), a.get(), m.get()) == 0)
        mpz_set_ui(r.get(), 0);
    return r;
}

Num powm(const Num& base, const Num& exp, const Num& m)
{
    Num r;
    mpz_powm(r.get(), base.get(), exp.get(), m.get());
    return r;
}

Num powm_sec(const Num& base, const Num& exp, const Num& m)
{
    Num r;
    // mpz_powm_sec requires a positive exponent and an odd modulus (p and q both are).
    if (exp.is_zero()) {
        mpz_set_ui(r.get(), 1);
        mpz_mod(r.get(), r.get(), m.get());
        return r;
    }
    mpz_powm_sec(r.get(), base.get(), exp.get(), m.get());
    return r;
}

}
