#pragma once
// Kenes' own verifier of a `.bel` archive (Belenios spec 3.5, 4.4): the same checks as
// `belenios-tool election verify`, for the server to check what it publishes and for audits.
#include "core/result.hpp"
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kenes::verifiable {

struct ArchiveReport {
    std::string uuid;
    std::size_t ballots = 0; // accepted Ballot events
    std::size_t num_tallied = 0; // last ballot per credential, when tallied
    std::optional<std::vector<std::vector<long long>>> result;
};

// Checks the event chain (hashes, parents, heights, order of event types), the setup (election,
// trustees and their proofs, election key = product of sub-keys, plain public credentials), every
// ballot (verify_ballot; a replayed ballot is refused), the encrypted tally against our own
// recomputation, every partial decryption's proofs, and the result against our combination.
// Ballots are verified on all cores. The error's log_message says what failed.
Result<ArchiveReport> verify_archive(const std::filesystem::path& path);

}
