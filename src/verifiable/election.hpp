#pragma once
#include "core/result.hpp"
#include "verifiable/group.hpp"
#include <string>
#include <vector>

namespace kenes::verifiable {

// A homomorphic question (spec 4.9.1): the voter selects between min and max answers, or, when
// blank is allowed, none at all (then choices carry a leading "blank" ciphertext, spec 4.11.1).
struct Question {
    std::vector<std::string> answers;
    bool blank = false;
    int min = 0;
    int max = 1;
    std::string question;
};

// The election structure (spec 4.10). Kenes uses homomorphic questions only, so the group is
// always BELENIOS-2048 and there is no embedding.
struct Election {
    int version = 1;
    std::string description;
    std::string name;
    std::string group = "BELENIOS-2048";
    Num public_key; // y: product of the trustees' sub-keys (trustees.hpp)
    std::vector<Question> questions;
    std::string uuid;
};

// Compact JSON byte-identical to `belenios-tool setup make-election` (fields in the tool's order:
// version, description, name, group, public_key, questions[answers, blank?, min, max, question],
// uuid), without a trailing newline. This exact text is what the archive stores and hashes.
std::string serialize(const Election& e);
// The election's fingerprint φ = BASE64(SHA256(serialization)) without padding (spec 4.15).
std::string fingerprint(std::string_view serialized_election);
// Parses an election.json; refuses non-homomorphic questions, other groups, keys outside the group.
Result<Election> parse_election(std::string_view json);

}
