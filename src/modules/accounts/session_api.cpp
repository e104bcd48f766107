// Sign-in and sign-out, and the signed-in user's own account.
#include "core/json_fields.hpp"
#include "core/text.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/module_support.hpp"
#include "http/client_address.hpp"
#include "modules/people/people.hpp"
#include "security/crypto.hpp"
#include "security/sessions.hpp"
#include "security/throttle.hpp"
#include <boost/json/array.hpp>

namespace kenes::accounts {

using namespace http;
using boost::json::array;
using boost::json::object;

boost::json::object user_json(db::Tx& tx, const Principal& p)
{
    array roles, permissions;
    for (auto& r : p.roles)
        roles.emplace_back(r);
    for (auto& x : p.permissions)
        permissions.emplace_back(x);
    object institution;
    if (auto i = tx.query_one("SELECT id, name, kind, languages, time_zone FROM institutions WHERE id = ?", { p.institution_id })) {
        array langs;
        std::string l = i->str(3);
        for (size_t pos = 0; pos < l.size();) {
            auto comma = l.find(',', pos);
            langs.emplace_back(l.substr(pos, comma - pos));
            pos = comma == std::string::npos ? l.size() : comma + 1;
        }
        institution = { { "id", i->i64(0) }, { "name", i->str(1) }, { "kind", i->str(2) }, { "languages", langs }, { "time_zone", i->str(4) } };
    }
    return {
        { "id", p.user_id }, { "login", p.login }, { "display_name", p.display_name },
        { "locale", lang_code(p.locale.value_or(Lang::Kk)) },
        { "roles", roles }, { "permissions", permissions }, { "person_id", modules::json_or_null(p.person_id) }, { "institution", institution },
    };
}

namespace {

std::string session_cookie(const Config& config, const std::string& value, int64_t max_age_seconds)
{
    std::string c = std::string(sessions::cookie_name) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_seconds);
    if (config.secure_cookies)
        c += "; Secure";
    return c;
}

Result<Response> get_session(Context& ctx)
{
    if (!ctx.principal)
        return Response::ok(object { { "authenticated", false }, { "locale", lang_code(ctx.lang) } });
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        return Response::ok(object { { "authenticated", true }, { "csrf_token", ctx.user().csrf_token }, { "user", user_json(tx, ctx.user()) } });
    });
}

struct Account {
    int64_t institution_id, user_id;
    std::string hash;
    bool disabled;
};

std::optional<Account> find_account(db::Tx& tx, const std::string& login)
{
    auto d = tx.query_one("SELECT d.institution_id, d.user_id, u.password_hash, u.disabled FROM login_directory d "
                          "JOIN users u ON u.institution_id = d.institution_id AND u.id = d.user_id WHERE d.login = ?",
        { login });
    if (!d)
        return std::nullopt;
    return Account { d->i64(0), d->i64(1), d->str(2), d->flag(3) };
}

Error too_many_attempts(int64_t seconds) { return Error { ErrorCode::TooManyAttempts, {}, {}, {}, {}, int(seconds) }; }

// Who tried: never the address itself, only its kind or network (the account's administrator
// reads this).
boost::json::object attempt_json(const throttle::Attempt& a) { return { { "address", http::address_class(a.address) } }; }

Result<Response> login(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto login_name = in.text("login", Presence::Required, 100);
    auto password = in.text("password", Presence::Required, 1000);
    TRY(in.finish());
    auto& s = ctx.services;
    const throttle::Policy policy;
    const throttle::Attempt attempt { *login_name, ctx.request.remote_address };

    // Checked and counted in one write transaction, before any password is checked: parallel
    // guesses each see the ones before them, and a refused guess costs no hashing.
    auto account = TRY(s.db.write([&](db::Tx& tx) -> Result<std::optional<Account>> {
        if (auto wait = throttle::claim(tx, s.clock, policy, attempt))
            return too_many_attempts(*wait);
        return find_account(tx, *login_name);
    }));

    // Without an account, or with one not activated yet, a hash is still verified so that timing
    // reveals neither which logins exist nor which accounts still wait for their activation code.
    static const std::string decoy = crypto::hash_password(crypto::random_token());
    bool usable = account && crypto::is_password_hash(account->hash);
    bool valid = crypto::verify_password(usable ? account->hash : decoy, *password) && usable && !account->disabled;
    if (!valid) {
        // The failure was counted with the claim. An unknown login belongs to no institution, so
        // it is audited nowhere.
        if (account)
            TRY(s.db.write([&](db::Tx& tx) -> Status {
                audit::record(tx, s.clock, { account->institution_id, { std::nullopt, "anonymous" }, "user.login_failed", "user", account->user_id, nullptr,
                    attempt_json(attempt) });
                return Ok {};
            }));
        return Error { ErrorCode::BadCredentials };
    }
    auto created = TRY(s.db.write([&](db::Tx& tx) -> Result<std::pair<sessions::NewSession, object>> {
        throttle::succeeded(tx, attempt);
        auto session = sessions::create(tx, s.clock, account->institution_id, account->user_id, s.config.session_hours);
        auto principal = sessions::load_user(tx, s.permissions, account->institution_id, account->user_id);
        audit::record(tx, s.clock, { account->institution_id, principal->actor(), "user.login", "user", account->user_id, nullptr, nullptr });
        return std::pair { session, user_json(tx, *principal) };
    }));
    auto& [session, user] = created;
    if (auto l = user["locale"].if_string())
        if (auto lang = parse_lang(*l); lang && ctx.request.header("accept-language").empty())
            ctx.lang = *lang;
    auto r = Response::ok(object { { "csrf_token", session.csrf_token }, { "user", user } });
    r.set_header("Set-Cookie", session_cookie(s.config, session.cookie_value, int64_t(s.config.session_hours) * 3600));
    return r;
}

