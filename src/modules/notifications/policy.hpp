#pragma once
// A notice is its addressee's alone.
#include "security/policy.hpp"

namespace kenes::notifications::policy {

extern const authz::ObjectKind notice;
extern const authz::Policy read_own;   // the addressee

}
