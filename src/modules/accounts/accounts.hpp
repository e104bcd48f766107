#pragma once
#include "http/registry.hpp"
#include "security/password_policy.hpp"
#include "security/principal.hpp"
#include "storage/database.hpp"
#include <boost/json/object.hpp>

namespace kenes::accounts {

// Sign-in, sessions, the signed-in user's own account, users and roles, API tokens.
void register_module(http::Registry&);

// Creates a user with roles (used by the API, the `user` command and the demo).
struct NewUser {
    int64_t institution_id;
    std::string login;
    std::string password_hash;   // crypto::hash_password, computed outside the write transaction
    std::string display_name;
    std::optional<int64_t> person_id;
    std::vector<std::string> roles;
};
// Returns the new user's id; throws db::UniqueViolation when the login is taken.
int64_t create_user(db::Tx&, const Clock&, const audit::Actor&, const NewUser&);

boost::json::object user_json(db::Tx&, const Principal&);

// Logins: 3-64 characters of lower-case Latin letters, digits and . _ - @ (typed on any phone).
bool valid_login(std::string_view);

// What a password of this account must not contain: the login, the display name and the linked
// person's full name.
password_policy::Owner password_owner(db::Tx&, int64_t institution_id, std::string login, std::string display_name, std::optional<int64_t> person_id);
// The password rules (src/security/password_policy.cpp) as a field error on `field`; `common`
// may be null (no list loaded).
Status check_password(const password_policy::CommonPasswords* common, std::string field, std::string_view password, const password_policy::Owner&);

// API tokens live at most this long; 90 days unless asked otherwise.
inline constexpr int64_t token_max_days = 365;
inline constexpr int64_t token_default_days = 90;

namespace detail {
void register_session_routes(http::Registry&);
void register_user_routes(http::Registry&);
void register_activation_routes(http::Registry&);
}

}
