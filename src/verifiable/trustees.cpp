#include "verifiable/trustees.hpp"
#include "verifiable/json_strict.hpp"

namespace kenes::verifiable {

namespace json = boost::json;

json::object to_json(const TrusteePublicKey& k)
{
    json::object o;
    o["pok"] = to_json(k.pok);
    o["public_key"] = k.public_key.str();
    return o;
}

json::object to_json(const SignedMsg& m)
{
    json::object o;
    o["message"] = m.message;
    o["signature"] = to_json(m.signature);
    return o;
}

json::object to_json(const ThresholdParameters& t)
{
    json::object o;
    o["threshold"] = t.threshold;
    json::array certs, coefexps, keys;
    for (const auto& c : t.certs)
        certs.emplace_back(to_json(c));
    for (const auto& c : t.coefexps)
        coefexps.emplace_back(to_json(c));
    for (const auto& k : t.verification_keys)
        keys.emplace_back(to_json(k));
    o["certs"] = std::move(certs);
    o["coefexps"] = std::move(coefexps);
    o["verification_keys"] = std::move(keys);
    return o;
}

std::string serialize(const Trustees& t)
{
    json::array a;
    for (const auto& item : t) {
        if (const auto* k = std::get_if<TrusteePublicKey>(&item))
            a.emplace_back(json::array { "Single", to_json(*k) });
        else
            a.emplace_back(json::array { "Pedersen", to_json(std::get<ThresholdParameters>(item)) });
    }
    return json::serialize(a);
}

std::optional<TrusteePublicKey> parse_trustee_public_key(const json::value& v)
{
    const auto* o = strict::object(v, { "pok", "public_key" });
    if (!o)
        return std::nullopt;
    auto pok = parse_proof(o->at("pok"));
    auto key = strict::number(o->if_contains("public_key"));
    if (!pok || !key)
        return std::nullopt;
    return TrusteePublicKey { std::move(*key), std::move(*pok) };
}

static std::optional<SignedMsg> parse_signed(const json::value& v)
{
    const auto* o = strict::object(v, { "message", "signature" });
    if (!o)
        return std::nullopt;
    auto m = strict::string(o->if_contains("message"));
    auto s = parse_proof(o->at("signature"));
    if (!m || !s)
        return std::nullopt;
    return SignedMsg { std::string(*m), std::move(*s) };
}

Result<Trustees> parse_trustees(std::string_view text)
{
    auto bad = [](std::string why) { return Error { ErrorCode::BadJson, {}, {}, {}, {}, 0, "trustees: " + why }; };
    std::error_code ec;
    auto v = json::parse(text, ec);
    if (ec || !v.is_array())
        return bad("not a JSON array");
    Trustees out;
    for (const auto& item : v.as_array()) {
        const auto* pair = item.if_array();
        if (!pair || pair->size() != 2 || !(*pair)[0].is_string())
            return bad("item");
        std::string_view kind = (*pair)[0].get_string();
        if (kind == "Single") {
            auto k = parse_trustee_public_key((*pair)[1]);
            if (!k)
                return bad("Single");
            out.emplace_back(std::move(*k));
        } else if (kind == "Pedersen") {
            const auto* o = strict::object((*pair)[1], { "threshold", "certs", "coefexps", "verification_keys" });
            if (!o)
                return bad("Pedersen fields");
            ThresholdParameters t;
            auto th = strict::small_int(o->if_contains("threshold"));
            const auto* certs = strict::array(o->if_contains("certs"));
            const auto* coefexps = strict::array(o->if_contains("coefexps"));
            const auto* keys = strict::array(o->if_contains("verification_keys"));
            if (!th || !certs || !coefexps || !keys || certs->size() != coefexps->size() || certs->size() != keys->size()
                || *th < 1 || *th > (long long)certs->size())
                return bad("Pedersen values");
            t.threshold = int(*th);
            for (const auto& c : *certs) {
                auto m = parse_signed(c);
                if (!m)
                    return bad("cert");
                t.certs.push_back(std::move(*m));
            }
            for (const auto& c : *coefexps) {
                auto m = parse_signed(c);
                if (!m)
                    return bad("coefexps");
                t.coefexps.push_back(std::move(*m));
            }
            for (const auto& k : *keys) {
                auto pk = parse_trustee_public_key(k);
                if (!pk)
                    return bad("verification key");
                t.verification_keys.push_back(std::move(*pk));
            }
            out.emplace_back(std::move(t));
        } else
            return bad("kind");
    }
    return out;
}

bool verify_trustee_public_key(const TrusteePublicKey& k) { return verify_pok(k.public_key, k.pok); }

std::optional<Num> verify_cert(const SignedMsg& cert)
{
    std::error_code ec;
    auto v = json::parse(cert.message, ec);
    if (ec)
        return std::nullopt;
    const auto* o = strict::object(v, { "verification", "encryption" });
    if (!o)
        return std::nullopt;
    auto vk = strict::number(o->if_contains("verification"));
    auto ek = strict::number(o->if_contains("encryption"));
    if (!vk || !ek || !belenios_2048().is_member(*ek) || !verify_message(*vk, cert.message, cert.signature))
        return std::nullopt;
    return vk;
}

std::optional<std::vector<Num>> verify_coefexps(const SignedMsg& m, const Num& vk, int threshold)
{
    if (!verify_message(vk, m.message, m.signature))
        return std::nullopt;
    std::error_code ec;
    auto v = json::parse(m.message, ec);
    if (ec)
        return std::nullopt;
    const auto* o = strict::object(v, { "coefexps" });
    const auto* a = o ? strict::array(o->if_contains("coefexps")) : nullptr;
    if (!a || a->size() != std::size_t(threshold))
        return std::nullopt;
    std::vector<Num> out;
    for (const auto& x : *a) {
        auto n = strict::number(&x);
        if (!n || !belenios_2048().is_member(*n))
            return std::nullopt;
        out.push_back(std::move(*n));
    }
    return out;
}

bool verify_voutput_key(const TrusteePublicKey& key, int j, const std::vector<std::vector<Num>>& coefexps)
{
    const auto& G = belenios_2048();
    Num expected(1);
    for (const auto& A : coefexps) {
        Num jk(1); // j^k, exact (small)
        for (const auto& Aik : A) {
            expected = G.mul(expected, G.pow(Aik, jk));
            mpz_mul_ui(jk.get(), jk.get(), (unsigned long)j);
        }
    }
    return expected == key.public_key && verify_trustee_public_key(key);
}

bool verify_threshold_parameters(const ThresholdParameters& t)
{
    std::vector<std::vector<Num>> coefexps;
    for (std::size_t i = 0; i < t.certs.size(); ++i) {
        auto vk = verify_cert(t.certs[i]);
        if (!vk)
            return false;
        auto A = verify_coefexps(t.coefexps[i], *vk, t.threshold);
        if (!A)
            return false;
        coefexps.push_back(std::move(*A));
    }
    for (std::size_t j = 0; j < t.verification_keys.size(); ++j)
        if (!verify_voutput_key(t.verification_keys[j], int(j + 1), coefexps))
            return false;
    return true;
}

bool verify_trustees(const Trustees& t)
{
    for (const auto& item : t) {
        if (const auto* k = std::get_if<TrusteePublicKey>(&item)) {
            if (!verify_trustee_public_key(*k))
                return false;
        } else if (!verify_threshold_parameters(std::get<ThresholdParameters>(item)))
            return false;
    }
    return !t.empty();
}

// The A_i0 of a coefexps message; the caller verified it (or builds the key from trusted data).
static Num constant_term(const SignedMsg& m)
{
    auto v = json::parse(m.message);
    return *Num::parse(v.at("coefexps").as_array().at(0).as_string());
}

Num election_public_key(const Trustees& t)
{
    const auto& G = belenios_2048();
    Num y(1);
    for (const auto& item : t) {
        if (const auto* k = std::get_if<TrusteePublicKey>(&item))
            y = G.mul(y, k->public_key);
        else
            for (const auto& c : std::get<ThresholdParameters>(item).coefexps)
                y = G.mul(y, constant_term(c));
    }
    return y;
}

SingleTrusteeSecret generate_single_trustee()
{
    const auto& G = belenios_2048();
    Num x = G.random_zq();
    Num X = G.g_pow_sec(x);
    Proof pok = prove_pok(x, X);
    return { x, { X, pok } };
}

PedersenSecret generate_pedersen_trustees(int n, int threshold)
{
    const auto& G = belenios_2048();
    PedersenSecret out;
    out.parameters.threshold = threshold;
    std::vector<std::vector<Num>> coefs(n);
    for (int i = 0; i < n; ++i) {
        Num sk = G.random_zq(), dk = G.random_zq();
        json::object keys;
        keys["verification"] = G.g_pow_sec(sk).str();
        keys["encryption"] = G.g_pow_sec(dk).str();
        std::string cert = json::serialize(keys);
        out.parameters.certs.push_back({ cert, sign_message(sk, cert) });
        json::array exps;
        for (int k = 0; k < threshold; ++k) {
            coefs[i].push_back(G.random_zq());
            exps.emplace_back(G.g_pow_sec(coefs[i].back()).str());
        }
        std::string msg = json::serialize(json::object { { "coefexps", std::move(exps) } });
        out.parameters.coefexps.push_back({ msg, sign_message(sk, msg) });
    }
    for (int j = 1; j <= n; ++j) {
        Num S(0);
        for (int i = 0; i < n; ++i) {
            // f_i(j) by Horner's rule mod q.
            Num f(0);
            for (int k = threshold - 1; k >= 0; --k)
                f = add_mod(mul_mod(f, Num((unsigned long)j), G.q), coefs[i][k], G.q);
            S = add_mod(S, f, G.q);
        }
        Num X = G.g_pow_sec(S);
        out.parameters.verification_keys.push_back({ X, prove_pok(S, X) });
        out.shares.push_back(std::move(S));
    }
    return out;
}

}
