#include "security/sessions.hpp"
#include "security/crypto.hpp"
#include <charconv>

namespace kenes::sessions {

namespace {

// Splits "<institution id><sep><token>".
std::optional<std::pair<int64_t, std::string_view>> split(std::string_view value, char sep)
{
    auto pos = value.find(sep);
    if (pos == std::string_view::npos || pos == 0 || pos + 1 >= value.size() || value.size() > 200)
        return std::nullopt;
    int64_t id = 0;
    auto [p, ec] = std::from_chars(value.data(), value.data() + pos, id);
    if (ec != std::errc() || p != value.data() + pos)
        return std::nullopt;
    return std::pair { id, value.substr(pos + 1) };
}

}

// Columns 0-4 of `u`: login, display_name, locale, person_id, disabled.
static std::optional<Principal> principal_from(db::Tx& tx, const PermissionCatalog& catalog, int64_t institution_id, int64_t user_id,
    const std::optional<db::Row>& u)
{
    if (!u || u->flag(4))
        return std::nullopt;
    Principal p;
    p.user_id = user_id;
    p.institution_id = institution_id;
    p.login = u->str(0);
    p.display_name = u->str(1);
    if (auto l = u->opt_str(2))
        p.locale = parse_lang(*l);
    p.person_id = u->opt_i64(3);
    for (auto& r : tx.query("SELECT role FROM user_roles WHERE institution_id = ? AND user_id = ? ORDER BY role", { institution_id, user_id }))
        p.roles.push_back(r.str(0));
    p.permissions = catalog.permissions_of(p.roles);
    return p;
}

std::optional<Principal> load_user(db::Tx& tx, const PermissionCatalog& catalog, int64_t institution_id, int64_t user_id)
{
    return principal_from(tx, catalog, institution_id, user_id,
        tx.query_one("SELECT login, display_name, locale, person_id, disabled FROM users WHERE institution_id = ? AND id = ?", { institution_id, user_id }));
}

NewSession create(db::Tx& tx, const Clock& clock, int64_t institution_id, int64_t user_id, unsigned hours)
{
    std::string token = crypto::random_token();
    std::string csrf = crypto::random_token();
    int64_t now = clock.now();
    int64_t expires = now + int64_t(hours) * 3600 * 1000;
    tx.exec("INSERT INTO sessions (institution_id, token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
        { institution_id, db::Blob { crypto::token_hash(token) }, user_id, csrf, now, expires });
    // Expired sessions of this user are cleaned up here rather than by a sweeper.
    tx.exec("DELETE FROM sessions WHERE institution_id = ? AND user_id = ? AND expires_at < ?", { institution_id, user_id, now });
    return { std::to_string(institution_id) + "." + token, csrf, expires };
}

std::optional<Principal> find_by_cookie(db::Tx& tx, const Clock& clock, const PermissionCatalog& catalog, std::string_view cookie_value)
{
    auto parts = split(cookie_value, '.');
    if (!parts)
        return std::nullopt;
    auto [institution_id, token] = *parts;
    std::string key = crypto::token_hash(token);
    // One query for the session and its user: this runs on every signed-in request.
    auto s = tx.query_one("SELECT u.login, u.display_name, u.locale, u.person_id, u.disabled, s.user_id, s.csrf_token, s.expires_at "
                          "FROM sessions s JOIN users u ON u.institution_id = s.institution_id AND u.id = s.user_id "
                          "WHERE s.institution_id = ? AND s.token_hash = ?",
        { institution_id, db::Blob { key } });
    if (!s || s->i64(7) <= clock.now())
        return std::nullopt;
    auto p = principal_from(tx, catalog, institution_id, s->i64(5), s);
    if (!p)
        return std::nullopt;
    p->method = AuthMethod::Session;
    p->csrf_token = s->str(6);
    p->session_key = key;
    return p;
}

void remove(db::Tx& tx, int64_t institution_id, std::string_view session_key)
{
    tx.exec("DELETE FROM sessions WHERE institution_id = ? AND token_hash = ?", { institution_id, db::Blob { std::string(session_key) } });
}

void remove_all_of_user(db::Tx& tx, int64_t institution_id, int64_t user_id)
{
    tx.exec("DELETE FROM sessions WHERE institution_id = ? AND user_id = ?", { institution_id, user_id });
}

std::vector<int64_t> disable_accounts_of_person(db::Tx& tx, int64_t institution_id, int64_t person_id)
{
    std::vector<int64_t> ids;
    for (auto& r : tx.query("SELECT id FROM users WHERE institution_id = ? AND person_id = ? AND disabled = 0", { institution_id, person_id }))
        ids.push_back(r.i64(0));
    for (int64_t id : ids) {
        tx.exec("UPDATE users SET disabled = 1 WHERE institution_id = ? AND id = ?", { institution_id, id });
        remove_all_of_user(tx, institution_id, id);
        revoke_api_tokens_of_user(tx, institution_id, id);
    }
    return ids;
}

NewToken create_api_token(db::Tx& tx, const Clock& clock, int64_t institution_id, int64_t user_id, const std::string& name, int64_t expires_at,
    const std::string& scope)
{
    std::string token = crypto::random_token();
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO api_tokens (institution_id, id, user_id, name, token_hash, created_at, expires_at, scope) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        { institution_id, id, user_id, name, db::Blob { crypto::token_hash(token) }, clock.now(), expires_at, scope });
    return { id, "kenes_" + std::to_string(institution_id) + "_" + token };
}

