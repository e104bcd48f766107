#pragma once
// Who may do what in an election: the commission's members (and the institution's
// administration) act for the commission; everyone of the institution reads what is published
// and votes where the roll lists them (ELEC-1 is a rule of the voting code, not a policy).
#include "security/policy.hpp"

namespace kenes::elections::policy {

extern const authz::ObjectKind election;    // an election, with the user's seat on its commission today
extern const authz::ObjectKind candidate;   // a candidate of an election: the commission's, and the candidate's own

// The user's relationships to the commission body of an election.
authz::Facts commission_facts(db::Tx&, const Principal&, int64_t commission_body_id, const std::string& date);

extern const authz::Policy read_election;     // the institution; results before publication only for the commission (ELEC-RES-1)
extern const authz::Policy read_results;      // the results protocol: the commission, everyone once published (ELEC-RES-1)
extern const authz::Policy run_election;      // the commission and the administration
extern const authz::Policy key_ceremony;      // the trustees' key ceremony: start and follow it (commission, administration)
extern const authz::Policy act_as_trustee;    // send a trustee's messages: the commission's members only
extern const authz::Policy vote;              // the institution (the roll decides, ELEC-1)
extern const authz::Policy run_candidate;     // the commission and the administration
extern const authz::Policy offer_material;    // the commission, and the candidate (refused by ELEC-CAMP-2 unless the commission publishes)
// Overview sections: a person's candidacies on a published list (the person, parents, curator,
// administration), and their nominations the commission is still considering (the person only).
extern const authz::Policy person_candidacies;
extern const authz::Policy person_nominations;

}
