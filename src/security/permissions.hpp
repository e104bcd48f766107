#pragma once
// The permissions catalogue: every route names one permission; roles are sets of permissions.
// Nothing is allowed unless a role grants it (default deny).
#include <map>
#include <set>
#include <string>
#include <vector>

namespace kenes {

namespace perm {
inline constexpr const char* Public = "public";   // no sign-in needed
inline constexpr const char* Self = "self";       // any signed-in user, for their own data
}

namespace role {
inline constexpr const char* SystemAdmin = "system_admin";
inline constexpr const char* InstitutionAdmin = "institution_admin";
inline constexpr const char* Staff = "staff";
inline constexpr const char* Curator = "curator";
inline constexpr const char* Student = "student";
inline constexpr const char* LegalRepresentative = "legal_representative";
}

class PermissionCatalog {
public:
    PermissionCatalog();

    // A module declares a permission and the roles that hold it; system_admin holds them all.
    void declare(const std::string& permission, std::vector<std::string> roles);
    void declare_role(const std::string& role);

    bool role_exists(const std::string& role) const { return m_roles.contains(role); }
    std::vector<std::string> roles() const;
    const std::set<std::string>& permissions_of(const std::string& role) const;
    std::set<std::string> permissions_of(const std::vector<std::string>& roles) const;
    bool is_declared(const std::string& permission) const;

private:
    std::map<std::string, std::set<std::string>> m_roles;   // role -> permissions
    std::set<std::string> m_permissions;
};

}
