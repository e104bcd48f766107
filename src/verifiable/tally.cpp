#include "verifiable/tally.hpp"
#include "verifiable/json_strict.hpp"
#include <unordered_map>

namespace kenes::verifiable {

namespace json = boost::json;

std::vector<std::size_t> last_ballots(const std::vector<VerifiedBallot>& accepted)
{
    // Position of each credential's latest ballot; keep them in the order of those latest ballots,
    // as "remove the earlier, append the new" does.
    std::unordered_map<std::string_view, std::size_t> last;
    for (std::size_t i = 0; i < accepted.size(); ++i)
        last[accepted[i].credential] = i;
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < accepted.size(); ++i)
        if (last[accepted[i].credential] == i)
            out.push_back(i);
    return out;
}

EncryptedTally encrypted_tally(const Election& election, const std::vector<const VerifiedBallot*>& ballots)
{
    const auto& G = belenios_2048();
    EncryptedTally t;
    for (const auto& q : election.questions)
        t.emplace_back(q.answers.size() + (q.blank ? 1 : 0), Ciphertext { Num(1), Num(1) });
    Num tmp;
    for (const auto* b : ballots)
        for (std::size_t i = 0; i < t.size(); ++i)
            for (std::size_t j = 0; j < t[i].size(); ++j) {
                // In place: no allocation per product (30,000 ballots x choices).
                mpz_mul(tmp.get(), t[i][j].alpha.get(), b->choices[i][j].alpha.get());
                mpz_mod(t[i][j].alpha.get(), tmp.get(), G.p.get());
                mpz_mul(tmp.get(), t[i][j].beta.get(), b->choices[i][j].beta.get());
                mpz_mod(t[i][j].beta.get(), tmp.get(), G.p.get());
            }
    return t;
}

EncryptedTally tally_last_ballots(const Election& election, const std::vector<VerifiedBallot>& accepted,
    std::size_t* num_tallied)
{
    std::vector<const VerifiedBallot*> kept;
    for (auto i : last_ballots(accepted))
        kept.push_back(&accepted[i]);
    if (num_tallied)
        *num_tallied = kept.size();
    return encrypted_tally(election, kept);
}

std::string serialize(const EncryptedTally& t)
{
    json::array a;
    for (const auto& q : t) {
        json::array row;
        for (const auto& c : q)
            row.emplace_back(to_json(c));
        a.emplace_back(std::move(row));
    }
    return json::serialize(a);
}

std::optional<EncryptedTally> parse_encrypted_tally(std::string_view text, const Election& election)
{
    std::error_code ec;
    auto v = json::parse(text, ec);
    const auto* a = ec ? nullptr : v.if_array();
    if (!a || a->size() != election.questions.size())
        return std::nullopt;
    EncryptedTally t;
    for (std::size_t i = 0; i < a->size(); ++i) {
        const auto* row = (*a)[i].if_array();
        const auto& q = election.questions[i];
        if (!row || row->size() != q.answers.size() + (q.blank ? 1 : 0))
            return std::nullopt;
        t.emplace_back();
        for (const auto& c : *row) {
            auto ct = parse_ciphertext(c);
            if (!ct || !belenios_2048().is_member(ct->alpha) || !belenios_2048().is_member(ct->beta))
                return std::nullopt;
            t.back().push_back(std::move(*ct));
        }
    }
    return t;
}

std::string serialize(const PartialDecryption& d)
{
    json::array factors, proofs;
    for (const auto& row : d.factors) {
        json::array r;
        for (const auto& f : row)
            r.emplace_back(f.str());
        factors.emplace_back(std::move(r));
    }
    for (const auto& row : d.proofs) {
        json::array r;
        for (const auto& p : row)
            r.emplace_back(to_json(p));
        proofs.emplace_back(std::move(r));
    }
    json::object o;
    o["decryption_factors"] = std::move(factors);
    o["decryption_proofs"] = std::move(proofs);
    return json::serialize(o);
}

std::optional<PartialDecryption> parse_partial_decryption(std::string_view text, const EncryptedTally& tally)
{
    std::error_code ec;
    auto v = json::parse(text, ec);
    if (ec)
        return std::nullopt;
    const auto* o = strict::object(v, { "decryption_factors", "decryption_proofs" });
    if (!o)
        return std::nullopt;
    const auto* f = strict::array(o->if_contains("decryption_factors"));
    const auto* p = strict::array(o->if_contains("decryption_proofs"));
    if (!f || !p || f->size() != tally.size() || p->size() != tally.size())
        return std::nullopt;
    PartialDecryption d;
    for (std::size_t i = 0; i < tally.size(); ++i) {
        const auto* fr = (*f)[i].if_array();
        const auto* pr = (*p)[i].if_array();
        if (!fr || !pr || fr->size() != tally[i].size() || pr->size() != tally[i].size())
            return std::nullopt;
        d.factors.emplace_back();
        d.proofs.emplace_back();
        for (std::size_t j = 0; j < fr->size(); ++j) {
            auto n = strict::number(&(*fr)[j]);
            auto pf = parse_proof((*pr)[j]);
            if (!n || !pf)
                return std::nullopt;
            d.factors.back().push_back(std::move(*n));
            d.proofs.back().push_back(std::move(*pf));
        }
    }
    return d;
}

