#pragma once
// Password-guessing throttling, kept in the database so every server process sees the same counts.
//
// Failures are counted per account AND address together, so a guesser slows down only themselves:
// the owner signing in from another address is never held up, and nobody can lock an account by
// failing on purpose. A second, generous counter per address across accounts slows down one
// address trying many accounts (password spraying). There is no counter per account alone: it
// would let anyone lock the owner out (docs/architecture.md, "Sessions, tokens and throttling").
//
// Check and count are one step: an attempt is counted as a failure before its password is
// checked, in the write transaction that decides whether it may be checked at all, so parallel
// guesses cannot all pass a check made before any of them was counted.
#include "core/clock.hpp"
#include "storage/database.hpp"
#include <optional>
#include <string>

namespace kenes::throttle {

// How one counter slows guessing: the first `free_failures` cost nothing; from then on each
// failure makes the next attempt wait, 1 s, 2 s, 4 s ... (doubling from `first_delay_ms`) up to
// `max_delay_ms`. A counter starts afresh `window_ms` after its first failure.
struct Rule {
    int64_t free_failures;
    int64_t first_delay_ms;
    int64_t max_delay_ms;
    int64_t window_ms;
};

struct Policy {
    // One account from one address. A day-long window keeps a patient guesser at one guess per
    // 15 minutes once the delay has grown, instead of three free guesses every quarter hour.
    Rule account_address { 3, 1000, 15 * 60 * 1000, 24 * 3600 * 1000 };
    // One address over all accounts: a school or dormitory behind one NAT address shares it, so
    // it allows 100 failures an hour before it starts to slow that address down.
    Rule address { 100, 1000, 15 * 60 * 1000, 3600 * 1000 };
};

struct Counter {
    int64_t window_start = 0;
    int64_t failures = 0;
    int64_t last_failure_at = 0;
};

// Milliseconds until the next attempt is allowed (0: now). Pure.
int64_t wait_ms(const Rule&, const Counter&, int64_t now);
// The counter after one more failure at `now`. Pure.
Counter after_failure(const Rule&, const Counter&, int64_t now);

// Who is guessing what: the login as typed and the client's address.
struct Attempt {
    std::string login;
    std::string address;
};

// In a write transaction: either the seconds to wait (the attempt is refused, counted nowhere and
// its password must not be checked), or nullopt: the attempt is counted as a failure and the
// password may be checked. On PostgreSQL the counters' row locks make parallel attempts wait
// for each other; on SQLite the single writer does.
std::optional<int64_t> claim(db::Tx&, const Clock&, const Policy&, const Attempt&);
// The password was right: the account+address counter is cleared, and the failure counted in
// advance is taken back from the address.
void succeeded(db::Tx&, const Attempt&);
// Forgets counters whose window ended long ago (a scheduled job).
void forget_old(db::Tx&, const Clock&, const Policy&);

}
