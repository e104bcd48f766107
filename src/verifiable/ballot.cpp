#include "verifiable/ballot.hpp"
#include "verifiable/credential.hpp"
#include "verifiable/json_strict.hpp"
#include <stdexcept>

namespace kenes::verifiable {

namespace json = boost::json;

std::string_view defect_name(BallotDefect d)
{
    switch (d) {
    case BallotDefect::malformed:
        return "malformed";
    case BallotDefect::wrong_election:
        return "wrong_election";
    case BallotDefect::unknown_credential:
        return "unknown_credential";
    case BallotDefect::not_in_group:
        return "not_in_group";
    case BallotDefect::bad_individual_proof:
        return "bad_individual_proof";
    case BallotDefect::bad_overall_proof:
        return "bad_overall_proof";
    case BallotDefect::bad_blank_proof:
        return "bad_blank_proof";
    case BallotDefect::bad_signature:
        return "bad_signature";
    }
    return "unknown";
}

namespace {

using Proofs = std::vector<Proof>;

struct Answer {
    std::vector<Ciphertext> choices;
    std::vector<Proofs> individual_proofs;
    Proofs overall_proof;
    std::optional<Proofs> blank_proof;
};

struct Ballot {
    std::string uuid;
    std::string hash;
    Num credential;
    std::vector<Answer> answers;
    std::string signature_hash;
    Proof signature;
};

json::array to_json(const Proofs& ps)
{
    json::array a;
    for (const auto& p : ps)
        a.emplace_back(verifiable::to_json(p));
    return a;
}

// Field order of spec 4.11 and 4.15 (belenios-tool writes the same).
json::object to_json_unsigned(const Ballot& b)
{
    json::object o;
    o["election_uuid"] = b.uuid;
    o["election_hash"] = b.hash;
    o["credential"] = b.credential.str();
    json::array answers;
    for (const auto& a : b.answers) {
        json::object ja;
        json::array cs, ips;
        for (const auto& c : a.choices)
            cs.emplace_back(verifiable::to_json(c));
        for (const auto& ip : a.individual_proofs)
            ips.emplace_back(to_json(ip));
        ja["choices"] = std::move(cs);
        ja["individual_proofs"] = std::move(ips);
        ja["overall_proof"] = to_json(a.overall_proof);
        if (a.blank_proof)
            ja["blank_proof"] = to_json(*a.blank_proof);
        answers.emplace_back(std::move(ja));
    }
    o["answers"] = std::move(answers);
    return o;
}

std::optional<Proofs> parse_proofs(const json::value* v, std::size_t n)
{
    const auto* a = strict::array(v);
    if (!a || a->size() != n)
        return std::nullopt;
    Proofs out;
    for (const auto& p : *a) {
        auto pr = parse_proof(p);
        if (!pr)
            return std::nullopt;
        out.push_back(std::move(*pr));
    }
    return out;
}

std::optional<Ballot> parse_ballot(const json::value& v, const Election& e)
{
    const auto* o = strict::object(v, { "election_uuid", "election_hash", "credential", "answers", "signature" });
    if (!o)
        return std::nullopt;
    Ballot b;
    auto uuid = strict::string(o->if_contains("election_uuid"));
    auto hash = strict::string(o->if_contains("election_hash"));
    auto cred = strict::number(o->if_contains("credential"));
    const auto* answers = strict::array(o->if_contains("answers"));
    if (!uuid || !hash || !cred || !answers || answers->size() != e.questions.size())
        return std::nullopt;
    b.uuid = *uuid;
    b.hash = *hash;
    b.credential = std::move(*cred);
    for (std::size_t i = 0; i < answers->size(); ++i) {
        const auto& q = e.questions[i];
        const auto* a = q.blank ? strict::object((*answers)[i], { "choices", "individual_proofs", "overall_proof", "blank_proof" })
                                : strict::object((*answers)[i], { "choices", "individual_proofs", "overall_proof" });
        if (!a)
            return std::nullopt;
        std::size_t n = q.answers.size() + (q.blank ? 1 : 0);
        const auto* cs = strict::array(a->if_contains("choices"));
        const auto* ips = strict::array(a->if_contains("individual_proofs"));
        if (!cs || !ips || cs->size() != n || ips->size() != n)
            return std::nullopt;
        Answer ans;
        for (std::size_t j = 0; j < n; ++j) {
            auto c = parse_ciphertext((*cs)[j]);
            auto ip = parse_proofs(&(*ips)[j], 2);
            if (!c || !ip)
                return std::nullopt;
            ans.choices.push_back(std::move(*c));
            ans.individual_proofs.push_back(std::move(*ip));
        }
        std::size_t k = std::size_t(q.max - q.min + 1) + (q.blank ? 1 : 0);
        auto op = parse_proofs(a->if_contains("overall_proof"), k);
        if (!op)
            return std::nullopt;
        ans.overall_proof = std::move(*op);
        if (q.blank) {
            auto bp = parse_proofs(a->if_contains("blank_proof"), 2);
            if (!bp)
                return std::nullopt;
            ans.blank_proof = std::move(*bp);
        }
        b.answers.push_back(std::move(ans));
    }
    const auto* sig = strict::object(o->at("signature"), { "hash", "proof" });
    if (!sig)
        return std::nullopt;
    auto sh = strict::string(sig->if_contains("hash"));
    auto sp = parse_proof(sig->at("proof"));
    if (!sh || !sp)
        return std::nullopt;
    b.signature_hash = *sh;
    b.signature = std::move(*sp);
    return b;
}

// Whether the submitted text is exactly our serialization of what we parsed, up to whitespace
// between tokens. Boost.JSON keeps only the last of duplicate keys, while another verifier
// (belenios-tool on the archived bytes) may read the first: a ballot read two ways must not pass.
// This also refuses escapes and any other spelling that the archive's readers might disagree on.
bool same_modulo_whitespace(std::string_view raw, const json::value& v)
{
    std::string canonical = json::serialize(v);
    std::size_t k = 0;
    bool in_string = false, escaped = false;
    for (char c : raw) {
        if (!in_string && (c == ' ' || c == '\n' || c == '\r' || c == '\t'))
            continue;
        if (k >= canonical.size() || canonical[k++] != c)
            return false;
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
        } else if (c == '"')
            in_string = true;
    }
    return k == canonical.size();
}

// g^(-m) as an exponent: (q - m) mod q, so that beta / g^m = beta * g^(q-m).
Num neg_exp(long long m, const Num& c, const Num& q) { return sub_mod(Num(0), mul_mod(Num((unsigned long)m), c, q), q); }

// A = g^response * alpha^challenge,  B = y^response * (beta / g^m)^challenge  (spec 4.12), with
// alpha^challenge and beta^challenge given (computed together, see Raised).
void commitments(const ElectionContext& ctx, const Num& alpha_c, const Num& beta_c, long long m, const Proof& p,
    std::string& out)
{
    const auto& G = belenios_2048();
    Num A = G.mul(G.g_pow(p.response), alpha_c);
    Num B = G.mul(ctx.y_pow(p.response), beta_c);
    if (m != 0)
        B = G.mul(B, G.g_pow(neg_exp(m, p.challenge, G.q)));
    out += A.str();
    out += ',';
    out += B.str();
}

// The same with the powers computed here (proof generation, where simulated branches need them).
void commitments(const ElectionContext& ctx, const Ciphertext& ct, long long m, const Proof& p, std::string& out)
{
    const auto& G = belenios_2048();
    commitments(ctx, G.pow(ct.alpha, p.challenge), G.pow(ct.beta, p.challenge), m, p, out);
}

// alpha and beta of one ciphertext raised to every exponent the verifier needs, in one pass each.
struct Raised {
    std::vector<Num> a, b;
};
Raised raise(const Ciphertext& ct, const std::vector<const Num*>& exps)
{
    const auto& m = *belenios_2048().mont;
    return { pow_many(ct.alpha, exps, m), pow_many(ct.beta, exps, m) };
}

std::string ct_str(const Ciphertext& c) { return c.alpha.str() + "," + c.beta.str(); }

// Verifies an interval proof (spec 4.12) over values lo..lo+k-1: "prove|S|alpha,beta|A0,B0,...".
// r.a[first + j], r.b[first + j] are alpha and beta raised to challenge j.
bool verify_iproof(const ElectionContext& ctx, std::string_view S, const Ciphertext& ct, long long lo, const Proofs& ps,
    const Raised& r, std::size_t first)
{
    const auto& G = belenios_2048();
    std::string text = "prove|" + std::string(S) + "|" + ct_str(ct) + "|";
    Num sum(0);
    for (std::size_t j = 0; j < ps.size(); ++j) {
        if (j)
            text += ',';
        commitments(ctx, r.a[first + j], r.b[first + j], lo + (long long)j, ps[j], text);
        sum = add_mod(sum, ps[j].challenge, G.q);
    }
    return G.hash_to_zq(text) == sum;
}

Ciphertext product(const std::vector<Ciphertext>& cs, std::size_t from)
{
    const auto& G = belenios_2048();
    Ciphertext r { Num(1), Num(1) };
    for (std::size_t i = from; i < cs.size(); ++i) {
        r.alpha = G.mul(r.alpha, cs[i].alpha);
        r.beta = G.mul(r.beta, cs[i].beta);
    }
    return r;
}

std::string choices_str(const std::vector<Ciphertext>& cs)
{
    std::string s;
    for (std::size_t i = 0; i < cs.size(); ++i) {
        if (i)
            s += ',';
        s += ct_str(cs[i]);
    }
    return s;
}

// Blank proof (spec 4.13.3): "bproof0|S|A0,B0,AS,BS" where both commitments prove a zero.
// r0 holds c0's powers at index 4; rs holds the sum's at index `k` (after the overall ones).
bool verify_blank_proof(const ElectionContext& ctx, std::string_view S, const Raised& r0, const Raised& rs, std::size_t k,
    const Proofs& ps)
{
    const auto& G = belenios_2048();
    std::string text = "bproof0|" + std::string(S) + "|";
    commitments(ctx, r0.a[4], r0.b[4], 0, ps[0], text);
    text += ',';
    commitments(ctx, rs.a[k], rs.b[k], 0, ps[1], text);
    return G.hash_to_zq(text) == add_mod(ps[0].challenge, ps[1].challenge, G.q);
}

// Overall proof of a blank-capable question (spec 4.13.3): m0 = 1 or sum in [min..max].
// r0 holds c0's power for branch 0 at index 3; rs the sum's for branches 1..k at 0..k-1.
bool verify_blank_overall(const ElectionContext& ctx, std::string_view S, const Raised& r0, const Raised& rs, int min,
    const Proofs& ps)
{
    const auto& G = belenios_2048();
    std::string text = "bproof1|" + std::string(S) + "|";
    Num sum = ps[0].challenge;
    commitments(ctx, r0.a[3], r0.b[3], 1, ps[0], text);
    for (std::size_t j = 1; j < ps.size(); ++j) {
        text += ',';
        commitments(ctx, rs.a[j - 1], rs.b[j - 1], min + (long long)j - 1, ps[j], text);
        sum = add_mod(sum, ps[j].challenge, G.q);
    }
    return G.hash_to_zq(text) == sum;
}

}