std::set<std::string> scope_permissions(std::string_view scope)
{
    std::set<std::string> out;
    while (!scope.empty()) {
        auto space = scope.find(' ');
        if (space != 0)
            out.emplace(scope.substr(0, space));
        scope = space == std::string_view::npos ? std::string_view {} : scope.substr(space + 1);
    }
    return out;
}

std::optional<Principal> find_by_bearer(db::Tx& tx, const Clock& clock, const PermissionCatalog& catalog, std::string_view token)
{
    if (!token.starts_with("kenes_"))
        return std::nullopt;
    auto parts = split(token.substr(6), '_');
    if (!parts)
        return std::nullopt;
    auto [institution_id, secret] = *parts;
    auto t = tx.query_one("SELECT user_id, id, last_used_at, expires_at, scope FROM api_tokens WHERE institution_id = ? AND token_hash = ?",
        { institution_id, db::Blob { crypto::token_hash(secret) } });
    int64_t now = clock.now();
    if (!t || t->is_null(3) || t->i64(3) <= now)
        return std::nullopt;
    auto p = load_user(tx, catalog, institution_id, t->i64(0));
    if (!p)
        return std::nullopt;
    p->method = AuthMethod::BearerToken;
    p->token_id = t->i64(1);
    p->token_use_stale = t->is_null(2) || t->i64(2) < now - 60'000;
    if (auto scope = t->opt_str(4)) {
        if (*scope == calendar_scope)
            return std::nullopt;   // a calendar feed's token opens the feed URL only
        if (*scope == read_scope) {
            p->read_only = true;
        } else {
            // Only what the user still holds: the scope never grants, it only narrows.
            auto allowed = scope_permissions(*scope);
            std::erase_if(p->permissions, [&](const std::string& x) { return !allowed.contains(x); });
        }
    }
    return p;
}

NewToken create_calendar_feed(db::Tx& tx, const Clock& clock, int64_t institution_id, int64_t user_id)
{
    revoke_calendar_feed(tx, institution_id, user_id);
    // A subscription lasts until it is revoked; ten years stands for that in a NOT NULL column.
    constexpr int64_t ten_years = int64_t(3653) * 24 * 3600 * 1000;
    return create_api_token(tx, clock, institution_id, user_id, "calendar feed", clock.now() + ten_years, calendar_scope);
}

bool revoke_calendar_feed(db::Tx& tx, int64_t institution_id, int64_t user_id)
{
    return tx.exec("DELETE FROM api_tokens WHERE institution_id = ? AND user_id = ? AND scope = ?", { institution_id, user_id, calendar_scope }) > 0;
}

std::optional<int64_t> calendar_feed_created(db::Tx& tx, int64_t institution_id, int64_t user_id)
{
    auto r = tx.query_one("SELECT created_at FROM api_tokens WHERE institution_id = ? AND user_id = ? AND scope = ? ORDER BY id DESC",
        { institution_id, user_id, calendar_scope });
    if (!r)
        return std::nullopt;
    return r->i64(0);
}

std::optional<Principal> find_by_calendar_feed(db::Tx& tx, const Clock& clock, const PermissionCatalog& catalog, std::string_view token)
{
    if (!token.starts_with("kenes_"))
        return std::nullopt;
    auto parts = split(token.substr(6), '_');
    if (!parts)
        return std::nullopt;
    auto [institution_id, secret] = *parts;
    auto t = tx.query_one("SELECT user_id, expires_at FROM api_tokens WHERE institution_id = ? AND token_hash = ? AND scope = ?",
        { institution_id, db::Blob { crypto::token_hash(secret) }, calendar_scope });
    if (!t || t->is_null(1) || t->i64(1) <= clock.now())
        return std::nullopt;
    return load_user(tx, catalog, institution_id, t->i64(0));
}

int64_t revoke_api_tokens_of_user(db::Tx& tx, int64_t institution_id, int64_t user_id)
{
    return tx.exec("DELETE FROM api_tokens WHERE institution_id = ? AND user_id = ?", { institution_id, user_id });
}

void touch_api_token(db::Tx& tx, const Clock& clock, int64_t institution_id, int64_t token_id)
{
    tx.exec("UPDATE api_tokens SET last_used_at = ? WHERE institution_id = ? AND id = ?", { clock.now(), institution_id, token_id });
}

}
