#pragma once
// Ballots (Belenios spec 4.11-4.15): verification on the server, creation for tests and demos.
#include "verifiable/proof.hpp"
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <variant>
#include <vector>

namespace kenes::verifiable {

// Why a ballot was refused, precise enough for the voter's message and the tests.
enum class BallotDefect {
    malformed, // not JSON, wrong shape or lengths, non-canonical number
    wrong_election, // election_uuid or election_hash of another election
    unknown_credential, // credential not among the published public credentials
    not_in_group, // an alpha or beta outside the order-q subgroup
    bad_individual_proof, // a choice not proven to be 0 or 1 (spec 4.12)
    bad_overall_proof, // the number of selected answers not proven within [min, max] (4.11.1, 4.13)
    bad_blank_proof, // the blank proof does not hold (spec 4.13)
    bad_signature, // the credential's signature over the ballot does not hold (spec 4.14)
};
std::string_view defect_name(BallotDefect d);

struct VerifiedBallot {
    std::string credential; // public credential, decimal
    std::vector<std::vector<Ciphertext>> choices; // per question, per choice (blank first if allowed)
    // The ballot in canonical form (compact, as belenios-tool writes it): what the board keeps, so
    // every verifier reads the same bytes, however the submitter spaced them.
    std::string text;
    std::string tracker; // SHA-256 base64 of `text`: the voter's receipt
    // HJSON of the ballot without signature in canonical form (= signature.hash). Two submissions
    // with the same content_hash are the same ballot, however formatted: the server must refuse a
    // content_hash it has already accepted, or anyone could replay a voter's earlier ballot from
    // the public board and undo their revote.
    std::string content_hash;
};

// The published public credentials (decimal strings, no weights, no voter ids). Every member is
// in the order-q subgroup: whoever fills the set has made the credentials (g^secret) or checked
// them (verify_archive), so verify_ballot matches the ballot's credential against it instead of
// spending an exponentiation on the credential's membership again.
using CredentialSet = std::unordered_set<std::string>;

// Checks everything a ballot must satisfy before the server acknowledges it, cheapest checks
// first. The signature is checked over our own compact re-serialisation of the parsed ballot in
// the spec's field order (4.15), never over the submitter's formatting.
std::variant<VerifiedBallot, BallotDefect> verify_ballot(std::string_view raw_json, const ElectionContext& election,
    const CredentialSet& credentials);

// The ciphertexts of a ballot that verify_ballot accepted earlier, read back from the board for the
// tally without checking its proofs again (about 0.1 ms instead of 8 ms). Nothing if it does not parse.
std::optional<std::vector<std::vector<Ciphertext>>> ballot_choices(std::string_view raw_json, const Election& election);

// Encrypts selections (per question, a 0/1 per answer; for a question with blank allowed, all
// zeros is a blank vote) with all proofs, and signs with the secret credential. Returns the ballot
// as compact JSON. For tests, the demo and benchmarks: real ballots are made in the browser.
// Selections outside the rules still produce a ballot (with proofs that fail), which is how
// the tests make "choice 2" and "two choices" ballots. Throws std::invalid_argument if the
// credential's checksum fails.
std::string make_ballot(const ElectionContext& election, std::string_view secret_credential,
    const std::vector<std::vector<int>>& selections);

}
