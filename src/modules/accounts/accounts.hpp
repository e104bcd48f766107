#pragma once
#include "http/registry.hpp"
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

namespace detail {
void register_session_routes(http::Registry&);
void register_user_routes(http::Registry&);
}

}
