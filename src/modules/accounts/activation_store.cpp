// The SQL of accounts issued in bulk and their activation codes.
#include "core/clock.hpp"
#include "mail/outbox.hpp"
#include "modules/accounts/accounts.hpp"
#include "modules/accounts/activation.hpp"
#include "modules/people/people.hpp"
#include "security/crypto.hpp"
#include "security/keys.hpp"
#include "security/permissions.hpp"
#include <boost/json/array.hpp>
#include <cstdio>
#include <set>
#include <sodium.h>

namespace kenes::accounts::activation {

using boost::json::object;

db::Migration migration()
{
    return { 250, "accounts for everyone", R"sql(
CREATE TABLE account_batches (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    created_by BIGINT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, id)
);
-- One code per account: issuing another replaces the row, which revokes the old code. A used code
-- keeps its row (used_at) so the administrator sees that the account was activated; its sealed copy
-- is emptied then.
CREATE TABLE activation_codes (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    user_id BIGINT NOT NULL,
    batch_id BIGINT NOT NULL,
    position BIGINT NOT NULL,
    caption TEXT NOT NULL,
    code_hash {blob} NOT NULL,
    sealed_code {blob} NOT NULL,
    wrap_key_id INTEGER NOT NULL,
    issued_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    PRIMARY KEY (institution_id, user_id)
);
CREATE INDEX activation_codes_batch ON activation_codes (institution_id, batch_id, position);
-- "Forgot password" links: the hash of a 128-bit token, valid an hour, used once.
CREATE TABLE password_resets (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    token_hash {blob} NOT NULL,
    user_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    PRIMARY KEY (institution_id, token_hash)
);
CREATE INDEX password_resets_user ON password_resets (institution_id, user_id, created_at);
)sql" };
}

std::string new_code()
{
    unsigned char raw[16];
    randombytes_buf(raw, sizeof raw);
    auto code = logins::format_code(raw);
    sodium_memzero(raw, sizeof raw);
    return code;
}

std::string code_hash(std::string_view canonical) { return crypto::token_hash(canonical); }

std::string display_date(int64_t unix_millis)
{
    auto d = almaty::local_date(unix_millis);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", d.day, d.month, d.year);
    return buf;
}

Lang institution_lang(db::Tx& tx, int64_t institution_id)
{
    auto r = tx.query_one("SELECT languages FROM institutions WHERE id = ?", { institution_id });
    std::string first = r ? r->str(0).substr(0, r->str(0).find(',')) : "kk";
    return parse_lang(first).value_or(Lang::Kk);
}

