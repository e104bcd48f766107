// Users and roles administration, admin password reset, API tokens for integrations.
#include "core/json_fields.hpp"
#include "modules/accounts/policy.hpp"
#include "core/text.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include "security/crypto.hpp"
#include "security/schema.hpp"
#include "security/sessions.hpp"
#include "security/throttle.hpp"
#include <boost/json/array.hpp>

namespace kenes::accounts {

using namespace http;
using boost::json::array;
using boost::json::object;

bool valid_login(std::string_view s)
{
    if (s.size() < 3 || s.size() > 64)
        return false;
    for (char c : s)
        if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '@'))
            return false;
    return true;
}

password_policy::Owner password_owner(db::Tx& tx, int64_t institution_id, std::string login, std::string display_name, std::optional<int64_t> person_id)
{
    password_policy::Owner owner { std::move(login), { std::move(display_name) } };
    if (person_id) {
        auto person = people::person_detail(tx, institution_id, *person_id, people::Sensitive::Hidden);
        if (auto* name = person.if_contains("full_name"); name && name->is_string())
            owner.names.emplace_back(name->as_string());
    }
    return owner;
}

Status check_password(const password_policy::CommonPasswords* common, std::string field, std::string_view password, const password_policy::Owner& owner)
{
    static const password_policy::CommonPasswords none;
    if (auto refusal = password_policy::check(password, owner, common ? *common : none))
        return Error::validation({ password_policy::field_error(std::move(field), *refusal) });
    return Ok {};
}

namespace {

array roles_of(db::Tx& tx, int64_t institution_id, int64_t user_id)
{
    array out;
    for (auto& r : tx.query("SELECT role FROM user_roles WHERE institution_id = ? AND user_id = ? ORDER BY role", { institution_id, user_id }))
        out.emplace_back(r.str(0));
    return out;
}

std::optional<object> user_row_json(db::Tx& tx, int64_t institution_id, int64_t user_id)
{
    auto u = tx.query_one("SELECT id, login, display_name, person_id, disabled, created_at FROM users WHERE institution_id = ? AND id = ?",
        { institution_id, user_id });
    if (!u)
        return std::nullopt;
    return object { { "id", u->i64(0) }, { "login", u->str(1) }, { "display_name", u->str(2) }, { "person_id", modules::json_or_null(u->opt_i64(3)) },
        { "roles", roles_of(tx, institution_id, user_id) }, { "disabled", u->flag(4) }, { "created_at", almaty::iso_datetime(u->i64(5)) } };
}

// Roles the caller may grant: only a system administrator creates another.
Status check_roles(const Context& ctx, const std::vector<std::string>& roles, FieldReader& in)
{
    for (auto& r : roles) {
        if (!ctx.services.permissions.role_exists(r))
            in.add_error("roles", "invalid");
        else if (!policy::may_grant(ctx.user(), r))
            return Error::forbidden();
    }
    return Ok {};
}

void set_roles(db::Tx& tx, int64_t institution_id, int64_t user_id, const std::vector<std::string>& roles)
{
    tx.exec("DELETE FROM user_roles WHERE institution_id = ? AND user_id = ?", { institution_id, user_id });
    for (auto& r : roles)
        tx.exec("INSERT INTO user_roles (institution_id, user_id, role) VALUES (?, ?, ?)", { institution_id, user_id, r });
}

Result<Response> list_users(Context& ctx)
{
    auto page = TRY(ctx.paging());
    auto q = ctx.query_param("q").value_or("");
    std::string pattern = "%" + text::like_escape(text::search_fold(q)) + "%";
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = ctx.institution_id();
        const char* where = "WHERE institution_id = ? AND (lower(login) LIKE ? ESCAPE '\\' OR search_name LIKE ? ESCAPE '\\')";
        auto total = tx.query_one(std::string("SELECT count(*) FROM users ") + where, { inst, pattern, pattern })->i64(0);
        array items;
        for (auto& r : tx.query(std::string("SELECT id FROM users ") + where + " ORDER BY login, id LIMIT ? OFFSET ?", { inst, pattern, pattern, page.limit, page.offset }))
            items.push_back(*user_row_json(tx, inst, r.i64(0)));
        return Response::ok(object { { "items", items }, { "total", total }, { "limit", page.limit }, { "offset", page.offset } });
    });
}

