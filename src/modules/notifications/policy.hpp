#pragma once
// A notice is its addressee's alone; a person's delivery record is the administration's and
// their curator's too.
#include "security/policy.hpp"

namespace kenes::notifications::policy {

extern const authz::ObjectKind notice;
extern const authz::Policy read_own;   // the addressee
// Which notices reached a person and when they read them: the administration and the curator of
// the person's group (REP-1); not the person's parents, not other students, not other teachers.
extern const authz::Policy person_deliveries;

}