namespace {

struct Person {
    int64_t id;
    std::string surname, name;
    std::optional<std::string> patronymic, email, student_number;
    std::string caption;   // the group, or the child for a representative
    bool representative;
};

std::string activate_url(const std::string& base, const std::string& login, const std::string& code)
{
    return base + "/activate?login=" + login + "&code=" + code;
}

bool has_account(db::Tx& tx, int64_t inst, int64_t person_id)
{
    return tx.query_one("SELECT 1 FROM users WHERE institution_id = ? AND person_id = ?", { inst, person_id }).has_value();
}

// The login by the rule, by the name when the rule gives none, else "user<id>"; then the first free one.
std::string choose_login(db::Tx& tx, logins::Rule rule, const Person& p)
{
    logins::Subject s { p.surname, p.name, p.student_number, p.representative };
    auto base = logins::base_login(rule, s);
    if (!base)
        base = logins::base_login(logins::Rule::Name, s);
    if (!base || !valid_login(*base))
        base = "user" + std::to_string(p.id);
    return logins::first_free(*base, [&](const std::string& l) { return tx.query_one("SELECT 1 FROM login_directory WHERE login = ?", { l }).has_value(); });
}

int64_t create_account(db::Tx& tx, const Clock& clock, const audit::Actor& actor, int64_t inst, const Person& p, logins::Rule rule)
{
    NewUser u { inst, choose_login(tx, rule, p), unusable_password, people::full_name(p.surname, p.name, p.patronymic), p.id,
        { p.representative ? role::LegalRepresentative : role::Student } };
    return create_user(tx, clock, actor, u);
}

// Queues the letter with the code when the person has an address.
bool mail_code(db::Tx& tx, const Clock& clock, int64_t inst, const Person& p, const std::string& login, const std::string& code, int64_t expires_at,
    const Letters& letters)
{
    if (!p.email || p.email->empty())
        return false;
    Lang lang = institution_lang(tx, inst);
    object args { { "name", people::full_name(p.surname, p.name, p.patronymic) }, { "login", login }, { "code", code },
        { "url", activate_url(letters.base_url, login, code) }, { "expires", display_date(expires_at) } };
    return mail::outbox::enqueue(tx, clock,
        { inst, *p.email, letters.catalog.format(lang, "activation.mail.subject", args), letters.catalog.format(lang, "activation.mail.body", args),
            "activation_code" });
}

// Stores a new code for the account (replacing, so revoking, any earlier one) and audits it.
std::string put_code(db::Tx& tx, const Clock& clock, const audit::Actor& actor, int64_t inst, int64_t user_id, int64_t batch_id, int64_t position,
    const std::string& caption, int64_t expires_at)
{
    std::string code = new_code();
    auto key = keys::current(keys::Purpose::Wrap);
    bool revoked = tx.exec("DELETE FROM activation_codes WHERE institution_id = ? AND user_id = ? AND used_at IS NULL", { inst, user_id }) > 0;
    tx.exec("DELETE FROM activation_codes WHERE institution_id = ? AND user_id = ?", { inst, user_id });
    tx.exec("INSERT INTO activation_codes (institution_id, user_id, batch_id, position, caption, code_hash, sealed_code, wrap_key_id, issued_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        { inst, user_id, batch_id, position, caption, db::Blob { code_hash(*logins::canonical_code(code)) }, db::Blob { keys::wrap(key, inst, code) },
            int64_t(key.id), clock.now(), expires_at });
    audit::record(tx, clock, { inst, actor, "user.activation_code_issued", "user", user_id, nullptr,
        object { { "batch_id", batch_id }, { "expires_at", almaty::iso_datetime(expires_at) }, { "previous_code_revoked", revoked } } });
    return code;
}

int64_t new_batch(db::Tx& tx, const Clock& clock, const audit::Actor& actor, int64_t inst, int64_t expires_at)
{
    int64_t id = tx.next_id();
    tx.exec("INSERT INTO account_batches (institution_id, id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        { inst, id, db::nullable(actor.user_id), clock.now(), expires_at });
    return id;
}

std::vector<Person> students_in(db::Tx& tx, int64_t inst, const Scope& scope)
{
    std::string sql = "SELECT p.id, p.surname, p.name, p.patronymic, p.email, s.student_number, g.name FROM students s "
                      "JOIN persons p ON p.institution_id = s.institution_id AND p.id = s.person_id "
                      "LEFT JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id "
                      "WHERE s.institution_id = ? AND s.status NOT IN ('expelled', 'graduated')";
    std::vector<db::Value> params { inst };
    if (scope.kind == Scope::Kind::Group) {
        sql += " AND s.group_id = ?";
        params.push_back(*scope.group_id);
    } else if (scope.kind == Scope::Kind::Course) {
        sql += " AND COALESCE(s.course, g.course) = ?";
        params.push_back(*scope.course);
    }
    sql += " ORDER BY g.name, p.sort_kk, p.id";
    std::vector<Person> out;
    for (auto& r : tx.query(sql, params))
        out.push_back({ r.i64(0), r.str(1), r.str(2), r.opt_str(3), r.opt_str(4), r.str(5), r.opt_str(6).value_or(""), false });
    return out;
}

std::vector<Person> representatives_of(db::Tx& tx, int64_t inst, const Person& child)
{
    std::vector<Person> out;
    std::string caption = people::full_name(child.surname, child.name, child.patronymic) + (child.caption.empty() ? "" : ", " + child.caption);
    for (auto& r : tx.query("SELECT p.id, p.surname, p.name, p.patronymic, p.email FROM representatives r "
                            "JOIN persons p ON p.institution_id = r.institution_id AND p.id = r.representative_id "
                            "WHERE r.institution_id = ? AND r.student_id = ? ORDER BY p.sort_kk, p.id",
             { inst, child.id }))
        out.push_back({ r.i64(0), r.str(1), r.str(2), r.opt_str(3), r.opt_str(4), child.student_number, caption, true });
    return out;
}

}

