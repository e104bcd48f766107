#pragma once
// Sessions and API tokens live in the database, so several server processes serve the same users.
// The cookie is "<institution id>.<random token>"; the table keeps only the token's hash, keyed by
// institution (tenant-scoped like every other table).
#include "core/clock.hpp"
#include "security/permissions.hpp"
#include "security/principal.hpp"
#include "storage/database.hpp"

namespace kenes::sessions {

inline constexpr const char* cookie_name = "kenes_session";

struct NewSession {
    std::string cookie_value;
    std::string csrf_token;
    int64_t expires_at;
};

NewSession create(db::Tx&, const Clock&, int64_t institution_id, int64_t user_id, unsigned hours);
std::optional<Principal> find_by_cookie(db::Tx&, const Clock&, const PermissionCatalog&, std::string_view cookie_value);
void remove(db::Tx&, int64_t institution_id, std::string_view session_key);
void remove_all_of_user(db::Tx&, int64_t institution_id, int64_t user_id);
// Disables the enabled accounts linked to a person and ends their sessions and API tokens (the
// person left: expelled or graduated); returns the accounts disabled now, for the caller's audit.
std::vector<int64_t> disable_accounts_of_person(db::Tx&, int64_t institution_id, int64_t person_id);

struct NewToken {
    int64_t id;
    std::string token;      // shown once: "kenes_<institution>_<random>"
};
// What a token may do, as stored: "read" (GET and HEAD only, with its user's permissions), or the
// permissions it may use, separated by spaces (each request intersects them with what its user
// holds then). Tokens made before scopes existed have none (nullopt): all of the user's permissions.
inline constexpr const char* read_scope = "read";
NewToken create_api_token(db::Tx&, const Clock&, int64_t institution_id, int64_t user_id, const std::string& name, int64_t expires_at,
    const std::string& scope);
// nullopt for an unknown, expired or disabled user's token.
std::optional<Principal> find_by_bearer(db::Tx&, const Clock&, const PermissionCatalog&, std::string_view token);
// Deletes every token of a user (password reset or change, roles changed); returns how many.
int64_t revoke_api_tokens_of_user(db::Tx&, int64_t institution_id, int64_t user_id);
// The permissions of a stored list scope.
std::set<std::string> scope_permissions(std::string_view scope);
// A person's calendar feed (the sessions of their bodies) at a secret URL that calendar apps
// subscribe to without a cookie: a token of its own scope, kept hashed in api_tokens like any
// other, one per user, revocable. It is never a bearer token: find_by_bearer refuses it, so the
// URL reads the feed and nothing else.
inline constexpr const char* calendar_scope = "calendar";
// Replaces the user's feed token with a new one ("kenes_<institution>_<random>").
NewToken create_calendar_feed(db::Tx&, const Clock&, int64_t institution_id, int64_t user_id);
// Revokes the user's feed token; false when there was none.
bool revoke_calendar_feed(db::Tx&, int64_t institution_id, int64_t user_id);
// When the user's feed token was made; nullopt when there is none.
std::optional<int64_t> calendar_feed_created(db::Tx&, int64_t institution_id, int64_t user_id);
// The user a feed token opens, as a principal; nullopt for an unknown or revoked token or a
// disabled user.
std::optional<Principal> find_by_calendar_feed(db::Tx&, const Clock&, const PermissionCatalog&, std::string_view token);
// Records when a token was last used (at most once a minute per token, to keep reads cheap).
void touch_api_token(db::Tx&, const Clock&, int64_t institution_id, int64_t token_id);

// Loads a user as a principal (roles, permissions); nullopt when missing or disabled.
std::optional<Principal> load_user(db::Tx&, const PermissionCatalog&, int64_t institution_id, int64_t user_id);

}