std::variant<VerifiedBallot, BallotDefect> verify_ballot(std::string_view raw, const ElectionContext& ctx,
    const CredentialSet& credentials)
{
    const auto& G = belenios_2048();
    const auto& e = ctx.election;
    std::error_code ec;
    json::value v = json::parse(raw, ec);
    if (ec || !same_modulo_whitespace(raw, v))
        return BallotDefect::malformed;
    auto parsed = parse_ballot(v, e);
    if (!parsed)
        return BallotDefect::malformed;
    Ballot& b = *parsed;
    if (b.uuid != e.uuid || b.hash != ctx.fingerprint)
        return BallotDefect::wrong_election;
    std::string cred = b.credential.str();
    if (!credentials.contains(cred))
        return BallotDefect::unknown_credential;

    // Every exponentiation of a ciphertext is done up front, several exponents per base at once:
    // q for membership, then the challenges of each proof that uses it. Membership of every
    // element is decided before any proof, so the defects come out in a fixed order.
    // The credential is one of the published ones, all members (see CredentialSet).
    auto in_range = [&](const Num& x) { return mpz_sgn(x.get()) > 0 && x < G.p; };
    std::vector<std::vector<Raised>> raised(b.answers.size());
    for (std::size_t i = 0; i < b.answers.size(); ++i) {
        const auto& a = b.answers[i];
        for (std::size_t j = 0; j < a.choices.size(); ++j) {
            std::vector<const Num*> exps { &G.q, &a.individual_proofs[j][0].challenge, &a.individual_proofs[j][1].challenge };
            if (e.questions[i].blank && j == 0) {
                exps.push_back(&a.overall_proof[0].challenge);
                exps.push_back(&(*a.blank_proof)[0].challenge);
            }
            const auto& c = a.choices[j];
            raised[i].push_back(raise(c, exps));
            if (!in_range(c.alpha) || !in_range(c.beta) || !(raised[i][j].a[0] == Num(1)) || !(raised[i][j].b[0] == Num(1)))
                return BallotDefect::not_in_group;
        }
    }

    // S0 = φ|credential; individual proofs are bound to it, overall proofs to S = S0|choices (4.11).
    std::string S0 = ctx.fingerprint + "|" + cred;
    for (std::size_t i = 0; i < b.answers.size(); ++i) {
        const auto& a = b.answers[i];
        const auto& q = e.questions[i];
        for (std::size_t j = 0; j < a.choices.size(); ++j)
            if (!verify_iproof(ctx, S0, a.choices[j], 0, a.individual_proofs[j], raised[i][j], 1))
                return BallotDefect::bad_individual_proof;
        std::string S = S0 + "|" + choices_str(a.choices);
        if (!q.blank) {
            std::vector<const Num*> exps;
            for (const auto& p : a.overall_proof)
                exps.push_back(&p.challenge);
            Ciphertext sum = product(a.choices, 0);
            if (!verify_iproof(ctx, S, sum, q.min, a.overall_proof, raise(sum, exps), 0))
                return BallotDefect::bad_overall_proof;
        } else {
            std::vector<const Num*> exps;
            for (std::size_t j = 1; j < a.overall_proof.size(); ++j)
                exps.push_back(&a.overall_proof[j].challenge);
            exps.push_back(&(*a.blank_proof)[1].challenge);
            Ciphertext sum = product(a.choices, 1);
            Raised rs = raise(sum, exps);
            if (!verify_blank_overall(ctx, S, raised[i][0], rs, q.min, a.overall_proof))
                return BallotDefect::bad_overall_proof;
            if (!verify_blank_proof(ctx, S, raised[i][0], rs, exps.size() - 1, *a.blank_proof))
                return BallotDefect::bad_blank_proof;
        }
    }

    // Signature (spec 4.14): over HJSON of the ballot without its signature, as we serialise it.
    std::string hash = sha256_b64(json::serialize(to_json_unsigned(b)));
    if (hash != b.signature_hash)
        return BallotDefect::bad_signature;
    Num A = G.mul(G.g_pow(b.signature.response), G.pow(b.credential, b.signature.challenge));
    if (G.hash_to_zq("sig|" + hash + "|" + A.str()) != b.signature.challenge)
        return BallotDefect::bad_signature;

    VerifiedBallot out;
    out.credential = std::move(cred);
    for (auto& a : b.answers)
        out.choices.push_back(std::move(a.choices));
    out.text = json::serialize(v);
    out.tracker = sha256_b64(out.text);
    out.content_hash = std::move(hash);
    return out;
}

