#include "security/throttle.hpp"
#include <algorithm>

namespace kenes::throttle {

static std::string account_key(const std::string& login) { return "account:" + login; }
static std::string address_key(const std::string& address) { return "address:" + address; }

static std::optional<int64_t> check(db::Tx& tx, int64_t now, const Policy& p, const std::string& key, int64_t limit)
{
    auto row = tx.query_one("SELECT window_start, failures FROM login_attempts WHERE attempt_key = ?", { key });
    if (!row || row->i64(1) < limit)
        return std::nullopt;
    int64_t until = row->i64(0) + p.window_ms;
    if (now >= until)
        return std::nullopt;
    return std::max<int64_t>(1, (until - now + 999) / 1000);
}

std::optional<int64_t> blocked_for(db::Tx& tx, const Clock& clock, const Policy& p, const std::string& login, const std::string& address)
{
    int64_t now = clock.now();
    auto a = check(tx, now, p, account_key(login), p.account_failures);
    auto b = check(tx, now, p, address_key(address), p.address_failures);
    if (a && b)
        return std::max(*a, *b);
    return a ? a : b;
}

static void bump(db::Tx& tx, int64_t now, const Policy& p, const std::string& key)
{
    // A window starts with the first failure; a failure after the window starts a new one.
    tx.exec("INSERT INTO login_attempts (attempt_key, window_start, failures) VALUES (?, ?, 1) "
            "ON CONFLICT (attempt_key) DO UPDATE SET "
            "failures = CASE WHEN login_attempts.window_start + ? <= ? THEN 1 ELSE login_attempts.failures + 1 END, "
            "window_start = CASE WHEN login_attempts.window_start + ? <= ? THEN ? ELSE login_attempts.window_start END",
        { key, now, p.window_ms, now, p.window_ms, now, now });
}

void record_failure(db::Tx& tx, const Clock& clock, const Policy& p, const std::string& login, const std::string& address)
{
    int64_t now = clock.now();
    bump(tx, now, p, account_key(login));
    bump(tx, now, p, address_key(address));
}

void record_success(db::Tx& tx, const std::string& login)
{
    tx.exec("DELETE FROM login_attempts WHERE attempt_key = ?", { account_key(login) });
}

}
