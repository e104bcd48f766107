// The demo's past verifiable election: what `make run` shows of the booth, the board and the count.
// Everything real elections do in browsers (the trustees' keys, the voters' ballots, the
// decryptions) is done here with the same libraries, because the demo has nobody to do it.
#include "modules/elections/belenios.hpp"
#include "modules/elections/elections.hpp"
#include "security/crypto.hpp"
#include "security/signing.hpp"
#include "verifiable/credential.hpp"
#include "verifiable/election.hpp"
#include "verifiable/tally.hpp"
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace kenes::elections {

namespace vf = verifiable;

namespace {

constexpr UnixMillis k_day = 24LL * 3600 * 1000;

// This academic year's election if it is over, else last year's.
int past_election_year(UnixMillis now)
{
    int first = std::stoi(academic_year_of(almaty::local_date(now)).substr(0, 4));
    if (now < calendar(default_election_day(first)).voting_closes + k_day)
        --first;
    return first;
}

void add_candidate(db::Tx& tx, int64_t inst, int64_t election, int64_t person, UnixMillis at)
{
    static const std::string program = "Студенттік кеңестің есігі әрқашан ашық болады: әр топтың ұсынысын тыңдап, жатақхана мен асхана мәселелерін "
                                       "әкімшілікпен бірге шешеміз, спорт пен шығармашылық үйірмелерін көбейтеміз.";
    tx.exec("INSERT INTO election_candidates (institution_id, id, election_id, person_id, status, program, program_lang, program_words, program_review, "
            "leadership_confirmed, registered_at, created_at) VALUES (?, ?, ?, ?, 'registered', ?, 'kk', 24, 'approved', 1, ?, ?)",
        { inst, tx.next_id(), election, person, program, at, at });
}

}

void seed_demo_past_election(db::Tx& tx, const Clock& clock, const Catalog& catalog, const DemoPastElection& d)
{
    if (d.trustees.empty() || d.candidates.size() < 2)
        return;
    int64_t inst = d.institution_id;
    int first = past_election_year(clock.now());
    auto cal = calendar(default_election_day(first));
    std::string year = std::to_string(first) + "-" + std::to_string(first + 1);
    int64_t id = tx.next_id();
    UnixMillis created = cal.voting_opens - 40 * k_day, published = cal.voting_opens - 15 * k_day, approved = cal.voting_opens - 5 * k_day;
    tx.exec("INSERT INTO elections (institution_id, id, academic_year, title, election_day, commission_body_id, government_body_id, created_at, title_key, "
            "list_published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        { inst, id, year, catalog.format(Lang::Kk, "election.default_title", { { "year", year } }), cal.election_day.iso(), d.commission_body_id,
            d.government_body_id, created, "election.default_title", published });
    for (auto person : d.candidates)
        add_candidate(tx, inst, id, person, created + k_day);
    draw_up_roll(tx, inst, id);
    tx.exec("UPDATE elections SET ballot_json = ?, ballot_approved_at = ?, roll_cutoff = ? WHERE institution_id = ? AND id = ?",
        { boost::json::serialize(ballot_names(tx, inst, id)), approved, almaty::local_date(approved).iso(), inst, id });
    auto secrets = seed_demo_key_ceremony(tx, approved, inst, id, d.trustees);

    // The codes, issued after the ceremony; nobody keeps them (the demo's voters voted already).
    std::vector<int64_t> roll;
    for (auto& r : tx.query("SELECT person_id FROM voter_roll WHERE institution_id = ? AND election_id = ? ORDER BY person_id", { inst, id }))
        roll.push_back(r.i64(0));
    std::string uuid = vf::generate_uuid();
    auto codes = make_codes(roll.size(), uuid);
    auto election = *load_election(tx, inst, id);
    if (!store_credentials(tx, inst, election, catalog, uuid, roll, codes, false, approved + 3600 * 1000, std::nullopt).ok())
        return;
    auto b = *load_belenios(tx, inst, id);
    vf::ElectionContext ctx(vf::parse_election(b.election_json).value(), b.election_json);
    vf::CredentialSet publics;
    for (auto& c : codes)
        publics.insert(c.public_credential);

    // Two of every three voters of the first 36 voted online, for the first candidate named
    // (Әлия, the President) three times in five; four voted at the polling station.
    size_t favourite = 0;
    for (size_t i = 0; i < b.answers.size(); ++i)
        if (tx.query_one("SELECT 1 FROM election_candidates WHERE institution_id = ? AND id = ? AND person_id = ?", { inst, b.answers[i], d.candidates[0] }))
            favourite = i;
    size_t online = 0;
    for (size_t i = 0; i < roll.size() && i < 36; ++i) {
        if (i % 3 == 2)
            continue;
        std::vector<int> choice(b.answers.size(), 0);
        choice[online % 5 < 3 ? favourite : (favourite + 1) % b.answers.size()] = 1;
        auto text = vf::make_ballot(ctx, codes[i].code, { choice });
        auto verified = std::get<vf::VerifiedBallot>(vf::verify_ballot(text, ctx, publics));
        tx.exec("INSERT INTO election_board (institution_id, election_id, credential, tracker, ballot) VALUES (?, ?, ?, ?, ?)",
            { inst, id, verified.credential, verified.tracker, verified.text });
        tx.exec("INSERT INTO election_board_seen (institution_id, election_id, content_hash) VALUES (?, ?, ?)", { inst, id, verified.content_hash });
        tx.exec("UPDATE voter_roll SET voted_via = 'online', voted_hour = ? WHERE institution_id = ? AND election_id = ? AND person_id = ?",
            { int64_t(9 + online % 9), inst, id, roll[i] });
        ++online;
    }
    int64_t station = tx.next_id();
    boost::json::array paper;
    for (size_t i = 0; i < b.answers.size(); ++i)
        paper.push_back(boost::json::object { { "candidate_id", b.answers[i] }, { "votes", i == favourite ? 3 : (i == (favourite + 1) % b.answers.size() ? 1 : 0) } });
    tx.exec("INSERT INTO polling_stations (institution_id, id, election_id, name, counted_at, votes_json, invalid, unknown_form) VALUES (?, ?, ?, ?, ?, ?, 0, 0)",
        { inst, station, id, "Бас ғимарат, 1-қабат", cal.voting_closes + 3600 * 1000, boost::json::serialize(paper) });
    for (size_t i = 36, marked = 0; i < roll.size() && marked < 4; ++i, ++marked)
        tx.exec("UPDATE voter_roll SET voted_via = 'station', voted_hour = ?, station_id = ?, paper_signature = 1 WHERE institution_id = ? AND election_id = ? AND person_id = ?",
            { int64_t(10 + marked), station, inst, id, roll[i] });

    // Closed, with the encrypted tally and every trustee's decryption: the count is the commission's.
    tx.exec("UPDATE elections SET voting_closed_at = ?, ballot_set_hash = ? WHERE institution_id = ? AND id = ?",
        { cal.voting_closes + 600 * 1000, crypto::to_hex(signing::sha256("")), inst, id });
    int64_t tallied = 0;
    auto tally_text = tally_board(tx, inst, id, b, &tallied);
    tx.exec("UPDATE election_belenios SET encrypted_tally = ?, num_tallied = ? WHERE institution_id = ? AND election_id = ?", { tally_text, tallied, inst, id });
    auto tally = *vf::parse_encrypted_tally(tally_text, ctx.election);
    for (size_t j = 0; j < secrets.size(); ++j)
        tx.exec("UPDATE election_trustees SET decryption = ?, decryption_at = ? WHERE institution_id = ? AND election_id = ? AND number = ?",
            { vf::serialize(vf::make_partial_decryption(ctx, tally, *vf::Num::parse(secrets[j]))), cal.voting_closes + 1800 * 1000, inst, id, int64_t(j + 1) });
}

}
