#pragma once
// Tally and decryption (Belenios spec 4.15-4.19): the encrypted tally of the last ballot of each
// credential, the trustees' partial decryptions with proofs, and their combination into counts.
#include "verifiable/ballot.hpp"
#include "verifiable/trustees.hpp"
#include <map>
#include <optional>
#include <vector>

namespace kenes::verifiable {

// Per question, per choice (blank first where allowed): the product of the ballots' ciphertexts.
using EncryptedTally = std::vector<std::vector<Ciphertext>>;

// last(B) of spec 4.15: ballots in acceptance order; a later ballot of the same credential
// replaces the earlier one (revoting). Returns indexes into `accepted`, in the order kept.
std::vector<std::size_t> last_ballots(const std::vector<VerifiedBallot>& accepted);

// Pointwise product of the given ballots' ciphertexts (weights are all 1 in Kenes, spec 4.16).
EncryptedTally encrypted_tally(const Election& election, const std::vector<const VerifiedBallot*>& ballots);
// Convenience: last_ballots + encrypted_tally.
EncryptedTally tally_last_ballots(const Election& election, const std::vector<VerifiedBallot>& accepted,
    std::size_t* num_tallied = nullptr);
std::string serialize(const EncryptedTally& t);
std::optional<EncryptedTally> parse_encrypted_tally(std::string_view json, const Election& election);

// decryption_factors[i][j] = alpha_ij^x with proofs (spec 4.18).
struct PartialDecryption {
    std::vector<std::vector<Num>> factors;
    std::vector<std::vector<Proof>> proofs;
};
std::string serialize(const PartialDecryption& d);
std::optional<PartialDecryption> parse_partial_decryption(std::string_view json, const EncryptedTally& tally);

// A trustee's decryption of the tally with proofs "decrypt|φ|X|A,B". For tests and the demo:
// real trustees decrypt in their browsers, with keys the server never sees.
PartialDecryption make_partial_decryption(const ElectionContext& election, const EncryptedTally& tally,
    const Num& private_key);
// What the server checks before accepting a trustee's decryption: shapes, factors in the group,
// every proof against the trustee's published key X.
bool verify_partial_decryption(const ElectionContext& election, const EncryptedTally& tally, const Num& public_key,
    const PartialDecryption& d);

// Partial decryptions keyed by owner, numbered as belenios-tool does: 1-based across the trustees
// structure (a Single item takes one number, a Pedersen item one per trustee in order).
using Decryptions = std::map<int, PartialDecryption>;
// The public key of owner `owner` (to verify their decryption), or nothing.
std::optional<Num> owner_public_key(const Trustees& trustees, int owner);

// Combines (spec 4.19): every Single owner must be present, and for each Pedersen item at least
// `threshold` of its trustees (the first `threshold` supplied are used, with Lagrange
// coefficients over that subset). Then result[i][j] = log_g(beta / F), searched up to max_count.
// Nothing if a required decryption is missing or a logarithm exceeds max_count.
std::optional<std::vector<std::vector<long long>>> combine(const Trustees& trustees, const EncryptedTally& tally,
    const Decryptions& decryptions, long long max_count);
// {"result":[[...]]} as belenios-tool writes it.
std::string serialize_result(const std::vector<std::vector<long long>>& result);

}