static Num decrypt_challenge(const ElectionContext& e, const Num& X, const Num& A, const Num& B)
{
    return belenios_2048().hash_to_zq("decrypt|" + e.fingerprint + "|" + X.str() + "|" + A.str() + "," + B.str());
}

PartialDecryption make_partial_decryption(const ElectionContext& e, const EncryptedTally& tally, const Num& x)
{
    const auto& G = belenios_2048();
    Num X = G.g_pow_sec(x);
    PartialDecryption d;
    for (const auto& row : tally) {
        d.factors.emplace_back();
        d.proofs.emplace_back();
        for (const auto& c : row) {
            d.factors.back().push_back(powm_sec(c.alpha, x, G.p));
            Num w = G.random_zq();
            Num ch = decrypt_challenge(e, X, G.g_pow_sec(w), powm_sec(c.alpha, w, G.p));
            d.proofs.back().push_back({ ch, sub_mod(w, mul_mod(x, ch, G.q), G.q) });
        }
    }
    return d;
}

bool verify_partial_decryption(const ElectionContext& e, const EncryptedTally& tally, const Num& X,
    const PartialDecryption& d)
{
    const auto& G = belenios_2048();
    if (d.factors.size() != tally.size() || d.proofs.size() != tally.size())
        return false;
    for (std::size_t i = 0; i < tally.size(); ++i) {
        if (d.factors[i].size() != tally[i].size() || d.proofs[i].size() != tally[i].size())
            return false;
        for (std::size_t j = 0; j < tally[i].size(); ++j) {
            const auto& f = d.factors[i][j];
            const auto& p = d.proofs[i][j];
            if (!G.is_member(f))
                return false;
            Num A = G.mul(G.g_pow(p.response), G.pow(X, p.challenge));
            Num B = G.mul(G.pow(tally[i][j].alpha, p.response), G.pow(f, p.challenge));
            if (decrypt_challenge(e, X, A, B) != p.challenge)
                return false;
        }
    }
    return true;
}

std::optional<Num> owner_public_key(const Trustees& trustees, int owner)
{
    int next = 1;
    for (const auto& item : trustees) {
        if (const auto* k = std::get_if<TrusteePublicKey>(&item)) {
            if (next++ == owner)
                return k->public_key;
        } else
            for (const auto& vk : std::get<ThresholdParameters>(item).verification_keys)
                if (next++ == owner)
                    return vk.public_key;
    }
    return std::nullopt;
}

std::optional<std::vector<std::vector<long long>>> combine(const Trustees& trustees, const EncryptedTally& tally,
    const Decryptions& decryptions, long long max_count)
{
    const auto& G = belenios_2048();
    // F[i][j] = product over trustee items of their sub-factor.
    std::vector<std::vector<Num>> F;
    for (const auto& row : tally)
        F.emplace_back(row.size(), Num(1));
    auto multiply_in = [&](const PartialDecryption& d, const Num* exponent) {
        for (std::size_t i = 0; i < F.size(); ++i)
            for (std::size_t j = 0; j < F[i].size(); ++j)
                F[i][j] = G.mul(F[i][j], exponent ? G.pow(d.factors[i][j], *exponent) : d.factors[i][j]);
    };
    int next = 1;
    for (const auto& item : trustees) {
        if (std::get_if<TrusteePublicKey>(&item)) {
            auto it = decryptions.find(next++);
            if (it == decryptions.end())
                return std::nullopt;
            multiply_in(it->second, nullptr);
            continue;
        }
        const auto& t = std::get<ThresholdParameters>(item);
        int first = next;
        next += int(t.verification_keys.size());
        std::vector<int> subset; // 1-based indexes within the Pedersen item
        for (int k = 1; k <= int(t.verification_keys.size()) && int(subset.size()) < t.threshold; ++k)
            if (decryptions.contains(first + k - 1))
                subset.push_back(k);
        if (int(subset.size()) < t.threshold)
            return std::nullopt;
        for (int d : subset) {
            // Lagrange coefficient at 0: prod_{k != d} k / (k - d) mod q (spec 4.19).
            Num num(1), den(1);
            for (int k : subset) {
                if (k == d)
                    continue;
                num = mul_mod(num, Num((unsigned long)k), G.q);
                Num diff;
                mpz_set_si(diff.get(), k - d);
                mpz_mod(diff.get(), diff.get(), G.q.get());
                den = mul_mod(den, diff, G.q);
            }
            Num lambda = mul_mod(num, inv_mod(den, G.q), G.q);
            multiply_in(decryptions.at(first + d - 1), &lambda);
        }
    }
    std::vector<std::vector<long long>> result;
    for (std::size_t i = 0; i < tally.size(); ++i) {
        result.emplace_back();
        for (std::size_t j = 0; j < tally[i].size(); ++j) {
            Num target = G.mul(tally[i][j].beta, G.inv(F[i][j])); // g^count
            // Bounded discrete log by walking g^0, g^1, ...: counts are at most the voters.
            Num cur(1);
            long long m = 0;
            while (!(cur == target)) {
                if (++m > max_count)
                    return std::nullopt;
                cur = G.mul(cur, G.g);
            }
            result.back().push_back(m);
        }
    }
    return result;
}

std::string serialize_result(const std::vector<std::vector<long long>>& result)
{
    json::array a;
    for (const auto& row : result) {
        json::array r;
        for (auto v : row)
            r.emplace_back(v);
        a.emplace_back(std::move(r));
    }
    return json::serialize(json::object { { "result", std::move(a) } });
}

}
