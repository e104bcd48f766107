#pragma once
// The Student Government President election (seed 003 §8): calendar, commission, candidates and
// their portfolios, the penalty register, ballot, voter roll, online and polling-station voting
// with secret ballots, counting, the results protocol and publication.
#include "http/context.hpp"
#include "http/registry.hpp"
#include "i18n/catalog.hpp"
#include "modules/elections/rules.hpp"
#include "storage/database.hpp"
#include <boost/json/object.hpp>
#include <optional>
#include <string>

namespace kenes::elections {

void register_module(http::Registry&);

inline constexpr const char* read_perm = "elections.read";
inline constexpr const char* run_perm = "elections.run";          // commission work, scoped to its members

struct Election {
    int64_t id = 0;
    std::string academic_year, title;
    CivilDate day;
    int64_t commission_body_id = 0, government_body_id = 0;
    std::optional<UnixMillis> list_published_at, ballot_approved_at, voting_closed_at, counted_at, results_published_at;
    std::optional<std::string> roll_cutoff;
    std::string ballot_json, results_json, tie_decision, ballot_set_hash;
    std::string protocol_snapshot, protocol_hash, protocol_signature, protocol_public_key;
    std::optional<std::string> protocol_verification;
    std::optional<UnixMillis> protocol_final_at;
    // Set while the title is the default one: it then reads in each user's language.
    std::optional<std::string> title_key;
    // The title in a language: the default title's words while title_key is set, else as typed.
    std::string title_in(const Catalog& c, Lang lang) const { return title_key ? c.format(lang, *title_key, { { "year", academic_year } }) : title; }
    Calendar cal() const { return calendar(day); }
    bool protocol_final() const { return protocol_final_at.has_value(); }
};

std::optional<Election> load_election(db::Tx&, int64_t institution_id, int64_t id);
// The election's phase on the server clock: registration, campaign, silence, voting,
// awaiting_close, counting, counted, published.
std::string phase(const Election&, UnixMillis now);

// The election with this id, or not_found. Who may act on it was decided by the route's policy.
Result<Election> election_of(db::Tx&, const http::Context&, int64_t election_id);
// Whether the user acts for the commission of the route's election or candidate (policy::run_election
// on the facts the dispatcher found): the commission sees nominations, eligibility and results
// before publication (ELEC-RES-1).
bool commission_sees(const http::Context&);

// "Surname Name Patronymic" of a person.

// Eligibility of a candidate on a date (ELEC-ELIG-1, DISC-PEN-6, ORG-7), from the data.
CandidateFacts candidate_facts(db::Tx&, int64_t institution_id, const Election&, int64_t person_id, bool leadership_confirmed, const CivilDate& registration_date);

// A random receipt code: 128 bits as 26 base32 characters in groups of four ("K7Q2-...").
std::string new_receipt();

// The candidates on the ballot (registered with an approved program) in the order of the
// language (ELEC-DAY-3).
std::vector<BallotName> ballot_candidates(db::Tx&, int64_t institution_id, int64_t election_id, Lang);

// The approved ballot: per language, the candidates in that language's order (ELEC-DAY-3).
boost::json::object ballot_names(db::Tx&, int64_t institution_id, int64_t election_id);
// ELEC-1: the voter roll, every student studying today.
void draw_up_roll(db::Tx&, int64_t institution_id, int64_t election_id);
// The results protocol in two numbered originals (documents.cpp).
std::string render_protocol_pdf(db::Tx&, int64_t institution_id, const Catalog&, Lang, const Election&, const std::string& verify_url);

// PostgreSQL: moves the ballots waiting in the inbox into the ballots table in random order, in
// the caller's transaction, so every stored ballot carries the closing transaction's id and a
// random place (a no-op on SQLite, where ballots are written directly).
void mix_ballots(db::Tx&, int64_t institution_id, int64_t election_id);

// The demo election's key ceremony, completed with keys generated on the server (demo only: real
// ceremonies run in the trustees' browsers). `members` in the trustees' order (person ids).
// Returns each trustee's secret (decimal) for the demo's decryption; nothing keeps them.
std::vector<std::string> seed_demo_key_ceremony(db::Tx&, UnixMillis now, int64_t institution_id, int64_t election_id, const std::vector<int64_t>& members);

// The demo's past verifiable election (this academic year's, voted in September): ballots cast
// with codes, a polling station counted, voting closed and the trustees' decryptions in, so the
// commission can count, sign and publish in the app, and the public page shows the board.
struct DemoPastElection {
    int64_t institution_id, commission_body_id, government_body_id;
    std::vector<int64_t> trustees; // commission members, by person id
    std::vector<int64_t> candidates; // persons
};
void seed_demo_past_election(db::Tx&, const Clock&, const Catalog&, const DemoPastElection&);

// The hour of the day in Almaty (turnout by hour; the roll keeps no finer time).
int64_t local_hour(UnixMillis);
// ELEC-DAY-1: the refusal of a vote outside 09:00-18:00 on election day.
Error outside_hours(const Calendar&);

namespace detail {
void register_document_routes(http::Registry&);
void register_needs(http::Registry&);
void register_election_routes(http::Registry&);
void register_candidate_routes(http::Registry&);
void register_voting_routes(http::Registry&);
void register_counting_routes(http::Registry&);
void register_public_routes(http::Registry&);
void register_trustee_routes(http::Registry&);
void register_credential_routes(http::Registry&);
void register_booth_routes(http::Registry&);
}

}
