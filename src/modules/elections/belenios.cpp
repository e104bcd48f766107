#include "modules/elections/belenios.hpp"
#include "security/crypto.hpp"
#include "security/signing.hpp"
#include "verifiable/archive.hpp"
#include "verifiable/credential.hpp"
#include "verifiable/election.hpp"
#include "verifiable/tally.hpp"
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <algorithm>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <unistd.h>

namespace kenes::elections {

namespace vf = verifiable;

bool is_verifiable(db::Tx& tx, int64_t inst, int64_t id)
{
    return tx.query_one("SELECT 1 FROM election_key_ceremonies WHERE institution_id = ? AND election_id = ? AND completed_at IS NOT NULL", { inst, id }).has_value();
}

std::optional<BeleniosElection> load_belenios(db::Tx& tx, int64_t inst, int64_t id)
{
    auto r = tx.query_one("SELECT b.uuid, b.election_json, b.fingerprint, k.trustees_json, b.public_credentials, b.answers, b.revote, b.issued_at, "
                          "b.encrypted_tally, b.num_tallied, b.result FROM election_belenios b JOIN election_key_ceremonies k "
                          "ON k.institution_id = b.institution_id AND k.election_id = b.election_id WHERE b.institution_id = ? AND b.election_id = ?",
        { inst, id });
    if (!r)
        return std::nullopt;
    BeleniosElection b { r->str(0), r->str(1), r->str(2), r->str(3), r->str(4), {}, r->i64(6) != 0, r->i64(7), r->opt_str(8), r->is_null(9) ? 0 : r->i64(9),
        r->opt_str(10) };
    auto answers = boost::json::parse(r->str(5));
    for (auto& v : answers.as_array())
        b.answers.push_back(v.as_int64());
    return b;
}

std::shared_ptr<const BoothKeys> booth_keys(db::Database& db, int64_t inst, int64_t id)
{
    static std::shared_mutex mutex;
    static std::map<std::pair<int64_t, int64_t>, std::shared_ptr<const BoothKeys>> cache;
    {
        std::shared_lock lock(mutex);
        if (auto it = cache.find({ inst, id }); it != cache.end())
            return it->second;
    }
    auto b = db.read([&](db::Tx& tx) { return load_belenios(tx, inst, id); });
    if (!b)
        return nullptr;
    auto parsed = vf::parse_election(b->election_json);
    if (!parsed.ok())
        return nullptr;
    auto keys = std::make_shared<BoothKeys>();
    keys->election = std::make_shared<const vf::ElectionContext>(*parsed, b->election_json);
    auto creds = std::make_shared<vf::CredentialSet>();
    auto publics = boost::json::parse(b->public_credentials_json);
    for (auto& v : publics.as_array())
        creds->insert(std::string(v.as_string()));
    keys->credentials = std::move(creds);
    keys->answers = b->answers;
    keys->revote = b->revote;
    std::unique_lock lock(mutex);
    return cache.emplace(std::pair { inst, id }, std::move(keys)).first->second;
}

std::string roll_token_hash(std::string_view roll_token) { return crypto::to_hex(signing::sha256(roll_token)); }

std::string roll_token_of(std::string_view credential) { return crypto::to_hex(signing::sha256("kenes-roll|" + std::string(credential))); }

std::vector<IssuedCode> make_codes(size_t count, const std::string& uuid)
{
    std::vector<IssuedCode> out;
    out.reserve(count);
    for (size_t i = 0; i < count; ++i) {
        auto code = vf::generate_credential();
        out.push_back({ code, roll_token_hash(roll_token_of(code)), vf::public_credential(vf::credential_secret(code, uuid)).str() });
    }
    return out;
}

Result<std::string> store_credentials(db::Tx& tx, int64_t inst, const Election& e, const Catalog& catalog, const std::string& uuid,
    const std::vector<int64_t>& persons, const std::vector<IssuedCode>& codes, bool revote, UnixMillis now, std::optional<int64_t> issued_by)
{
    auto key = tx.query_one("SELECT public_key FROM election_key_ceremonies WHERE institution_id = ? AND election_id = ? AND completed_at IS NOT NULL", { inst, e.id });
    if (!key)
        return Error { ErrorCode::Conflict, "election.trustees.incomplete" };
    vf::Election election;
    election.name = e.title_in(catalog, Lang::Kk);
    election.description = election.name;
    election.public_key = *vf::Num::parse(key->str(0));
    election.uuid = uuid;
    vf::Question q;
    boost::json::array answers;
    for (auto& c : ballot_candidates(tx, inst, e.id, Lang::Kk)) {
        answers.emplace_back(c.candidate_id);
        q.answers.push_back(c.surname + " " + c.name + (c.patronymic.empty() ? "" : " " + c.patronymic));
    }
    q.min = q.max = 1;
    q.question = catalog.format(Lang::Kk, "election.belenios.question", {});
    election.questions.push_back(std::move(q));
    auto text = vf::serialize(election);
    auto fingerprint = vf::fingerprint(text);
    std::vector<std::string> publics;
    for (auto& c : codes)
        publics.push_back(c.public_credential);
    std::sort(publics.begin(), publics.end());
    boost::json::array public_json;
    for (auto& p : publics)
        public_json.emplace_back(p);
    tx.exec("INSERT INTO election_belenios (institution_id, election_id, uuid, election_json, fingerprint, public_credentials, answers, revote, issued_at, issued_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        { inst, e.id, uuid, text, fingerprint, boost::json::serialize(public_json), boost::json::serialize(answers), int64_t(revote), now,
            issued_by ? db::Value(*issued_by) : db::Value(db::Null {}) });
    for (size_t i = 0; i < persons.size(); ++i)
        if (tx.exec("UPDATE voter_roll SET code_hash = ? WHERE institution_id = ? AND election_id = ? AND person_id = ? AND voted_via IS NULL",
                { codes[i].roll_hash, inst, e.id, persons[i] })
            != 1)
            return Error { ErrorCode::Conflict, "election.credentials.roll_changed" };
    return fingerprint;
}

