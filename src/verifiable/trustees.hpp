#pragma once
// Trustees (Belenios spec 4.5-4.7): the published keys of the commission's members, checked on
// the server. The trustees' secret exchange (AES-CCM channels, spec 4.6.3) happens in their
// browsers; the server only routes opaque strings and checks what is published here.
#include "core/result.hpp"
#include "verifiable/proof.hpp"
#include <string>
#include <variant>
#include <vector>

namespace kenes::verifiable {

// X = g^x with a proof of knowledge of x (spec 4.5). JSON: {"pok":..., "public_key":...}.
struct TrusteePublicKey {
    Num public_key;
    Proof pok;
};

// A message signed with a trustee's signing key (spec 4.6.1). JSON: {"message":..., "signature":...}.
struct SignedMsg {
    std::string message;
    Proof signature;
};

// Threshold parameters of a Pedersen group of trustees (spec 4.6.7): any `threshold` of the
// len(certs) trustees can decrypt. coefexps[i] is trustee i's signed {"coefexps":[A_i0..A_it]}.
struct ThresholdParameters {
    int threshold = 0; // t + 1
    std::vector<SignedMsg> certs;
    std::vector<SignedMsg> coefexps;
    std::vector<TrusteePublicKey> verification_keys;
};

// One item of the trustees structure (spec 4.7): ["Single", key] or ["Pedersen", parameters].
using TrusteeKind = std::variant<TrusteePublicKey, ThresholdParameters>;
using Trustees = std::vector<TrusteeKind>;

boost::json::object to_json(const TrusteePublicKey& k);
boost::json::object to_json(const SignedMsg& m);
boost::json::object to_json(const ThresholdParameters& t);
// Compact JSON exactly as belenios-tool's `setup make-trustees` writes it (no trailing newline).
std::string serialize(const Trustees& t);
Result<Trustees> parse_trustees(std::string_view json);
std::optional<TrusteePublicKey> parse_trustee_public_key(const boost::json::value& v);

// Checks of what the trustees publish, as the administrator (our server) must (spec 4.6.6):
bool verify_trustee_public_key(const TrusteePublicKey& k); // X in the group, pok holds
// A certificate {"verification","encryption"} signed with its own verification key (4.6.2).
// Returns the verification key.
std::optional<Num> verify_cert(const SignedMsg& cert);
// The coefexps A_i0..A_it signed with trustee i's verification key vk (spec 4.6.4).
std::optional<std::vector<Num>> verify_coefexps(const SignedMsg& coefexps, const Num& vk, int threshold);
// Trustee j's (1-based) verification key equals prod_i prod_k A_ik^(j^k) and its pok holds.
bool verify_voutput_key(const TrusteePublicKey& key, int j, const std::vector<std::vector<Num>>& coefexps);
// All of the above for one Pedersen item.
bool verify_threshold_parameters(const ThresholdParameters& t);
bool verify_trustees(const Trustees& t);

// The election key y: product of the Single keys and, per Pedersen item, of the A_i0 (spec 3.1.1, 4.6.4).
Num election_public_key(const Trustees& t);

// ---- Test and demo material: key generation without the browser's channels ----

struct SingleTrusteeSecret {
    Num private_key;
    TrusteePublicKey public_key;
};
SingleTrusteeSecret generate_single_trustee();

// A Pedersen group of n trustees, threshold t+1 = `threshold`, generated in one place (a real
// election does this across browsers, spec 4.6): random polynomials, certificates with random
// signing/encryption keys, signed coefexps, and each trustee's share S_j = sum_i f_i(j).
struct PedersenSecret {
    ThresholdParameters parameters;
    std::vector<Num> shares; // S_1..S_n
};
PedersenSecret generate_pedersen_trustees(int n, int threshold);

}
