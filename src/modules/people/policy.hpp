#pragma once
// Who may do what to persons, groups and roster imports (GEN-3: personal data of minors and
// families only for the relationships that need it).
#include "security/policy.hpp"

namespace kenes::people::policy {

extern const authz::ObjectKind person;   // a person, with the user's relationship to them
extern const authz::ObjectKind group;    // a study group
extern const authz::ObjectKind import;   // an uploaded roster
// A study group with the user's standing to it: its curator is OwnGroup (attendance, discipline).
extern const authz::ObjectKind curated_group;

// The user's relationships to a person: their own record, their child, a student of a group
// they curate (or a representative of one), and their standing in the institution.
std::optional<authz::Facts> person_facts(db::Tx&, const Principal&, int64_t person_id);

extern const authz::Policy read_person;        // the directory entry: the institution (people.read)
extern const authz::Policy read_sensitive;     // birth date, contacts, family: the administration and the curator of the group (GEN-3)
extern const authz::Policy write_person;       // the institution (people.write)
extern const authz::Policy manage_group;
extern const authz::Policy use_import;

}
