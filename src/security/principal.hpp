#pragma once
#include "i18n/locale.hpp"
#include "security/audit.hpp"
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kenes {

enum class AuthMethod { Session, BearerToken };

// Who is calling: the signed-in user with their roles and the permissions those roles grant.
struct Principal {
    int64_t user_id = 0;
    int64_t institution_id = 0;
    std::string login;
    std::string display_name;
    std::optional<Lang> locale;
    std::optional<int64_t> person_id;
    std::vector<std::string> roles;
    std::set<std::string> permissions;
    AuthMethod method = AuthMethod::Session;
    std::string csrf_token;     // sessions only
    std::string session_key;    // the session's token hash, for logout
    std::optional<int64_t> token_id;   // bearer tokens only
    bool token_use_stale = false;      // last_used_at is worth updating
    // A token with the "read" scope: its permissions hold for GET and HEAD requests only (the
    // dispatcher refuses it any other method before the route's permission is asked).
    bool read_only = false;

    bool can(const std::string& permission) const { return permissions.contains(permission); }
    bool has_role(std::string_view r) const
    {
        for (auto& x : roles)
            if (x == r)
                return true;
        return false;
    }
    audit::Actor actor() const { return { user_id, login }; }
};

}