Result<Response> logout(Context& ctx)
{
    auto& p = ctx.user();
    TRY(ctx.db().write([&](db::Tx& tx) -> Status {
        if (p.method == AuthMethod::Session)
            sessions::remove(tx, p.institution_id, p.session_key);
        modules::audit_change(ctx, tx, "user.logout", "user", p.user_id, nullptr, nullptr);
        return Ok {};
    }));
    auto r = Response::no_content();
    r.set_header("Set-Cookie", session_cookie(ctx.services.config, "", 0));
    return r;
}

Result<Response> get_me(Context& ctx)
{
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        auto& p = ctx.user();
        object out { { "user", user_json(tx, p) } };
        out["person"] = p.person_id ? boost::json::value(people::person_detail(tx, p.institution_id, *p.person_id, people::Sensitive::Shown)) : nullptr;
        // A legal representative sees their children's records (REP-1).
        array children;
        if (p.person_id)
            for (auto& c : people::children_of(tx, p.institution_id, *p.person_id))
                children.push_back(people::person_detail(tx, p.institution_id, c.as_object().at("person_id").as_int64(), people::Sensitive::Shown));
        out["children"] = children;
        return Response::ok(out);
    });
}

Result<Response> patch_me(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto locale = in.one_of("locale", Presence::Optional, { "kk", "ru", "en" });
    auto display_name = in.text("display_name", Presence::IfGiven, 200);
    TRY(in.finish());
    auto& p = ctx.user();
    TRY(ctx.db().write([&](db::Tx& tx) -> Status {
        object before { { "locale", p.locale ? boost::json::value(lang_code(*p.locale)) : nullptr }, { "display_name", p.display_name } };
        object after = before;
        if (locale) {
            tx.exec("UPDATE users SET locale = ? WHERE institution_id = ? AND id = ?", { *locale, p.institution_id, p.user_id });
            after["locale"] = *locale;
        }
        if (display_name) {
            tx.exec("UPDATE users SET display_name = ?, search_name = ? WHERE institution_id = ? AND id = ?",
                { *display_name, text::search_fold(*display_name), p.institution_id, p.user_id });
            after["display_name"] = *display_name;
        }
        modules::audit_change(ctx, tx, "user.update_self", "user", p.user_id, before, after);
        return Ok {};
    }));
    if (locale && ctx.request.header("accept-language").empty())
        ctx.lang = *parse_lang(*locale);
    // The answer shows the new values; the principal keeps what it may do (a token's scope).
    Principal updated = p;
    if (locale)
        updated.locale = parse_lang(*locale);
    if (display_name)
        updated.display_name = *display_name;
    ctx.principal = std::move(updated);
    return get_me(ctx);
}

Result<Response> change_own_password(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto current = in.text("current_password", Presence::Required, 1000);
    auto next = in.text("new_password", Presence::Required, 1000);
    TRY(in.finish());
    auto& p = ctx.user();
    auto& s = ctx.services;
    auto owner = s.db.read([&](db::Tx& tx) { return password_owner(tx, p.institution_id, p.login, p.display_name, p.person_id); });
    TRY(check_password(s.common_passwords, "new_password", *next, owner));

    // Guessing the current password (with a session left open on a shared computer) is throttled
    // like signing in, on the same counters.
    const throttle::Policy policy;
    const throttle::Attempt attempt { p.login, ctx.request.remote_address };
    auto stored = TRY(s.db.write([&](db::Tx& tx) -> Result<std::string> {
        if (auto wait = throttle::claim(tx, s.clock, policy, attempt))
            return too_many_attempts(*wait);
        return tx.query_one("SELECT password_hash FROM users WHERE institution_id = ? AND id = ?", { p.institution_id, p.user_id })->str(0);
    }));
    if (!crypto::verify_password(stored, *current)) {
        TRY(s.db.write([&](db::Tx& tx) -> Status {
            modules::audit_change(ctx, tx, "user.password_change_failed", "user", p.user_id, nullptr, attempt_json(attempt));
            return Ok {};
        }));
        return Error::field("current_password", "wrong_password");
    }
    std::string hash = crypto::hash_password(*next);
    TRY(s.db.write([&](db::Tx& tx) -> Status {
        throttle::succeeded(tx, attempt);
        tx.exec("UPDATE users SET password_hash = ? WHERE institution_id = ? AND id = ?", { hash, p.institution_id, p.user_id });
        // Other devices must sign in again; this one keeps its session. Tokens were made while
        // the old password was valid and may have leaked with it.
        tx.exec("DELETE FROM sessions WHERE institution_id = ? AND user_id = ? AND token_hash <> ?",
            { p.institution_id, p.user_id, db::Blob { p.session_key } });
        int64_t revoked = sessions::revoke_api_tokens_of_user(tx, p.institution_id, p.user_id);
        modules::audit_change(ctx, tx, "user.password_change", "user", p.user_id, nullptr, revoked ? boost::json::value(object { { "tokens_revoked", revoked } }) : nullptr);
        return Ok {};
    }));
    return Response::no_content();
}

}

void detail::register_session_routes(Registry& r)
{
    r.router.add("GET", "/api/v1/session", perm::Public, authz::anyone, Body::None, get_session);
    r.router.add("POST", "/api/v1/session", perm::Public, authz::anyone, Body::Json, login);
    r.router.add("DELETE", "/api/v1/session", perm::Self, authz::account, Body::None, logout);
    r.router.add("GET", "/api/v1/me", perm::Self, authz::account, Body::None, get_me);
    r.router.add("PATCH", "/api/v1/me", perm::Self, authz::account, Body::Json, patch_me);
    r.router.add("POST", "/api/v1/me/password", perm::Self, authz::account, Body::Json, change_own_password);
}

}