std::string tally_board(db::Tx& tx, int64_t inst, int64_t id, const BeleniosElection& b, int64_t* num_tallied)
{
    auto election = vf::parse_election(b.election_json);
    std::vector<vf::VerifiedBallot> ballots;
    (void)for_each_board_ballot(tx, inst, id, [&](std::string_view ballot) -> Status {
        // Every ballot on the board was verified when it was accepted.
        auto choices = vf::ballot_choices(ballot, *election);
        if (choices)
            ballots.push_back({ {}, std::move(*choices), {}, {} });
        return Ok {};
    });
    std::vector<const vf::VerifiedBallot*> all;
    for (auto& v : ballots)
        all.push_back(&v);
    if (num_tallied)
        *num_tallied = int64_t(all.size());
    return vf::serialize(vf::encrypted_tally(*election, all));
}

std::vector<std::string> board_trackers(db::Tx& tx, int64_t inst, int64_t id)
{
    std::string order = tx.dialect() == db::Dialect::Postgres ? " ORDER BY tracker COLLATE \"C\"" : " ORDER BY tracker";
    std::vector<std::string> out;
    for (auto& r : tx.query("SELECT tracker FROM election_board WHERE institution_id = ? AND election_id = ?" + order, { inst, id }))
        out.push_back(r.str(0));
    return out;
}

Status for_each_board_ballot(db::Tx& tx, int64_t inst, int64_t id, const std::function<Status(std::string_view)>& fn)
{
    // The trackers first (44 bytes each), then the ballots a page at a time by their unique index.
    auto trackers = board_trackers(tx, inst, id);
    constexpr std::size_t page = 64;
    for (std::size_t from = 0; from < trackers.size(); from += page) {
        std::size_t to = std::min(trackers.size(), from + page);
        std::string sql = "SELECT tracker, ballot FROM election_board WHERE institution_id = ? AND election_id = ? AND tracker IN (?";
        db::Params params { inst, id, trackers[from] };
        for (std::size_t k = from + 1; k < to; ++k) {
            sql += ",?";
            params.emplace_back(trackers[k]);
        }
        std::unordered_map<std::string, std::string> ballots;
        for (auto& r : tx.query(sql + ")", params))
            ballots.emplace(r.str(0), r.str(1));
        for (std::size_t k = from; k < to; ++k)
            TRY(fn(ballots.at(trackers[k])));
    }
    return Ok {};
}

std::vector<std::pair<int, std::string>> decryptions_of(db::Tx& tx, int64_t inst, int64_t id)
{
    std::vector<std::pair<int, std::string>> out;
    for (auto& r : tx.query("SELECT number, decryption FROM election_trustees WHERE institution_id = ? AND election_id = ? AND decryption <> '' ORDER BY number",
             { inst, id }))
        out.emplace_back(int(r.i64(0)), r.str(1));
    return out;
}