IssueResult issue_batch(db::Tx& tx, const Clock& clock, const audit::Actor& actor, const IssueRequest& req, const Letters& letters)
{
    int64_t inst = req.institution_id;
    IssueResult out { 0, 0, 0, 0, 0, clock.now() + req.valid_days * 86'400'000 };
    out.batch_id = new_batch(tx, clock, actor, inst, out.expires_at);
    std::set<int64_t> seen;   // a parent of two children is issued once
    int64_t position = 0;
    auto issue = [&](const Person& p) {
        if (!seen.insert(p.id).second)
            return;
        if (has_account(tx, inst, p.id)) {
            ++out.skipped;
            return;
        }
        int64_t user_id = create_account(tx, clock, actor, inst, p, req.rule);
        auto login = tx.query_one("SELECT login FROM users WHERE institution_id = ? AND id = ?", { inst, user_id })->str(0);
        auto code = put_code(tx, clock, actor, inst, user_id, out.batch_id, ++position, p.caption, out.expires_at);
        out.emailed += mail_code(tx, clock, inst, p, login, code, out.expires_at, letters);
        ++(p.representative ? out.representatives : out.students);
    };
    for (auto& student : students_in(tx, inst, req.scope)) {
        issue(student);
        if (req.scope.representatives)
            for (auto& rep : representatives_of(tx, inst, student))
                issue(rep);
    }
    audit::record(tx, clock, { inst, actor, "account_batch.create", "account_batch", out.batch_id, nullptr,
        object { { "scope", req.scope.kind == Scope::Kind::Group ? "group" : req.scope.kind == Scope::Kind::Course ? "course" : "all" },
            { "group_id", req.scope.group_id ? boost::json::value(*req.scope.group_id) : nullptr },
            { "course", req.scope.course ? boost::json::value(*req.scope.course) : nullptr },
            { "login_rule", req.rule == logins::Rule::Name ? "name" : "student_number" }, { "students", out.students },
            { "representatives", out.representatives }, { "skipped", out.skipped }, { "emailed", out.emailed },
            { "expires_at", almaty::iso_datetime(out.expires_at) } } });
    return out;
}

std::optional<SingleIssue> issue_for_person(db::Tx& tx, const Clock& clock, const audit::Actor& actor, int64_t inst, int64_t person_id, logins::Rule rule,
    int64_t valid_days, const Letters& letters)
{
    auto r = tx.query_one("SELECT p.id, p.surname, p.name, p.patronymic, p.email, s.student_number, g.name, "
                          "(SELECT min(cs.student_number) FROM representatives rp JOIN students cs ON cs.institution_id = rp.institution_id AND cs.person_id = rp.student_id "
                          " WHERE rp.institution_id = p.institution_id AND rp.representative_id = p.id) "
                          "FROM persons p LEFT JOIN students s ON s.institution_id = p.institution_id AND s.person_id = p.id "
                          "LEFT JOIN groups g ON g.institution_id = s.institution_id AND g.id = s.group_id WHERE p.institution_id = ? AND p.id = ?",
        { inst, person_id });
    if (!r)
        return std::nullopt;
    bool student = !r->is_null(5), representative = !student && !r->is_null(7);
    Person p { r->i64(0), r->str(1), r->str(2), r->opt_str(3), r->opt_str(4), student ? r->opt_str(5) : r->opt_str(7), r->opt_str(6).value_or(""), representative };
    auto existing = tx.query_one("SELECT id, login FROM users WHERE institution_id = ? AND person_id = ? ORDER BY id LIMIT 1", { inst, person_id });
    if (!existing && !student && !representative)
        return std::nullopt;   // staff accounts are made by hand, with their roles
    int64_t expires_at = clock.now() + valid_days * 86'400'000;
    int64_t batch = new_batch(tx, clock, actor, inst, expires_at);
    SingleIssue out { batch, 0, "", "", expires_at, !existing, false };
    out.user_id = existing ? existing->i64(0) : create_account(tx, clock, actor, inst, p, rule);
    out.login = tx.query_one("SELECT login FROM users WHERE institution_id = ? AND id = ?", { inst, out.user_id })->str(0);
    out.code = put_code(tx, clock, actor, inst, out.user_id, batch, 1, p.caption, expires_at);
    out.emailed = mail_code(tx, clock, inst, p, out.login, out.code, expires_at, letters);
    return out;
}

