// What the elections module contributes to home pages: on the "needs you" list, the ballot waiting
// for a voter on the roll while voting is open (ELEC-DAY-1), and for the commission the
// nominations still to register or whose program waits for review (ELEC-REG-3, ELEC-CAMP-3); in a
// person's overview, their candidacies.
#include "modules/elections/elections.hpp"
#include "modules/elections/policy.hpp"
#include <boost/json/array.hpp>

namespace kenes::elections {

using boost::json::object;
using http::Need;

namespace {

void ballots_waiting(db::Tx& tx, const http::Viewer& v, int64_t inst, int64_t me, UnixMillis now, std::vector<Need>& out)
{
    for (auto& r : tx.query("SELECT e.id FROM elections e JOIN voter_roll v ON v.institution_id = e.institution_id AND v.election_id = e.id "
                            "WHERE e.institution_id = ? AND v.person_id = ? AND v.voted_via IS NULL AND e.voting_closed_at IS NULL AND e.ballot_approved_at IS NOT NULL",
             { inst, me })) {
        auto e = load_election(tx, inst, r.i64(0));
        if (!e || phase(*e, now) != "voting")
            continue;
        out.push_back({ "election_vote", "self", &policy::vote, e->id, "/elections/" + std::to_string(e->id) + "/vote",
            object { { "title", e->title_in(v.catalog, v.lang) }, { "closes", almaty::iso_datetime(e->cal().voting_closes) } }, "" });
    }
}

void nominations_to_handle(db::Tx& tx, const http::Viewer& v, int64_t inst, int64_t me, const std::string& today, std::vector<Need>& out)
{
    for (auto& r : tx.query("SELECT e.id, e.title, count(*) FROM elections e JOIN election_candidates c ON c.institution_id = e.institution_id AND c.election_id = e.id "
                            "WHERE e.institution_id = ? AND e.list_published_at IS NULL AND (c.status = 'submitted' OR (c.status = 'registered' AND c.program_review = 'pending')) "
                            "AND EXISTS (SELECT 1 FROM memberships ms WHERE ms.institution_id = e.institution_id AND ms.body_id = e.commission_body_id "
                            "AND ms.person_id = ? AND ms.starts_on <= ? AND (ms.ends_on IS NULL OR ms.ends_on >= ?)) "
                            "GROUP BY e.id, e.title ORDER BY e.id",
             { inst, me, today, today })) {
        auto e = load_election(tx, inst, r.i64(0));
        out.push_back({ "election_candidates", "elections.run", &policy::run_election, r.i64(0), "/elections/" + std::to_string(r.i64(0)),
            object { { "title", e ? e->title_in(v.catalog, v.lang) : r.str(1) }, { "count", r.i64(2) } }, "" });
    }
}

std::vector<Need> needs_of(db::Tx& tx, const http::Viewer& v)
{
    auto& p = v.user;
    auto& clock = v.clock;
    std::vector<Need> out;
    if (!p.person_id)
        return out;
    ballots_waiting(tx, v, p.institution_id, *p.person_id, clock.now(), out);
    nominations_to_handle(tx, v, p.institution_id, *p.person_id, almaty::local_date(clock.now()).iso(), out);
    return out;
}

// Candidacies on a published list (ELEC-CAMP-1: public from then on), or all of the person's own.
boost::json::array candidacies(db::Tx& tx, const http::Viewer& v, int64_t person, bool published)
{
    auto& p = v.user;
    boost::json::array items;
    for (auto& r : tx.query(std::string("SELECT c.id, e.id, e.title, e.election_day, c.status, c.program_review "
                                        "FROM election_candidates c JOIN elections e ON e.institution_id = c.institution_id AND e.id = c.election_id "
                                        "WHERE c.institution_id = ? AND c.person_id = ? AND ")
                     + (published ? "e.list_published_at IS NOT NULL AND c.status = 'registered'" : "e.list_published_at IS NULL")
                     + " ORDER BY e.election_day DESC LIMIT 10",
             { p.institution_id, person })) {
        auto e = load_election(tx, p.institution_id, r.i64(1));
        items.push_back(object { { "id", r.i64(0) }, { "election_id", r.i64(1) }, { "title", e ? e->title_in(v.catalog, v.lang) : r.str(2) }, { "election_day", r.str(3) }, { "status", r.str(4) },
            { "program_review", r.str(5) }, { "phase", e ? phase(*e, v.clock.now()) : std::string() } });
    }
    return items;
}

}

void detail::register_needs(http::Registry& r)
{
    r.needs.push_back({ "elections", needs_of });
    r.person_sections.push_back({ "candidacies", &policy::person_candidacies,
        [](db::Tx& tx, const http::Viewer& v, const authz::Facts&, int64_t person) -> boost::json::value { return candidacies(tx, v, person, true); } });
    r.person_sections.push_back({ "nominations", &policy::person_nominations,
        [](db::Tx& tx, const http::Viewer& v, const authz::Facts&, int64_t person) -> boost::json::value { return candidacies(tx, v, person, false); } });
}

}