std::optional<std::vector<std::vector<Ciphertext>>> ballot_choices(std::string_view raw, const Election& e)
{
    std::error_code ec;
    json::value v = json::parse(raw, ec);
    if (ec)
        return std::nullopt;
    auto b = parse_ballot(v, e);
    if (!b)
        return std::nullopt;
    std::vector<std::vector<Ciphertext>> out;
    for (auto& a : b->answers)
        out.push_back(std::move(a.choices));
    return out;
}

// ---- Making ballots (tests, demo, benchmarks) ----

namespace {

struct Secret {
    Ciphertext ct;
    Num r;
    long long m;
};

Secret encrypt(const ElectionContext& ctx, long long m)
{
    const auto& G = belenios_2048();
    Num r = G.random_zq();
    Num alpha = G.g_pow_sec(r);
    Num beta = G.mul(powm_sec(ctx.election.public_key, r, G.p), G.g_pow(Num((unsigned long)m)));
    return { { alpha, beta }, r, m };
}

// Simulated branch j: random challenge and response, commitments computed from them.
// Real branch i: A = g^w, B = y^w, challenge = H - sum(others), response = w - r * challenge.
// `values[j]` is the plaintext value branch j claims; `cts[j]` the ciphertext it refers to.
Proofs disjunctive_prove(const ElectionContext& ctx, const std::string& prefix, const std::vector<Ciphertext>& cts,
    const std::vector<long long>& values, std::size_t real, const Num& r)
{
    const auto& G = belenios_2048();
    std::size_t k = values.size();
    Proofs ps(k);
    std::vector<std::string> parts(k);
    Num w = G.random_zq();
    Num others(0);
    for (std::size_t j = 0; j < k; ++j) {
        if (j == real) {
            parts[j] = G.g_pow_sec(w).str() + "," + powm_sec(ctx.election.public_key, w, G.p).str();
            continue;
        }
        ps[j] = { G.random_zq(), G.random_zq() };
        commitments(ctx, cts[j], values[j], ps[j], parts[j]);
        others = add_mod(others, ps[j].challenge, G.q);
    }
    std::string text = prefix;
    for (std::size_t j = 0; j < k; ++j) {
        if (j)
            text += ',';
        text += parts[j];
    }
    ps[real].challenge = sub_mod(G.hash_to_zq(text), others, G.q);
    ps[real].response = sub_mod(w, mul_mod(r, ps[real].challenge, G.q), G.q);
    return ps;
}

// The branch whose value is m, or branch 0 when m is outside (the proof then fails to verify).
std::size_t branch_of(long long m, const std::vector<long long>& values)
{
    for (std::size_t j = 0; j < values.size(); ++j)
        if (values[j] == m)
            return j;
    return 0;
}

}

