#pragma once
// Object-level authorization: which relationship to an object allows which action on it.
//
// A route names two things: the permission its role must hold (the catalogue, permissions.hpp:
// "may this kind of user use this part of Kenes at all?") and an object policy ("may this user
// do this to *this* object?"). Each module declares its objects and policies in one file,
// src/modules/<m>/policy.cpp. The dispatcher loads the object's facts (the user's
// relationships to it) and asks the policy before the handler runs; handlers hold no role checks.
// Default deny: a policy allows only through the grants it lists.
#include "core/clock.hpp"
#include "security/principal.hpp"
#include "storage/database.hpp"
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kenes::authz {

// How a user stands to an object. Loaders compute these; policies grant actions to them.
enum class Rel : uint8_t {
    Anyone,             // no sign-in needed (public pages)
    Account,            // the signed-in user acting on their own account (me, my notifications)
    SameInstitution,    // the object belongs to the user's institution
    Administration,     // the institution's administrator (institution_admin or system_admin)
    Manager,            // holds the managing permission of the object's module (e.g. bodies.manage)
    OwnRecord,          // the object is the user's own person record, or about it
    OwnChild,           // the user is a legal representative of the student the object is about
    OwnGroup,           // the user curates the group of the student the object is about
    BodyMember,         // a member of the body the object belongs to, on the object's date
    BodyOfficer,        // its chair, vice-chair or secretary
    Commission,         // a member of this election's commission
    BoundBody,          // a member of the body the object binds (the Secretariat an instruction binds, ORG-11)
    Ombudsman,          // holds the Ombudsman position of the Student Government on the day (APL-4)
    Involved,           // the object was put in their hands: a statement's assignee, a reception's
                        // receiver, a person the ombudsman shared a complaint with
    Count_
};

// What an object is, as far as a grant may depend on it.
enum class Flag : uint8_t {
    Confidential,   // a session of a confidential commission (disciplinary, encouragement, hostel)
    Privileged,     // an account holding a role the user could not grant themselves
    Unpublished,    // an election whose results are not published yet (ELEC-RES-1)
    Undisclosed,    // a disciplinary case the student asked to keep undisclosed until the decision (DISC-CASE-5)
    Count_
};

std::string_view rel_name(Rel);
std::string_view flag_name(Flag);

struct Facts {
    uint32_t rels = 0;
    uint32_t flags = 0;

    Facts& add(Rel r) { rels |= 1u << unsigned(r); return *this; }
    Facts& set(Flag f) { flags |= 1u << unsigned(f); return *this; }
    bool has(Rel r) const { return rels & (1u << unsigned(r)); }
    bool is(Flag f) const { return flags & (1u << unsigned(f)); }
};

// A relationship that allows the action, unless the object carries a flag.
struct Grant {
    Rel rel;
    std::optional<Flag> unless = std::nullopt;
};

// Finds the object a route names (by a path parameter) and the user's relationships to it.
// nullopt: no such object in the user's institution (404, so ids of other schools tell nothing).
using Loader = std::function<std::optional<Facts>(db::Tx&, const Principal&, int64_t id, const Clock&)>;

struct ObjectKind {
    std::string name;     // "meeting"
    std::string param;    // the path parameter with its id; empty: the institution or the account itself
    Loader load;          // absent for kinds without an id
    std::string about;    // one line for the policy table
};

struct Policy {
    std::string action;   // "meeting.run"
    const ObjectKind* object;
    std::vector<Grant> grants;
};

// The pure decision.
bool allows(const Policy&, const Facts&);

// Facts every kind starts from: the user's standing in their institution.
Facts standing(const Principal&, const char* manage_permission = nullptr);

// Objects without an id.
extern const ObjectKind public_page;     // anyone, signed in or not
extern const ObjectKind own_account;     // the signed-in user's own account
extern const ObjectKind institution;     // the user's institution as a whole (lists, creation)

extern const Policy anyone;              // public pages
extern const Policy account;             // the signed-in user's own account and data
extern const Policy in_institution;      // anything of one's own institution that the route's permission allows

// "anyone", "account", "same institution", "body officer unless confidential", ... for the table.
std::string describe(const Policy&);

}
