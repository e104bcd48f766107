#include "modules/home/policy.hpp"
#include "modules/people/policy.hpp"

namespace kenes::home::policy {

using authz::Rel;

const authz::Policy read_overview { "person.read_overview", &people::policy::person,
    { { Rel::OwnRecord }, { Rel::OwnChild }, { Rel::OwnGroup }, { Rel::Administration } } };
const authz::Policy read_setup { "institution.read_setup", &authz::institution, { { Rel::Administration } } };

}