Result<std::string> write_archive(db::Tx& tx, int64_t inst, int64_t id, const std::filesystem::path& file, bool decryptions)
{
    auto b = load_belenios(tx, inst, id);
    if (!b)
        return Error { ErrorCode::Conflict, "election.credentials.not_issued" };
    // The archive's clock is the issue of the codes: the same data always gives the same bytes.
    // A tar header holds 11 octal digits of seconds (until 2242); the tests' clocks run later.
    auto out = TRY(vf::ArchiveWriter::create(file, std::min<long long>(b->issued_at / 1000, 077777777777LL)));
    TRY(out.setup(b->election_json, b->trustees_json, b->public_credentials_json));
    TRY(for_each_board_ballot(tx, inst, id, [&](std::string_view ballot) { return out.ballot(ballot); }));
    if (b->encrypted_tally) {
        TRY(out.end_ballots());
        TRY(out.encrypted_tally(*b->encrypted_tally, size_t(b->num_tallied), size_t(b->num_tallied)));
        if (decryptions) {
            for (auto& [owner, text] : decryptions_of(tx, inst, id))
                TRY(out.partial_decryption(owner, text));
            if (b->result)
                TRY(out.result(*b->result));
        }
    }
    return out.last_event();
}

namespace {

// What the public archive holds, cheap to read: every accepted ballot (a revote too) adds a
// content hash, and the close, each decryption, the count and the publication change the rest.
std::string archive_version(db::Tx& tx, int64_t inst, int64_t id, const BeleniosElection& b, bool published)
{
    auto seen = tx.query_one("SELECT COUNT(*) FROM election_board_seen WHERE institution_id = ? AND election_id = ?", { inst, id })->i64(0);
    return b.fingerprint + "|" + std::to_string(seen) + "|" + std::to_string(b.num_tallied) + "|" + (b.encrypted_tally ? "t" : "-")
        + (published ? "p" + std::to_string(decryptions_of(tx, inst, id).size()) + (b.result ? "r" : "-") : "-");
}

// A temporary file for an archive, removed with the last response that streams it.
struct TempArchive {
    std::filesystem::path path;
    TempArchive();
    ~TempArchive();
    TempArchive(const TempArchive&) = delete;
    TempArchive& operator=(const TempArchive&) = delete;
};

TempArchive::TempArchive()
    : path(std::filesystem::temp_directory_path() / ("kenes-archive-" + std::to_string(::getpid()) + "-" + new_receipt() + ".bel"))
{
}

TempArchive::~TempArchive()
{
    std::error_code ec;
    std::filesystem::remove(path, ec);
}

struct CachedArchive {
    std::string version;
    std::shared_ptr<const TempArchive> file;
};
std::mutex archive_cache_mutex; // also serialises the builds: one archive is written at a time
std::map<std::pair<int64_t, int64_t>, CachedArchive> archive_cache;

}

Result<PublicArchive> public_archive(db::Database& db, int64_t inst, int64_t id)
{
    // The version and the build come from one snapshot, so a file always holds what its version
    // says. Requests wait for each other here: a build is rare, a version read costs a count.
    std::lock_guard lock(archive_cache_mutex);
    return db.read([&](db::Tx& tx) -> Result<PublicArchive> {
        auto e = load_election(tx, inst, id);
        auto b = e ? load_belenios(tx, inst, id) : std::nullopt;
        if (!b)
            return Error::not_found();
        // Until the result is published (ELEC-RES-1) the decryptions stay off the public archive:
        // with them anyone could combine the result.
        bool published = e->results_published_at.has_value();
        auto version = archive_version(tx, inst, id, *b, published);
        auto& cached = archive_cache[{ inst, id }];
        if (cached.version != version || !cached.file) {
            auto file = std::make_shared<TempArchive>();
            TRY(write_archive(tx, inst, id, file->path, published));
            cached = { version, std::move(file) };
        }
        return PublicArchive { b->uuid, cached.version, std::shared_ptr<const std::filesystem::path>(cached.file, &cached.file->path) };
    });
}

Result<std::filesystem::path> export_belenios(db::Database& db, int64_t id, const std::filesystem::path& dir)
{
    return db.read([&](db::Tx& tx) -> Result<std::filesystem::path> {
        auto r = tx.query_one("SELECT institution_id FROM elections WHERE id = ?", { id });
        if (!r)
            return Error::not_found();
        auto b = load_belenios(tx, r->i64(0), id);
        if (!b)
            return Error { ErrorCode::Conflict, "election.credentials.not_issued" };
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        auto file = dir / (b->uuid + ".bel");
        TRY(write_archive(tx, r->i64(0), id, file, true));
        return file;
    });
}

}