Result<Response> create_user_route(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto login = in.text("login", Presence::Required, 64);
    auto password = in.text("password", Presence::Required, 1000);
    auto display_name = in.text("display_name", Presence::Required, 200);
    auto person_id = in.integer("person_id", Presence::Optional, 1, INT64_MAX);
    auto roles = in.string_list("roles", Presence::Optional, {});
    // A system administrator may create the first users of another institution.
    auto institution = in.integer("institution_id", Presence::Optional, 1, INT64_MAX);
    if (institution && !policy::may_act_in(ctx.user(), *institution))
        return Error::forbidden();
    if (login && !valid_login(*login))
        in.add_error("login", "invalid");
    if (roles)
        TRY(check_roles(ctx, *roles, in));
    TRY(in.finish());
    int64_t inst = institution.value_or(ctx.institution_id());
    auto owner = ctx.db().read([&](db::Tx& tx) { return password_owner(tx, inst, *login, *display_name, person_id); });
    TRY(check_password(ctx.services.common_passwords, "password", *password, owner));
    NewUser u { inst, *login, crypto::hash_password(*password), *display_name, person_id, roles.value_or(std::vector<std::string> {}) };
    // Argon2id takes tens of milliseconds: hash before entering the write queue.
    auto created = ctx.db().write([&](db::Tx& tx) -> Result<object> {
        if (!tx.query_one("SELECT 1 FROM institutions WHERE id = ?", { inst }))
            return Error::field("institution_id", "not_found");
        if (person_id && !people::exists(tx, inst, *person_id))
            return Error::field("person_id", "not_found");
        if (tx.query_one("SELECT 1 FROM login_directory WHERE login = ?", { *login }))
            return Error { ErrorCode::Conflict, {}, {}, {}, { FieldError { "login", "duplicate" } } };
        int64_t id = create_user(tx, ctx.clock(), ctx.user().actor(), u);
        return *user_row_json(tx, inst, id);
    });
    if (!created.ok())
        return std::move(created).error();
    return Response::created(created.value());
}

Result<Response> get_user(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto u = user_row_json(tx, ctx.institution_id(), id);
        if (!u)
            return Error::not_found();
        return Response::ok(*u);
    });
}

Result<Response> patch_user(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto display_name = in.text("display_name", Presence::IfGiven, 200);
    auto roles = in.string_list("roles", Presence::Optional, {});
    auto disabled = in.boolean("disabled", Presence::Optional);
    if (roles)
        TRY(check_roles(ctx, *roles, in));
    if (disabled && *disabled && id == ctx.user().user_id)
        in.add_error("disabled", "invalid");   // an administrator cannot lock themselves out
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto updated = TRY(ctx.db().write([&](db::Tx& tx) -> Result<object> {
        auto before = user_row_json(tx, inst, id);
        if (!before)
            return Error::not_found();
        if (display_name)
            tx.exec("UPDATE users SET display_name = ?, search_name = ? WHERE institution_id = ? AND id = ?",
                { *display_name, text::search_fold(*display_name), inst, id });
        // A token acts with its user's roles: one made for the old roles is not what was granted.
        int64_t revoked = 0;
        if (roles) {
            set_roles(tx, inst, id, *roles);
            if (roles_of(tx, inst, id) != (*before)["roles"].as_array())
                revoked = sessions::revoke_api_tokens_of_user(tx, inst, id);
        }
        if (disabled) {
            tx.exec("UPDATE users SET disabled = ? WHERE institution_id = ? AND id = ?", { int64_t(*disabled), inst, id });
            if (*disabled)
                sessions::remove_all_of_user(tx, inst, id);
        }
        auto after = *user_row_json(tx, inst, id);
        object audited = after;
        if (revoked)
            audited["tokens_revoked"] = revoked;
        modules::audit_change(ctx, tx, "user.update", "user", id, *before, audited);
        return after;
    }));
    return Response::ok(updated);
}

