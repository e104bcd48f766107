#pragma once
// The Belenios side of a verifiable election (issue 13, docs/architecture.md "Verifiable ballots"):
// an election is verifiable once its trustees' key ceremony is complete. From the issue of the
// voting codes (the voters' private credentials) on, it has a Belenios election structure, the
// published public credentials, a bulletin board of encrypted ballots, and after the close the
// encrypted tally, the trustees' partial decryptions and the result. This file holds the queries;
// the routes are in booth_api.cpp and trustees_api.cpp.
#include "i18n/catalog.hpp"
#include "modules/elections/elections.hpp"
#include "storage/database.hpp"
#include "verifiable/ballot.hpp"
#include "verifiable/proof.hpp"
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kenes::elections {

// Whether the election's key ceremony is complete: then online ballots are encrypted and the
// plaintext routes refuse it.
bool is_verifiable(db::Tx&, int64_t institution_id, int64_t election_id);

struct BeleniosElection {
    std::string uuid;
    std::string election_json; // exact bytes: the fingerprint and every ballot refer to them
    std::string fingerprint;
    std::string trustees_json;
    std::string public_credentials_json; // sorted JSON array of decimal strings
    std::vector<int64_t> answers; // candidate ids in the question's answer order
    bool revote = false;
    UnixMillis issued_at = 0;
    std::optional<std::string> encrypted_tally;
    int64_t num_tallied = 0;
    std::optional<std::string> result;
};

// Set once the voting codes were issued.
std::optional<BeleniosElection> load_belenios(db::Tx&, int64_t institution_id, int64_t election_id);

// What the booth checks a ballot against, frozen from the issue of the codes: the election (with
// its fixed-base table) and the public credentials. Kept per process, like the ballot facts.
struct BoothKeys {
    std::shared_ptr<const verifiable::ElectionContext> election;
    std::shared_ptr<const verifiable::CredentialSet> credentials;
    std::vector<int64_t> answers;
    bool revote = false;
};
std::shared_ptr<const BoothKeys> booth_keys(db::Database&, int64_t institution_id, int64_t election_id);

// A voter's code (their Belenios private credential, spec 4.8), the SHA-256 of its roll token as
// the roll keeps it, and the public credential that is published.
struct IssuedCode {
    std::string code, roll_hash, public_credential;
};
// Fresh codes for an election uuid: about 1 ms each (PBKDF2 and an exponentiation), so callers
// make them before their write transaction.
std::vector<IssuedCode> make_codes(size_t count, const std::string& uuid);

// Publishes the election structure (one question, exactly one of the candidates in the Kazakh
// ballot order, ELEC-DAY-3) and the public credentials in sorted order, and gives each voter
// `persons[i]` the roll-token hash of `codes[i]`. Returns the election's fingerprint.
Result<std::string> store_credentials(db::Tx&, int64_t institution_id, const Election&, const Catalog&, const std::string& uuid,
    const std::vector<int64_t>& persons, const std::vector<IssuedCode>& codes, bool revote, UnixMillis now, std::optional<int64_t> issued_by);

// SHA-256 (hex) of a roll token: what voter_roll.code_hash holds for a verifiable election. The
// roll token itself is SHA-256 hex of "kenes-roll|" + the voting code, derived in the browser.
std::string roll_token_hash(std::string_view roll_token);
std::string roll_token_of(std::string_view credential);

// The encrypted tally of the board (one ballot per credential: a revote replaced the earlier one).
std::string tally_board(db::Tx&, int64_t institution_id, int64_t election_id, const BeleniosElection&, int64_t* num_tallied);

// Writes the election's archive as of now (belenios-tool 2.0's `.bel`): setup, the ballots in the
// order of their trackers (never arrival), and after the close the tally, the decryptions and the
// result (with `decryptions`: the public copy leaves them out until publication). Returns the
// hash of its last event, which names the whole archive.
Result<std::string> write_archive(db::Tx&, int64_t institution_id, int64_t election_id, const std::filesystem::path& file, bool decryptions);

// The public archive (as write_archive with the decryptions only once published), kept on disk
// and rebuilt only when the board or the count changed: for 30,000 voters it is ~420 MB, so it is
// streamed from the file, never held in memory, and one build serves every download.
struct PublicArchive {
    std::string uuid;
    std::string version; // changes with every accepted ballot, the close, the count, the publication
    std::shared_ptr<const std::filesystem::path> file;
};
Result<PublicArchive> public_archive(db::Database&, int64_t institution_id, int64_t election_id);

// `kenes election export-belenios`: the archive as DIR/<uuid>.bel, everything included.
Result<std::filesystem::path> export_belenios(db::Database&, int64_t election_id, const std::filesystem::path& dir);

// The trackers on the board in board order: byte order on both backends (PostgreSQL's default
// collation would fold case, and trackers are base64), so the board, the archive, the hash over
// the ballot set and the browser agree on one order.
std::vector<std::string> board_trackers(db::Tx&, int64_t institution_id, int64_t election_id);

// Calls fn with each ballot on the board in board order, holding one page of them in memory at a
// time (30,000 ballots are ~420 MB of JSON). Stops at fn's first error.
Status for_each_board_ballot(db::Tx&, int64_t institution_id, int64_t election_id, const std::function<Status(std::string_view)>& fn);

// Partial decryptions received, by trustee number.
std::vector<std::pair<int, std::string>> decryptions_of(db::Tx&, int64_t institution_id, int64_t election_id);

}
