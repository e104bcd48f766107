#pragma once
// Who may see the pages that gather from every module: a person's overview and the setup checklist.
#include "security/policy.hpp"

namespace kenes::home::policy {

// A student's overview: the student, their legal representatives (GEN-3), the curator of their
// group and the administration. Each module's section asks its own policy as well.
extern const authz::Policy read_overview;
// The setup checklist of an institution: its administration.
extern const authz::Policy read_setup;

}