std::optional<std::vector<Slip>> sheet_slips(db::Tx& tx, const Clock& clock, int64_t inst, int64_t batch_id)
{
    if (!tx.query_one("SELECT 1 FROM account_batches WHERE institution_id = ? AND id = ?", { inst, batch_id }))
        return std::nullopt;
    std::vector<Slip> out;
    for (auto& r : tx.query("SELECT a.sealed_code, a.wrap_key_id, a.expires_at, a.caption, u.login, u.display_name, "
                            "EXISTS (SELECT 1 FROM user_roles ur WHERE ur.institution_id = u.institution_id AND ur.user_id = u.id AND ur.role = 'legal_representative') "
                            "FROM activation_codes a "
                            "JOIN users u ON u.institution_id = a.institution_id AND u.id = a.user_id "
                            "WHERE a.institution_id = ? AND a.batch_id = ? AND a.used_at IS NULL AND a.expires_at > ? AND u.disabled = 0 ORDER BY a.position",
             { inst, batch_id, clock.now() })) {
        auto key = keys::find(keys::Purpose::Wrap, int(r.i64(1)));
        auto code = key ? keys::unwrap(*key, inst, r.blob(0)) : std::nullopt;
        if (!code)
            throw std::runtime_error("an activation code cannot be unsealed with the installed key file");
        out.push_back({ r.str(5), r.str(3), r.str(4), *code, r.i64(2), r.flag(6) });
    }
    return out;
}

boost::json::value account_of_person(db::Tx& tx, const Clock& clock, int64_t inst, int64_t person_id)
{
    auto u = tx.query_one("SELECT u.id, u.login, u.disabled, a.expires_at, a.used_at, a.batch_id FROM users u "
                          "LEFT JOIN activation_codes a ON a.institution_id = u.institution_id AND a.user_id = u.id "
                          "WHERE u.institution_id = ? AND u.person_id = ? ORDER BY u.id LIMIT 1",
        { inst, person_id });
    if (!u)
        return nullptr;
    boost::json::array roles;
    for (auto& r : tx.query("SELECT role FROM user_roles WHERE institution_id = ? AND user_id = ? ORDER BY role", { inst, u->i64(0) }))
        roles.emplace_back(r.str(0));
    std::string status = u->flag(2)  ? "disabled"
        : u->is_null(3)              ? "active"      // made with a password, before or without codes
        : !u->is_null(4)             ? "activated"
        : u->i64(3) <= clock.now()   ? "expired"
                                     : "pending";
    object out { { "user_id", u->i64(0) }, { "login", u->str(1) }, { "roles", roles }, { "status", status } };
    out["code_expires_at"] = status == "pending" || status == "expired" ? boost::json::value(almaty::iso_datetime(u->i64(3))) : nullptr;
    out["batch_id"] = status == "pending" ? boost::json::value(u->i64(5)) : nullptr;
    out["activated_at"] = status == "activated" ? boost::json::value(almaty::iso_datetime(u->i64(4))) : nullptr;
    return out;
}

}