Result<Response> reset_password(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto password = in.text("new_password", Presence::Required, 1000);
    TRY(in.finish());
    int64_t inst = ctx.institution_id();
    auto owner = ctx.db().read([&](db::Tx& tx) -> std::optional<password_policy::Owner> {
        auto u = tx.query_one("SELECT login, display_name, person_id FROM users WHERE institution_id = ? AND id = ?", { inst, id });
        if (!u)
            return std::nullopt;
        return password_owner(tx, inst, u->str(0), u->str(1), u->opt_i64(2));
    });
    if (!owner)
        return Error::not_found();
    TRY(check_password(ctx.services.common_passwords, "new_password", *password, *owner));
    std::string hash = crypto::hash_password(*password);
    TRY(ctx.db().write([&](db::Tx& tx) -> Status {
        if (tx.exec("UPDATE users SET password_hash = ? WHERE institution_id = ? AND id = ?", { hash, inst, id }) == 0)
            return Error::not_found();
        // A reset follows a lost or leaked password: everything made with the old one ends.
        sessions::remove_all_of_user(tx, inst, id);
        int64_t revoked = sessions::revoke_api_tokens_of_user(tx, inst, id);
        modules::audit_change(ctx, tx, "user.password_reset", "user", id, nullptr, revoked ? boost::json::value(object { { "tokens_revoked", revoked } }) : nullptr);
        return Ok {};
    }));
    return Response::no_content();
}

// "read", the list of permissions, or "all" for tokens made before scopes existed.
boost::json::value scope_json(const std::optional<std::string>& scope)
{
    if (!scope)
        return "all";
    if (*scope == sessions::read_scope)
        return sessions::read_scope;
    array out;
    for (auto& p : sessions::scope_permissions(*scope))
        out.emplace_back(p);
    return out;
}

Result<Response> list_tokens(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        int64_t inst = ctx.institution_id();
        if (!tx.query_one("SELECT 1 FROM users WHERE institution_id = ? AND id = ?", { inst, id }))
            return Error::not_found();
        array items;
        int64_t now = ctx.clock().now();
        for (auto& r : tx.query("SELECT id, name, created_at, last_used_at, expires_at, scope FROM api_tokens WHERE institution_id = ? AND user_id = ? ORDER BY id",
                 { inst, id }))
            items.push_back(object { { "id", r.i64(0) }, { "name", r.str(1) }, { "created_at", almaty::iso_datetime(r.i64(2)) },
                { "last_used_at", r.is_null(3) ? boost::json::value(nullptr) : boost::json::value(almaty::iso_datetime(r.i64(3))) },
                { "expires_at", r.is_null(4) ? boost::json::value(nullptr) : boost::json::value(almaty::iso_datetime(r.i64(4))) },
                { "expired", r.is_null(4) || r.i64(4) <= now }, { "scope", scope_json(r.opt_str(5)) } });
        return Response::ok(object { { "items", items } });
    });
}

// The scope asked for: "read", or a non-empty list of permissions the token's user holds.
std::optional<std::string> read_scope(const object& body, FieldReader& in, const std::set<std::string>& held)
{
    // Least privilege unless asked: a token that can only read.
    if (!in.has("scope"))
        return sessions::read_scope;
    if (body.at("scope").is_string())
        return in.one_of("scope", Presence::Required, { sessions::read_scope });
    auto list = in.string_list("scope", Presence::Required, {});
    if (!list)
        return std::nullopt;
    std::set<std::string> chosen(list->begin(), list->end());
    if (chosen.empty()) {
        in.add_error("scope", "required");
        return std::nullopt;
    }
    std::string stored;
    for (auto& p : chosen) {
        if (!held.contains(p)) {
            in.add_error("scope", "permission_not_held", { { "permission", p } });
            return std::nullopt;
        }
        stored += (stored.empty() ? "" : " ") + p;
    }
    return stored;
}

Result<Response> create_token(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    int64_t inst = ctx.institution_id();
    auto user = ctx.db().read([&](db::Tx& tx) { return sessions::load_user(tx, ctx.services.permissions, inst, id); });
    bool exists = user || ctx.db().read([&](db::Tx& tx) { return bool(tx.query_one("SELECT 1 FROM users WHERE institution_id = ? AND id = ?", { inst, id })); });
    if (!exists)
        return Error::not_found();
    FieldReader in(body);
    auto name = in.text("name", Presence::Required, 100);
    auto days = in.integer("expires_in_days", Presence::Optional, 1, token_max_days);
    auto scope = read_scope(body, in, user ? user->permissions : std::set<std::string> {});
    TRY(in.finish());
    int64_t expires_at = ctx.clock().now() + days.value_or(token_default_days) * 86'400'000;
    auto token = TRY(ctx.db().write([&](db::Tx& tx) -> Result<sessions::NewToken> {
        if (!tx.query_one("SELECT 1 FROM users WHERE institution_id = ? AND id = ?", { inst, id }))
            return Error::not_found();
        auto t = sessions::create_api_token(tx, ctx.clock(), inst, id, *name, expires_at, *scope);
        modules::audit_change(ctx, tx, "api_token.create", "api_token", t.id, nullptr,
            object { { "user_id", id }, { "name", *name }, { "expires_at", almaty::iso_datetime(expires_at) }, { "scope", scope_json(*scope) } });
        return t;
    }));
    return Response::created(object { { "id", token.id }, { "name", *name }, { "token", token.token }, { "expires_at", almaty::iso_datetime(expires_at) },
        { "scope", scope_json(*scope) } });
}

