// Accounts for everyone: bulk issue, activation sheets, a person's account and new code, and the
// public activation and "forgot password" routes.
#include "core/json_fields.hpp"
#include "http/client_address.hpp"
#include "mail/outbox.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/accounts/activation.hpp"
#include "modules/accounts/policy.hpp"
#include "modules/module_support.hpp"
#include "modules/people/people.hpp"
#include "security/crypto.hpp"
#include "security/sessions.hpp"
#include "security/throttle.hpp"
#include <algorithm>
#include <cctype>

namespace kenes::accounts {

using namespace http;
using boost::json::object;

namespace {

using activation::Letters;

Letters letters(const Context& ctx) { return { ctx.services.catalog, modules::base_url(ctx) }; }

std::optional<logins::Rule> read_rule(FieldReader& in)
{
    auto rule = in.one_of("login_rule", Presence::Optional, { "student_number", "name" });
    return rule && *rule == "name" ? logins::Rule::Name : logins::Rule::StudentNumber;
}

int64_t read_days(FieldReader& in)
{
    return in.integer("valid_days", Presence::Optional, 1, activation::max_valid_days).value_or(activation::default_valid_days);
}

Result<Response> issue_accounts(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto scope = in.one_of("scope", Presence::Required, { "group", "course", "all" });
    activation::IssueRequest req { ctx.institution_id(), {}, *read_rule(in), read_days(in) };
    req.scope.group_id = in.integer("group_id", scope && *scope == "group" ? Presence::Required : Presence::Optional, 1, INT64_MAX);
    req.scope.course = in.integer("course", scope && *scope == "course" ? Presence::Required : Presence::Optional, 1, 12);
    req.scope.representatives = in.boolean("representatives", Presence::Optional).value_or(true);
    TRY(in.finish());
    req.scope.kind = *scope == "group" ? activation::Scope::Kind::Group : *scope == "course" ? activation::Scope::Kind::Course : activation::Scope::Kind::All;
    auto result = TRY(ctx.db().write([&](db::Tx& tx) -> Result<activation::IssueResult> {
        if (req.scope.kind == activation::Scope::Kind::Group
            && !tx.query_one("SELECT 1 FROM groups WHERE institution_id = ? AND id = ?", { req.institution_id, *req.scope.group_id }))
            return Error::field("group_id", "not_found");
        return activation::issue_batch(tx, ctx.clock(), ctx.user().actor(), req, letters(ctx));
    }));
    return Response::created(object { { "id", result.batch_id }, { "students", result.students }, { "representatives", result.representatives },
        { "skipped", result.skipped }, { "emailed", result.emailed }, { "expires_at", almaty::iso_datetime(result.expires_at) },
        { "sheet_url", "/api/v1/account-batches/" + std::to_string(result.batch_id) + "/sheet.pdf" } });
}

// The sheet is written in the institution's language unless ?lang= asks for another.
Result<Response> batch_sheet(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    int64_t inst = ctx.institution_id();
    std::optional<Lang> asked;
    if (ctx.query_param("lang"))
        asked = TRY(modules::document_lang(ctx));
    struct Sheet {
        std::vector<activation::Slip> slips;
        std::string institution;
        Lang lang;
    };
    auto sheet = TRY(ctx.db().read([&](db::Tx& tx) -> Result<Sheet> {
        auto slips = activation::sheet_slips(tx, ctx.clock(), inst, id);
        if (!slips)
            return Error::not_found();
        return Sheet { std::move(*slips), tx.query_one("SELECT name FROM institutions WHERE id = ?", { inst })->str(0),
            asked.value_or(activation::institution_lang(tx, inst)) };
    }));
    auto pdf = activation::render_sheet(ctx.services.catalog, sheet.lang, sheet.institution, modules::base_url(ctx), sheet.slips);
    return modules::pdf_response(std::move(pdf), "activation-sheet-" + std::to_string(id), sheet.lang);
}

Result<Response> person_account(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    return ctx.db().read([&](db::Tx& tx) -> Result<Response> {
        return Response::ok(object { { "account", activation::account_of_person(tx, ctx.clock(), ctx.institution_id(), id) } });
    });
}

Result<Response> new_person_code(Context& ctx)
{
    int64_t id = TRY(ctx.id_param("id"));
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto rule = *read_rule(in);
    auto days = read_days(in);
    TRY(in.finish());
    auto issued = TRY(ctx.db().write([&](db::Tx& tx) -> Result<activation::SingleIssue> {
        auto r = activation::issue_for_person(tx, ctx.clock(), ctx.user().actor(), ctx.institution_id(), id, rule, days, letters(ctx));
        if (!r)
            return Error::field("person", "no_account_preset");
        return *r;
    }));
    return Response::created(object { { "batch_id", issued.batch_id }, { "user_id", issued.user_id }, { "login", issued.login }, { "code", issued.code },
        { "expires_at", almaty::iso_datetime(issued.expires_at) }, { "created_account", issued.created_account }, { "emailed", issued.emailed },
        { "sheet_url", "/api/v1/account-batches/" + std::to_string(issued.batch_id) + "/sheet.pdf" } });
}

Error too_many_attempts(int64_t seconds) { return Error { ErrorCode::TooManyAttempts, {}, {}, {}, {}, int(seconds) }; }

std::string session_cookie(const Config& config, const std::string& value, int64_t max_age_seconds)
{
    std::string c = std::string(sessions::cookie_name) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_seconds);
    if (config.secure_cookies)
        c += "; Secure";
    return c;
}

// What activation needs to know about the account behind a login.
struct Pending {
    int64_t institution_id, user_id;
    std::string login, display_name;
    std::optional<int64_t> person_id;
    std::optional<std::string> code_hash;
    int64_t expires_at = 0;
    bool disabled = false;
};

std::optional<Pending> find_pending(db::Tx& tx, const std::string& login)
{
    auto r = tx.query_one("SELECT d.institution_id, d.user_id, u.login, u.display_name, u.person_id, u.disabled, a.code_hash, a.expires_at FROM login_directory d "
                          "JOIN users u ON u.institution_id = d.institution_id AND u.id = d.user_id "
                          "LEFT JOIN activation_codes a ON a.institution_id = u.institution_id AND a.user_id = u.id AND a.used_at IS NULL "
                          "WHERE d.login = ?",
        { login });
    if (!r)
        return std::nullopt;
    return Pending { r->i64(0), r->i64(1), r->str(2), r->str(3), r->opt_i64(4), r->is_null(6) ? std::nullopt : std::optional(r->blob(6)),
        r->is_null(7) ? 0 : r->i64(7), r->flag(5) };
}

// The code's check: "invalid" tells nothing about whether the login exists or had a code.
Status check_code(const std::optional<Pending>& account, const std::string& canonical, int64_t now)
{
    static const std::string decoy(32, '\0');
    std::string hash = activation::code_hash(canonical);
    bool match = crypto::constant_time_equal(account && account->code_hash ? *account->code_hash : decoy, hash);
    if (!match || !account || !account->code_hash || account->disabled)
        return Error::field("code", "activation_code_invalid");
    if (account->expires_at <= now)
        return Error::field("code", "activation_code_expired");
    return Ok {};
}

// Sets the password once the code (or reset link) is proven, ends every other session and token of
// the account, and signs the person in. The code row is claimed by hash, so a code used twice at
// once works once.
Result<std::pair<sessions::NewSession, object>> finish_activation(Context& ctx, const Pending& a, const std::string& code_hash_value,
    const std::string& password_hash, const throttle::Attempt& attempt)
{
    auto& s = ctx.services;
    return s.db.write([&](db::Tx& tx) -> Result<std::pair<sessions::NewSession, object>> {
        if (tx.exec("UPDATE activation_codes SET used_at = ?, sealed_code = ? WHERE institution_id = ? AND user_id = ? AND code_hash = ? AND used_at IS NULL",
                { s.clock.now(), db::Blob { "" }, a.institution_id, a.user_id, db::Blob { code_hash_value } })
            != 1)
            return Error::field("code", "activation_code_invalid");
        tx.exec("UPDATE users SET password_hash = ? WHERE institution_id = ? AND id = ?", { password_hash, a.institution_id, a.user_id });
        sessions::remove_all_of_user(tx, a.institution_id, a.user_id);
        int64_t revoked = sessions::revoke_api_tokens_of_user(tx, a.institution_id, a.user_id);
        throttle::succeeded(tx, attempt);
        auto session = sessions::create(tx, s.clock, a.institution_id, a.user_id, s.config.session_hours);
        auto principal = sessions::load_user(tx, s.permissions, a.institution_id, a.user_id);
        audit::record(tx, s.clock, { a.institution_id, principal->actor(), "user.activate", "user", a.user_id, nullptr,
            object { { "tokens_revoked", revoked } } });
        return std::pair { session, user_json(tx, *principal) };
    });
}

Result<Response> activate(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto login = in.text("login", Presence::Required, 100);
    auto code = in.text("code", Presence::Required, 100);
    auto password = in.text("password", Presence::Required, 1000);
    std::optional<std::string> canonical = code ? logins::canonical_code(*code) : std::nullopt;
    if (code && !canonical)
        in.add_error("code", "activation_code_invalid");
    TRY(in.finish());
    auto& s = ctx.services;
    const throttle::Policy policy;
    const throttle::Attempt attempt { *login, ctx.request.remote_address };
    // Guessing codes is throttled on the sign-in counters: a code is as good as a password.
    auto account = TRY(s.db.write([&](db::Tx& tx) -> Result<std::optional<Pending>> {
        if (auto wait = throttle::claim(tx, s.clock, policy, attempt))
            return too_many_attempts(*wait);
        return find_pending(tx, *login);
    }));
    if (auto checked = check_code(account, *canonical, s.clock.now()); !checked.ok()) {
        if (account)
            TRY(s.db.write([&](db::Tx& tx) -> Status {
                audit::record(tx, s.clock, { account->institution_id, { std::nullopt, "anonymous" }, "user.activation_failed", "user", account->user_id, nullptr,
                    object { { "address", http::address_class(attempt.address) } } });
                return Ok {};
            }));
        return std::move(checked).error();
    }
    auto owner = s.db.read([&](db::Tx& tx) { return password_owner(tx, account->institution_id, account->login, account->display_name, account->person_id); });
    if (auto weak = check_password(s.common_passwords, "password", *password, owner); !weak.ok()) {
        // The code was right: a weak password is no guess, and the code stays valid for a better one.
        TRY(s.db.write([&](db::Tx& tx) -> Status {
            throttle::succeeded(tx, attempt);
            return Ok {};
        }));
        return std::move(weak).error();
    }
    std::string hash = crypto::hash_password(*password);
    auto [session, user] = TRY(finish_activation(ctx, *account, activation::code_hash(*canonical), hash, attempt));
    auto r = Response::ok(object { { "csrf_token", session.csrf_token }, { "user", user } });
    r.set_header("Set-Cookie", session_cookie(s.config, session.cookie_value, int64_t(s.config.session_hours) * 3600));
    return r;
}

// "Forgot password": at most this many requests per address and per login typed, per hour.
throttle::Policy reset_policy() { return { { 3, 1000, 15 * 60 * 1000, 3600 * 1000 }, { 20, 1000, 15 * 60 * 1000, 3600 * 1000 } }; }

struct ResetTarget {
    int64_t institution_id, user_id;
    std::string email, name;
};

// The accounts a login or an e-mail address names, with an address to write to.
std::vector<ResetTarget> reset_targets(db::Tx& tx, const std::string& typed)
{
    std::vector<ResetTarget> out;
    const char* select = "SELECT u.institution_id, u.id, p.email, p.surname, p.name, p.patronymic FROM users u "
                         "JOIN persons p ON p.institution_id = u.institution_id AND p.id = u.person_id ";
    if (typed.find('@') == std::string::npos || tx.query_one("SELECT 1 FROM login_directory WHERE login = ?", { typed })) {
        for (auto& r : tx.query(std::string(select) + "JOIN login_directory d ON d.institution_id = u.institution_id AND d.user_id = u.id "
                                                      "WHERE d.login = ? AND u.disabled = 0 AND p.email IS NOT NULL AND p.email <> ''",
                 { typed }))
            out.push_back({ r.i64(0), r.i64(1), r.str(2), people::full_name(r, 3) });
        return out;
    }
    for (auto& r : tx.query(std::string(select) + "WHERE lower(p.email) = ? AND u.disabled = 0 ORDER BY u.institution_id, u.id LIMIT 5", { typed }))
        out.push_back({ r.i64(0), r.i64(1), r.str(2), people::full_name(r, 3) });
    return out;
}

// A reset link for one account, unless it had enough of them this hour (a quiet refusal: the
// answer is the same either way).
void queue_reset(db::Tx& tx, const Clock& clock, const Letters& letters, const ResetTarget& t)
{
    int64_t now = clock.now();
    if (tx.query_one("SELECT count(*) FROM password_resets WHERE institution_id = ? AND user_id = ? AND created_at > ?", { t.institution_id, t.user_id, now - 3600'000 })
            ->i64(0)
        >= activation::resets_per_account_hour)
        return;
    std::string secret = *logins::canonical_code(activation::new_code());
    std::string token = std::to_string(t.institution_id) + "." + secret;
    tx.exec("INSERT INTO password_resets (institution_id, token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        { t.institution_id, db::Blob { activation::code_hash(secret) }, t.user_id, now, now + activation::reset_valid_ms });
    Lang lang = activation::institution_lang(tx, t.institution_id);
    if (auto l = tx.query_one("SELECT locale FROM users WHERE institution_id = ? AND id = ? AND locale IS NOT NULL", { t.institution_id, t.user_id }))
        lang = parse_lang(l->str(0)).value_or(lang);
    object args { { "name", t.name }, { "url", letters.base_url + "/reset?token=" + token } };
    mail::outbox::enqueue(tx, clock,
        { t.institution_id, t.email, letters.catalog.format(lang, "reset.mail.subject", args), letters.catalog.format(lang, "reset.mail.body", args), "password_reset" });
    audit::record(tx, clock, { t.institution_id, { std::nullopt, "anonymous" }, "user.password_reset_requested", "user", t.user_id, nullptr,
        object { { "expires_at", almaty::iso_datetime(now + activation::reset_valid_ms) } } });
}

Result<Response> request_reset(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto typed = in.text("login", Presence::Required, 200, Lines::Single, 1);
    TRY(in.finish());
    // Logins are lower case; e-mail addresses are compared in lower case.
    std::string key = *typed;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    auto& s = ctx.services;
    TRY(s.db.write([&](db::Tx& tx) -> Status {
        // Counted per address and per what was typed, on counters of their own (not sign-in's).
        if (auto wait = throttle::claim(tx, s.clock, reset_policy(), { "reset:" + key, "reset:" + ctx.request.remote_address }))
            return too_many_attempts(*wait);
        for (auto& t : reset_targets(tx, key))
            queue_reset(tx, s.clock, letters(ctx), t);
        return Ok {};
    }));
    // The same answer whether or not the login or address exists.
    return Response::json(202, object { { "status", "accepted" } });
}

Result<Response> complete_reset(Context& ctx)
{
    auto body = TRY(ctx.json_object());
    FieldReader in(body);
    auto token = in.text("token", Presence::Required, 200);
    auto password = in.text("password", Presence::Required, 1000);
    TRY(in.finish());
    auto dot = token->find('.');
    std::optional<int64_t> inst;
    std::optional<std::string> secret;
    if (dot != std::string::npos && dot > 0 && dot < 19 && std::all_of(token->begin(), token->begin() + long(dot), ::isdigit)) {
        inst = std::stoll(token->substr(0, dot));
        secret = logins::canonical_code(token->substr(dot + 1));
    }
    if (!secret)
        return Error::field("token", "reset_link_invalid");
    auto& s = ctx.services;
    std::string hash = activation::code_hash(*secret);
    auto found = s.db.read([&](db::Tx& tx) -> std::optional<Pending> {
        auto r = tx.query_one("SELECT u.id, u.login, u.display_name, u.person_id FROM password_resets t JOIN users u ON u.institution_id = t.institution_id AND u.id = t.user_id "
                              "WHERE t.institution_id = ? AND t.token_hash = ? AND t.used_at IS NULL AND t.expires_at > ? AND u.disabled = 0",
            { *inst, db::Blob { hash }, s.clock.now() });
        if (!r)
            return std::nullopt;
        return Pending { *inst, r->i64(0), r->str(1), r->str(2), r->opt_i64(3), std::nullopt, 0, false };
    });
    if (!found)
        return Error::field("token", "reset_link_invalid");
    auto owner = s.db.read([&](db::Tx& tx) { return password_owner(tx, found->institution_id, found->login, found->display_name, found->person_id); });
    TRY(check_password(s.common_passwords, "password", *password, owner));
    std::string password_hash = crypto::hash_password(*password);
    TRY(s.db.write([&](db::Tx& tx) -> Status {
        // Used once: the link is claimed by its hash, so two uses at once work once.
        if (tx.exec("UPDATE password_resets SET used_at = ? WHERE institution_id = ? AND token_hash = ? AND used_at IS NULL AND expires_at > ?",
                { s.clock.now(), found->institution_id, db::Blob { hash }, s.clock.now() })
            != 1)
            return Error::field("token", "reset_link_invalid");
        tx.exec("UPDATE users SET password_hash = ? WHERE institution_id = ? AND id = ?", { password_hash, found->institution_id, found->user_id });
        sessions::remove_all_of_user(tx, found->institution_id, found->user_id);
        int64_t revoked = sessions::revoke_api_tokens_of_user(tx, found->institution_id, found->user_id);
        audit::record(tx, s.clock, { found->institution_id, { found->user_id, found->login }, "user.password_reset_by_link", "user", found->user_id, nullptr,
            object { { "tokens_revoked", revoked } } });
        return Ok {};
    }));
    return Response::no_content();
}

}

void detail::register_activation_routes(Registry& r)
{
    const char* manage = "users.manage";
    r.migrations.push_back(activation::migration());
    r.migrations.push_back(mail::outbox::migration());
    r.router.add("POST", "/api/v1/account-batches", manage, policy::issue_accounts, Body::Json, issue_accounts);
    r.router.add("GET", "/api/v1/account-batches/{id}/sheet.pdf", manage, policy::read_batch, Body::None, batch_sheet);
    r.router.add("GET", "/api/v1/people/{id}/account", manage, policy::person_account, Body::None, person_account);
    r.router.add("POST", "/api/v1/people/{id}/activation-code", manage, policy::person_account, Body::Json, new_person_code);
    r.router.add("POST", "/api/v1/activation", perm::Public, authz::anyone, Body::Json, activate);
    r.router.add("POST", "/api/v1/password-resets", perm::Public, authz::anyone, Body::Json, request_reset);
    r.router.add("POST", "/api/v1/password-resets/complete", perm::Public, authz::anyone, Body::Json, complete_reset);
}

}
