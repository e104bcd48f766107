#include "security/throttle.hpp"
#include <algorithm>

namespace kenes::throttle {

namespace {

// The address first: addresses never contain spaces, so the key cannot be confused.
std::string pair_key(const Attempt& a) { return "pair:" + a.address + " " + a.login; }
std::string address_key(const Attempt& a) { return "address:" + a.address; }

// Reads a counter and, on PostgreSQL, locks its row until the transaction ends: the upsert
// creates a missing row or rewrites an existing one unchanged, and both take the row lock, so a
// parallel attempt on the same key waits here and then reads what this one wrote.
Counter lock_counter(db::Tx& tx, const std::string& key, int64_t now)
{
    auto row = tx.query_one("INSERT INTO login_attempts (attempt_key, window_start, failures, last_failure_at) VALUES (?, ?, 0, 0) "
                            "ON CONFLICT (attempt_key) DO UPDATE SET failures = login_attempts.failures "
                            "RETURNING window_start, failures, last_failure_at",
        { key, now });
    return { row->i64(0), row->i64(1), row->i64(2) };
}

void store_counter(db::Tx& tx, const std::string& key, const Counter& c)
{
    tx.exec("UPDATE login_attempts SET window_start = ?, failures = ?, last_failure_at = ? WHERE attempt_key = ?",
        { c.window_start, c.failures, c.last_failure_at, key });
}

bool window_ended(const Rule& r, const Counter& c, int64_t now) { return now >= c.window_start + r.window_ms; }

}

int64_t wait_ms(const Rule& r, const Counter& c, int64_t now)
{
    if (window_ended(r, c, now) || c.failures < r.free_failures)
        return 0;
    int64_t doublings = c.failures - r.free_failures;
    int64_t delay = r.max_delay_ms;
    if (doublings < 40)
        delay = std::min(r.max_delay_ms, r.first_delay_ms << doublings);
    return std::max<int64_t>(0, c.last_failure_at + delay - now);
}

Counter after_failure(const Rule& r, const Counter& c, int64_t now)
{
    if (window_ended(r, c, now) || c.failures == 0)
        return { now, 1, now };
    return { c.window_start, c.failures + 1, now };
}

std::optional<int64_t> claim(db::Tx& tx, const Clock& clock, const Policy& p, const Attempt& a)
{
    int64_t now = clock.now();
    std::string keys[] = { pair_key(a), address_key(a) };
    const Rule* rules[] = { &p.account_address, &p.address };
    Counter counters[2];
    int64_t wait = 0;
    for (int i = 0; i < 2; ++i) {
        counters[i] = lock_counter(tx, keys[i], now);
        wait = std::max(wait, wait_ms(*rules[i], counters[i], now));
    }
    if (wait > 0)
        return std::max<int64_t>(1, (wait + 999) / 1000);
    for (int i = 0; i < 2; ++i)
        store_counter(tx, keys[i], after_failure(*rules[i], counters[i], now));
    return std::nullopt;
}

void succeeded(db::Tx& tx, const Attempt& a)
{
    tx.exec("DELETE FROM login_attempts WHERE attempt_key = ?", { pair_key(a) });
    tx.exec("UPDATE login_attempts SET failures = failures - 1 WHERE attempt_key = ? AND failures > 0", { address_key(a) });
}

void forget_old(db::Tx& tx, const Clock& clock, const Policy& p)
{
    int64_t longest = std::max(p.account_address.window_ms, p.address.window_ms);
    tx.exec("DELETE FROM login_attempts WHERE window_start < ?", { clock.now() - longest });
}

}
