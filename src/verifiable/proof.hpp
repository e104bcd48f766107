#pragma once
// Building blocks shared by every Belenios proof: the Schnorr-like (challenge, response) pair and
// ElGamal ciphertexts (spec 4.3), their JSON forms, and the election context verifiers need.
#include "verifiable/election.hpp"
#include "verifiable/group.hpp"
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kenes::verifiable {

struct Proof {
    Num challenge;
    Num response;
};

struct Ciphertext {
    Num alpha;
    Num beta;
};

boost::json::object to_json(const Proof& p);
boost::json::object to_json(const Ciphertext& c);
// Strict: exactly {challenge, response}, both canonical and < q.
std::optional<Proof> parse_proof(const boost::json::value& v);
// Strict: exactly {alpha, beta}, canonical decimals (membership is checked separately).
std::optional<Ciphertext> parse_ciphertext(const boost::json::value& v);

// An election ready for proofs: its exact serialization, fingerprint φ, and a fixed-base table for
// its public key y (every ballot proof raises y to a public exponent several times).
struct ElectionContext {
    Election election;
    std::string serialized;
    std::string fingerprint;
    FixedBase y_table;

    explicit ElectionContext(Election e);
    // Uses the given text verbatim (the archive's bytes) instead of re-serialising.
    ElectionContext(Election e, std::string serialized_text);
    Num y_pow(const Num& e) const { return y_table.pow(e); }
};

// Schnorr proof of knowledge of x with X = g^x (trustee keys, spec 4.5: "pok|G|X|A").
Proof prove_pok(const Num& x, const Num& X);
bool verify_pok(const Num& X, const Proof& pok);
// Signature of a message (trustee PKI, spec 4.6.1: "sigmsg|M|A").
Proof sign_message(const Num& sk, std::string_view message);
bool verify_message(const Num& vk, std::string_view message, const Proof& signature);

}
