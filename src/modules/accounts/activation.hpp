#pragma once
// Accounts for everyone: accounts issued in bulk with one-time activation codes, the activation
// sheet, "forgot password" links, and what becomes of an account when its person leaves.
//
// A code is 128 random bits (logins::format_code). The database keeps its BLAKE2b hash, compared
// in constant time, and, until the code is used, revoked or expired, the code itself sealed with the
// key file's wrapping key, so the administrator can print the batch's sheet again (a jammed
// printer, a lost download) while a copy of the database alone reveals no code
// (docs/architecture.md, "Accounts for everyone").
#include "core/clock.hpp"
#include "i18n/catalog.hpp"
#include "modules/accounts/logins.hpp"
#include "security/audit.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kenes::accounts::activation {

// Migration 250: account_batches, activation_codes, password_resets.
db::Migration migration();

inline constexpr int64_t default_valid_days = 14;
inline constexpr int64_t max_valid_days = 90;
inline constexpr int64_t reset_valid_ms = 3600 * 1000;
inline constexpr int64_t resets_per_account_hour = 3;
inline constexpr const char* unusable_password = "!";   // no password verifies against it: activation sets one

// A fresh 128-bit code as printed ("XXXX-XXXX-...") and the hash kept of its canonical form.
std::string new_code();
std::string code_hash(std::string_view canonical);

// Whom a bulk issue covers.
struct Scope {
    enum class Kind { Group, Course, All } kind = Kind::All;
    std::optional<int64_t> group_id, course;
    bool representatives = true;
};
struct IssueRequest {
    int64_t institution_id;
    Scope scope;
    logins::Rule rule = logins::Rule::StudentNumber;
    int64_t valid_days = default_valid_days;
};
// Where links point and in which language letters are written.
struct Letters {
    const Catalog& catalog;
    std::string base_url;
};
struct IssueResult {
    int64_t batch_id;
    int64_t students = 0, representatives = 0, skipped = 0, emailed = 0;
    int64_t expires_at;
};
// Creates the accounts (student or representative preset, no usable password) and their codes in
// one transaction, auditing each; people with an account are skipped and counted.
IssueResult issue_batch(db::Tx&, const Clock&, const audit::Actor&, const IssueRequest&, const Letters&);

// A new code for one person: their account gets one (re-issue revokes the old code); a student or
// a representative without an account gets one first. nullopt (and nothing changed) when the
// person is neither.
struct SingleIssue {
    int64_t batch_id, user_id;
    std::string login, code;
    int64_t expires_at;
    bool created_account, emailed;
};
std::optional<SingleIssue> issue_for_person(db::Tx&, const Clock&, const audit::Actor&, int64_t institution_id, int64_t person_id, logins::Rule,
    int64_t valid_days, const Letters&);

// One slip of a sheet.
struct Slip {
    std::string full_name, caption, login, code;   // caption: the group, or for a representative the child and group
    int64_t expires_at;
    bool representative;
};
// The batch's codes still waiting to be used, unsealed; nullopt when there is no such batch.
std::optional<std::vector<Slip>> sheet_slips(db::Tx&, const Clock&, int64_t institution_id, int64_t batch_id);
std::string render_sheet(const Catalog&, Lang, const std::string& institution_name, const std::string& base_url, const std::vector<Slip>&);

// The account of a person for the administrator: null, or login, roles, status
// (pending | expired | activated | active | disabled) and the code's expiry.
boost::json::value account_of_person(db::Tx&, const Clock&, int64_t institution_id, int64_t person_id);

// A date as printed on sheets and in letters: 19.12.2026 (Almaty, GEN-2).
std::string display_date(int64_t unix_millis);

// The institution's first language: sheets and letters are written in it.
Lang institution_lang(db::Tx&, int64_t institution_id);

}
