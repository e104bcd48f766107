#pragma once
// Checkpoints of the audit chains kept outside the database: each anchor is one JSON line in an
// append-only file (default data/audit-anchors.log) stating an institution's chain head (seq,
// hash, the seq from which entries are keyed) at a time, signed with the institution's Ed25519
// key. Someone who controls only the database cannot cut the last entries, rewind the head or
// re-chain the log without an anchored hash disappearing from the chain, and cannot write anchors.
#include "core/clock.hpp"
#include "storage/database.hpp"
#include <boost/json/object.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kenes::anchors {

struct Anchor {
    int64_t institution_id = 0;
    int64_t seq = 0;
    std::string hash;          // raw 32 bytes
    int64_t keyed_from = 1;
    int64_t at = 0;            // Unix ms
    std::string public_key;    // raw 32 bytes
    std::string signature;     // raw 64 bytes
};

// The exact bytes that are signed (documented, so anyone can check an anchor with any Ed25519 tool).
std::string signed_message(const Anchor&);
bool signature_valid(const Anchor&);
// One line of the file (no newline) and back; nullopt for a line that is not an anchor.
std::string to_line(const Anchor&);
std::optional<Anchor> parse_line(std::string_view);
// The anchor as JSON for the API: hex strings, the time in Almaty time, the signed message.
boost::json::object to_json(const Anchor&);

struct FileContents {
    std::vector<Anchor> anchors;
    int64_t unreadable_lines = 0;
};
// Every anchor of the file (of one institution when given); a missing file has none.
FileContents read_file(const std::filesystem::path&, std::optional<int64_t> institution_id = std::nullopt);

// The process's anchor file, set once at start-up (empty: none, e.g. in unit tests).
void install(std::filesystem::path file);
std::filesystem::path installed_file();

// The latest anchor of an institution in the installed file. Reads only what was appended since
// the last call (by any process), so the public page can ask on every view.
std::optional<Anchor> latest(int64_t institution_id);

// Signs the institution's current head and appends it to the installed file. Unless `always`,
// nothing is written when the head has not moved since the latest anchor. Returns what was written.
std::optional<Anchor> checkpoint(db::Database&, const Clock&, int64_t institution_id, bool always);
// checkpoint() for every institution (the scheduled job); returns how many anchors were written.
int checkpoint_all(db::Database&, const Clock&);

}
