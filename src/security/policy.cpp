#include "security/policy.hpp"
#include "security/permissions.hpp"

namespace kenes::authz {

std::string_view rel_name(Rel r)
{
    switch (r) {
    case Rel::Anyone: return "anyone";
    case Rel::Account: return "own account";
    case Rel::SameInstitution: return "same institution";
    case Rel::Administration: return "administration";
    case Rel::Manager: return "manager";
    case Rel::OwnRecord: return "own record";
    case Rel::OwnChild: return "own child";
    case Rel::OwnGroup: return "own group";
    case Rel::BodyMember: return "body member";
    case Rel::BodyOfficer: return "body officer";
    case Rel::Commission: return "election commission";
    case Rel::BoundBody: return "bound body member";
    case Rel::Ombudsman: return "ombudsman";
    case Rel::Involved: return "involved";
    case Rel::Count_: break;
    }
    return "?";
}

std::string_view flag_name(Flag f)
{
    switch (f) {
    case Flag::Confidential: return "confidential";
    case Flag::Privileged: return "privileged";
    case Flag::Unpublished: return "results unpublished";
    case Flag::Undisclosed: return "undisclosed";
    case Flag::Count_: break;
    }
    return "?";
}

bool allows(const Policy& policy, const Facts& facts)
{
    for (auto& g : policy.grants)
        if (facts.has(g.rel) && !(g.unless && facts.is(*g.unless)))
            return true;
    return false;
}

Facts standing(const Principal& p, const char* manage_permission)
{
    Facts f;
    f.add(Rel::SameInstitution);
    if (p.has_role(role::InstitutionAdmin) || p.has_role(role::SystemAdmin))
        f.add(Rel::Administration);
    if (manage_permission && p.can(manage_permission))
        f.add(Rel::Manager);
    return f;
}

const ObjectKind public_page { "public", "", nullptr, "a public page: no sign-in" };
const ObjectKind own_account { "account", "", nullptr, "the signed-in user's own account, notices and ballots" };
const ObjectKind institution { "institution", "", nullptr, "the user's institution as a whole: its lists and new records" };

const Policy anyone { "public.read", &public_page, { { Rel::Anyone } } };
const Policy account { "account.use", &own_account, { { Rel::Account } } };
const Policy in_institution { "institution.use", &institution, { { Rel::SameInstitution } } };

std::string describe(const Policy& policy)
{
    std::string out;
    for (auto& g : policy.grants) {
        if (!out.empty())
            out += ", ";
        out += rel_name(g.rel);
        if (g.unless) {
            out += " unless ";
            out += flag_name(*g.unless);
        }
    }
    return out;
}

}
