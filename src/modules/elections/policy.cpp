#include "modules/elections/policy.hpp"
#include "modules/people/policy.hpp"

namespace kenes::elections::policy {

using authz::Rel;

namespace {
std::string today(const Clock& clock) { return almaty::local_date(clock.now()).iso(); }
}

authz::Facts commission_facts(db::Tx& tx, const Principal& p, int64_t commission_body_id, const std::string& date)
{
    auto facts = authz::standing(p);
    if (p.person_id
        && tx.query_one("SELECT 1 FROM memberships WHERE institution_id = ? AND body_id = ? AND person_id = ? AND starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?)",
            { p.institution_id, commission_body_id, *p.person_id, date, date }))
        facts.add(Rel::Commission);
    return facts;
}

const authz::ObjectKind election { "election", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock& clock) -> std::optional<authz::Facts> {
        auto e = tx.query_one("SELECT commission_body_id, results_published_at FROM elections WHERE institution_id = ? AND id = ?", { p.institution_id, id });
        if (!e)
            return std::nullopt;
        auto facts = commission_facts(tx, p, e->i64(0), today(clock));
        if (e->is_null(1))
            facts.set(authz::Flag::Unpublished);
        return facts;
    },
    "an election; its commission counted today" };

const authz::ObjectKind candidate { "election_candidate", "id",
    [](db::Tx& tx, const Principal& p, int64_t id, const Clock& clock) -> std::optional<authz::Facts> {
        auto c = tx.query_one("SELECT e.commission_body_id, c.person_id FROM election_candidates c JOIN elections e ON e.institution_id = c.institution_id "
                              "AND e.id = c.election_id WHERE c.institution_id = ? AND c.id = ?",
            { p.institution_id, id });
        if (!c)
            return std::nullopt;
        auto facts = commission_facts(tx, p, c->i64(0), today(clock));
        if (p.person_id && c->i64(1) == *p.person_id)
            facts.add(Rel::OwnRecord);
        return facts;
    },
    "a candidate of an election" };


namespace {
const std::vector<authz::Grant> commission { { Rel::Commission }, { Rel::Administration } };
}

const authz::Policy read_election { "election.read", &election, { { Rel::SameInstitution } } };
const authz::Policy read_results { "election.read_results", &election,
    { { Rel::Commission }, { Rel::Administration }, { .rel = Rel::SameInstitution, .unless = authz::Flag::Unpublished } } };
const authz::Policy run_election { "election.run", &election, commission };
// The trustees' key ceremony (issue 13): the commission and the administration start it and follow
// it; only the commission's members are trustees (the administration holds no key share).
const authz::Policy key_ceremony { "election.key_ceremony", &election, commission };
const authz::Policy act_as_trustee { "election.trustee", &election, { { Rel::Commission } } };
const authz::Policy vote { "election.vote", &election, { { Rel::SameInstitution } } };
const authz::Policy run_candidate { "election_candidate.run", &candidate, commission };
const authz::Policy offer_material { "election_candidate.material", &candidate, { { Rel::Commission }, { Rel::Administration }, { Rel::OwnRecord } } };

const authz::Policy person_candidacies { "person.read_candidacies", &people::policy::person,
    { { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::OwnGroup }, { Rel::Administration } } };
const authz::Policy person_nominations { "person.read_nominations", &people::policy::person, { { Rel::OwnRecord } } };

}