std::string make_ballot(const ElectionContext& ctx, std::string_view secret_credential,
    const std::vector<std::vector<int>>& selections)
{
    const auto& G = belenios_2048();
    const auto& e = ctx.election;
    auto credential = normalize_credential(secret_credential);
    if (!credential)
        throw std::invalid_argument("make_ballot: not a secret credential");
    Num s = credential_secret(*credential, e.uuid);
    Ballot b;
    b.uuid = e.uuid;
    b.hash = ctx.fingerprint;
    b.credential = public_credential(s);
    std::string S0 = ctx.fingerprint + "|" + b.credential.str();
    for (std::size_t i = 0; i < e.questions.size(); ++i) {
        const auto& q = e.questions[i];
        const auto& sel = selections.at(i);
        long long total = 0;
        for (int m : sel)
            total += m;
        std::vector<long long> plain;
        if (q.blank)
            plain.push_back(total == 0 ? 1 : 0);
        plain.insert(plain.end(), sel.begin(), sel.end());
        std::vector<Secret> secrets;
        Answer a;
        for (long long m : plain) {
            secrets.push_back(encrypt(ctx, m));
            a.choices.push_back(secrets.back().ct);
        }
        for (const auto& sc : secrets) {
            std::string prefix = "prove|" + S0 + "|" + ct_str(sc.ct) + "|";
            std::vector<long long> values { 0, 1 };
            a.individual_proofs.push_back(disjunctive_prove(ctx, prefix, { sc.ct, sc.ct }, values, branch_of(sc.m, values), sc.r));
        }
        std::string S = S0 + "|" + choices_str(a.choices);
        std::size_t first = q.blank ? 1 : 0;
        Ciphertext sum = product(a.choices, first);
        Num rsum(0);
        for (std::size_t j = first; j < secrets.size(); ++j)
            rsum = add_mod(rsum, secrets[j].r, G.q);
        std::vector<long long> range;
        for (int m = q.min; m <= q.max; ++m)
            range.push_back(m);
        if (!q.blank) {
            std::vector<Ciphertext> cts(range.size(), sum);
            a.overall_proof = disjunctive_prove(ctx, "prove|" + S + "|" + ct_str(sum) + "|", cts, range, branch_of(total, range), rsum);
        } else {
            const auto& c0 = secrets[0];
            bool blank = c0.m == 1;
            // overall: branch 0 claims m0 = 1 on c0, branches 1..k claim sum = min.. on the sum.
            std::vector<Ciphertext> cts { c0.ct };
            std::vector<long long> values { 1 };
            for (long long m : range) {
                cts.push_back(sum);
                values.push_back(m);
            }
            std::size_t real = blank ? 0 : 1 + branch_of(total, range);
            a.overall_proof = disjunctive_prove(ctx, "bproof1|" + S + "|", cts, values, real, blank ? c0.r : rsum);
            // blank: branch 0 claims m0 = 0 on c0, branch 1 claims sum = 0.
            a.blank_proof = disjunctive_prove(ctx, "bproof0|" + S + "|", { c0.ct, sum }, { 0, 0 }, blank ? 1 : 0, blank ? rsum : c0.r);
        }
        b.answers.push_back(std::move(a));
    }
    json::object o = to_json_unsigned(b);
    std::string hash = sha256_b64(json::serialize(o));
    Num w = G.random_zq();
    Num A = G.g_pow_sec(w);
    Num c = G.hash_to_zq("sig|" + hash + "|" + A.str());
    json::object sig;
    sig["hash"] = hash;
    sig["proof"] = verifiable::to_json(Proof { c, sub_mod(w, mul_mod(s, c, G.q), G.q) });
    o["signature"] = std::move(sig);
    return json::serialize(o);
}

}