Result<Response> revoke_token(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    int64_t token_id = TRY(ctx.id_param("token_id"));
    int64_t inst = ctx.institution_id();
    TRY(ctx.db().write([&](db::Tx& tx) -> Status {
        auto t = tx.query_one("SELECT name FROM api_tokens WHERE institution_id = ? AND id = ? AND user_id = ?", { inst, token_id, id });
        if (!t)
            return Error::not_found();
        tx.exec("DELETE FROM api_tokens WHERE institution_id = ? AND id = ?", { inst, token_id });
        modules::audit_change(ctx, tx, "api_token.revoke", "api_token", token_id, object { { "user_id", id }, { "name", t->str(0) } }, nullptr);
        return Ok {};
    }));
    return Response::no_content();
}

Result<Response> list_roles(Context& ctx)
{
    array items;
    auto& catalog = ctx.services.permissions;
    for (auto& r : catalog.roles()) {
        array perms;
        for (auto& p : catalog.permissions_of(r))
            perms.emplace_back(p);
        items.push_back(object { { "role", r }, { "permissions", perms } });
    }
    return Response::ok(object { { "items", items } });
}

}

int64_t create_user(db::Tx& tx, const Clock& clock, const audit::Actor& actor, const NewUser& u)
{
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO login_directory (login, institution_id, user_id) VALUES (?, ?, ?)", { u.login, u.institution_id, id });
    tx.exec("INSERT INTO users (institution_id, id, login, display_name, search_name, password_hash, person_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        { u.institution_id, id, u.login, u.display_name, text::search_fold(u.display_name), u.password_hash, db::nullable(u.person_id), clock.now() });
    set_roles(tx, u.institution_id, id, u.roles);
    array roles;
    for (auto& r : u.roles)
        roles.emplace_back(r);
    audit::record(tx, clock, { u.institution_id, actor, "user.create", "user", id, nullptr,
        object { { "login", u.login }, { "display_name", u.display_name }, { "person_id", modules::json_or_null(u.person_id) }, { "roles", roles } } });
    return id;
}

void detail::register_user_routes(Registry& r)
{
    const char* manage = "users.manage";
    r.permissions.declare(manage, { role::InstitutionAdmin });
    r.router.add("GET", "/api/v1/users", manage, authz::in_institution, Body::None, list_users);
    r.router.add("POST", "/api/v1/users", manage, authz::in_institution, Body::Json, create_user_route);
    r.router.add("GET", "/api/v1/users/{id}", manage, policy::manage_user, Body::None, get_user);
    r.router.add("PATCH", "/api/v1/users/{id}", manage, policy::manage_user, Body::Json, patch_user);
    r.router.add("POST", "/api/v1/users/{id}/password", manage, policy::manage_user, Body::Json, reset_password);
    r.router.add("GET", "/api/v1/users/{id}/tokens", manage, policy::manage_user, Body::None, list_tokens);
    r.router.add("POST", "/api/v1/users/{id}/tokens", manage, policy::manage_user, Body::Json, create_token);
    r.router.add("DELETE", "/api/v1/users/{id}/tokens/{token_id}", manage, policy::manage_user, Body::None, revoke_token);
    r.router.add("GET", "/api/v1/roles", manage, authz::in_institution, Body::None, list_roles);
}

void register_module(Registry& r)
{
    for (auto& m : security::migrations())
        r.migrations.push_back(m);
    detail::register_session_routes(r);
    detail::register_user_routes(r);
    detail::register_activation_routes(r);
    // Throttle counters whose window ended hold nothing; without this they would pile up.
    r.jobs.push_back({ "forget-login-attempts", std::chrono::hours(1), [](db::Database& db, const Clock& clock) {
                          (void)db.write([&](db::Tx& tx) -> Status {
                              throttle::forget_old(tx, clock, throttle::Policy {});
                              return Ok {};
                          });
                      } });
}

}
