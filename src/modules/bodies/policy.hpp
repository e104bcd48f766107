#pragma once
// Who may do what to bodies, their sessions, agenda items and candidacies: the one place where
// the bodies module decides it (see security/policy.hpp). Other modules use these policies for
// objects that belong to a body (plans, reports, events).
#include "security/policy.hpp"

namespace kenes::bodies::policy {

// Objects, each found by the path parameter {id}.
extern const authz::ObjectKind body;          // a body, with the user's seat in it today
extern const authz::ObjectKind meeting;       // a session, with the user's seat on its date
extern const authz::ObjectKind agenda_item;   // an item of a session
extern const authz::ObjectKind candidacy;     // a candidate for membership (ORG-6)

// The relationships a user has to a body on a date (its members, officers, managers), and the
// body's confidentiality; nullopt when there is no such body in the user's institution.
std::optional<authz::Facts> body_facts(db::Tx&, const Principal&, int64_t body_id, const std::string& date);

extern const authz::Policy read_body;          // a body's page, members and rules: the institution
extern const authz::Policy manage_body;        // rules and seats: the managers of bodies
extern const authz::Policy found_body;         // the founding act (ORG-6): the administration and the principal's office (bodies.manage)
extern const authz::Policy run_body;           // convene, propose candidates, plans and reports: officers and managers
extern const authz::Policy read_sessions;      // a body's sessions: members, officers, administration; anyone of the institution unless confidential
extern const authz::Policy read_meeting;       // the same for one session, its live stream and protocol
extern const authz::Policy run_meeting;        // attendance, agenda, closing, publishing the protocol
extern const authz::Policy sign_protocol;      // the members (present ones, checked by MTG-7)
extern const authz::Policy run_item;           // opening and closing votes
extern const authz::Policy vote_on_item;       // votes and dissents: the members (MTG-6 and presence are rules)
extern const authz::Policy decide_candidacy;   // recording the Council's decision (ORG-6)

// Sections of a person's overview (home pages): the person, their parents, curator, administration.
extern const authz::Policy person_positions;   // the person's seats in bodies
extern const authz::Policy person_sessions;    // the sessions ahead of them: the person only

}
