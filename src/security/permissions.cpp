#include "security/permissions.hpp"
#include <stdexcept>

namespace kenes {

PermissionCatalog::PermissionCatalog()
{
    for (auto r : { role::SystemAdmin, role::InstitutionAdmin, role::Staff, role::Curator, role::Student, role::LegalRepresentative })
        declare_role(r);
    declare(perm::Self, { role::InstitutionAdmin, role::Staff, role::Curator, role::Student, role::LegalRepresentative });
}

void PermissionCatalog::declare_role(const std::string& r) { m_roles[r]; }

void PermissionCatalog::declare(const std::string& permission, std::vector<std::string> roles)
{
    m_permissions.insert(permission);
    m_roles[role::SystemAdmin].insert(permission);
    for (auto& r : roles) {
        if (!m_roles.contains(r))
            throw std::logic_error("permission " + permission + " granted to unknown role " + r);
        m_roles[r].insert(permission);
    }
}

std::vector<std::string> PermissionCatalog::roles() const
{
    std::vector<std::string> out;
    for (auto& [r, p] : m_roles)
        out.push_back(r);
    return out;
}

const std::set<std::string>& PermissionCatalog::permissions_of(const std::string& r) const
{
    static const std::set<std::string> none;
    auto it = m_roles.find(r);
    return it == m_roles.end() ? none : it->second;
}

std::set<std::string> PermissionCatalog::permissions_of(const std::vector<std::string>& roles) const
{
    std::set<std::string> out;
    for (auto& r : roles) {
        auto& p = permissions_of(r);
        out.insert(p.begin(), p.end());
    }
    return out;
}

bool PermissionCatalog::is_declared(const std::string& permission) const
{
    return permission == perm::Public || m_permissions.contains(permission);
}

}
