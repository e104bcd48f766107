#include "verifiable/proof.hpp"
#include "verifiable/json_strict.hpp"

namespace kenes::verifiable {

namespace json = boost::json;

json::object to_json(const Proof& p)
{
    json::object o;
    o["challenge"] = p.challenge.str();
    o["response"] = p.response.str();
    return o;
}

json::object to_json(const Ciphertext& c)
{
    json::object o;
    o["alpha"] = c.alpha.str();
    o["beta"] = c.beta.str();
    return o;
}

std::optional<Proof> parse_proof(const json::value& v)
{
    const auto* o = strict::object(v, { "challenge", "response" });
    if (!o)
        return std::nullopt;
    auto c = strict::number(o->if_contains("challenge"));
    auto r = strict::number(o->if_contains("response"));
    const auto& q = belenios_2048().q;
    if (!c || !r || !(*c < q) || !(*r < q))
        return std::nullopt;
    return Proof { std::move(*c), std::move(*r) };
}

std::optional<Ciphertext> parse_ciphertext(const json::value& v)
{
    const auto* o = strict::object(v, { "alpha", "beta" });
    if (!o)
        return std::nullopt;
    auto a = strict::number(o->if_contains("alpha"));
    auto b = strict::number(o->if_contains("beta"));
    if (!a || !b)
        return std::nullopt;
    return Ciphertext { std::move(*a), std::move(*b) };
}

ElectionContext::ElectionContext(Election e)
    : ElectionContext(e, serialize(e))
{
}

ElectionContext::ElectionContext(Election e, std::string serialized_text)
    : election(std::move(e))
    , serialized(std::move(serialized_text))
    , fingerprint(verifiable::fingerprint(serialized))
    , y_table(election.public_key, *belenios_2048().mont)
{
}

Proof prove_pok(const Num& x, const Num& X)
{
    const auto& G = belenios_2048();
    Num w = G.random_zq();
    Num A = G.g_pow_sec(w);
    Num c = G.hash_to_zq("pok|" + G.name + "|" + X.str() + "|" + A.str());
    return { c, sub_mod(w, mul_mod(x, c, G.q), G.q) };
}

bool verify_pok(const Num& X, const Proof& pok)
{
    const auto& G = belenios_2048();
    if (!G.is_member(X))
        return false;
    Num A = G.mul(G.g_pow(pok.response), G.pow(X, pok.challenge));
    return G.hash_to_zq("pok|" + G.name + "|" + X.str() + "|" + A.str()) == pok.challenge;
}

Proof sign_message(const Num& sk, std::string_view message)
{
    const auto& G = belenios_2048();
    Num w = G.random_zq();
    Num A = G.g_pow_sec(w);
    Num c = G.hash_to_zq("sigmsg|" + std::string(message) + "|" + A.str());
    return { c, sub_mod(w, mul_mod(sk, c, G.q), G.q) };
}

bool verify_message(const Num& vk, std::string_view message, const Proof& s)
{
    const auto& G = belenios_2048();
    if (!G.is_member(vk))
        return false;
    Num A = G.mul(G.g_pow(s.response), G.pow(vk, s.challenge));
    // The signature challenge is the full SHA-256 (spec 4.6.1 has no "mod q"); both are < 2^256
    // and q is 256 bits, so compare after reduction as belenios-tool's output satisfies.
    return G.hash_to_zq("sigmsg|" + std::string(message) + "|" + A.str()) == s.challenge;
}

}
