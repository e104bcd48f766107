#include "mail/outbox.hpp"
#include "mail/message.hpp"
#include "security/audit.hpp"
#include "security/keys.hpp"
#include <boost/json/object.hpp>
#include <spdlog/spdlog.h>

namespace kenes::mail::outbox {

namespace {

constexpr int64_t claim_millis = 120'000;
constexpr int64_t max_age_millis = 24 * 3600 * 1000LL;
constexpr int64_t max_attempts = 5;

// Subject and body travel sealed together: the subject line may name the person.
std::string pack(const Letter& l) { return l.subject + '\n' + l.body; }

struct Queued {
    int64_t institution_id, id;
    std::string to, purpose, sealed;
    int wrap_key_id;
};

std::optional<Message> unseal(const Queued& q, const std::string& from, int64_t now)
{
    auto key = keys::find(keys::Purpose::Wrap, q.wrap_key_id);
    auto plain = key ? keys::unwrap(*key, q.institution_id, q.sealed) : std::nullopt;
    if (!plain)
        return std::nullopt;
    auto nl = plain->find('\n');
    return Message { from, q.to, plain->substr(0, nl), nl == std::string::npos ? "" : plain->substr(nl + 1), now,
        "<outbox-" + std::to_string(q.id) + "@kenes>" };
}

}

db::Migration migration()
{
    return { 251, "mail outbox", R"sql(
CREATE TABLE mail_outbox (
    institution_id BIGINT NOT NULL REFERENCES institutions (id),
    id BIGINT NOT NULL,
    recipient TEXT NOT NULL,
    purpose TEXT NOT NULL,
    sealed {blob} NOT NULL,
    wrap_key_id INTEGER NOT NULL,
    created_at BIGINT NOT NULL,
    claimed_until BIGINT,
    attempts INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (institution_id, id)
);
CREATE INDEX mail_outbox_created ON mail_outbox (created_at);
)sql" };
}

bool enqueue(db::Tx& tx, const Clock& clock, const Letter& l)
{
    if (!plausible_address(l.to))
        return false;
    auto key = keys::current(keys::Purpose::Wrap);
    tx.exec("INSERT INTO mail_outbox (institution_id, id, recipient, purpose, sealed, wrap_key_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        { l.institution_id, tx.next_id(), l.to, l.purpose, db::Blob { keys::wrap(key, l.institution_id, pack(l)) }, int64_t(key.id), clock.now() });
    return true;
}

int64_t deliver(db::Database& db, const Clock& clock, const Relay& relay, const std::string& from)
{
    int64_t now = clock.now();
    std::vector<Queued> batch;
    bool stale = false;
    db.read([&](db::Tx& tx) {
        stale = tx.query_one("SELECT 1 FROM mail_outbox WHERE created_at < ? LIMIT 1", { now - max_age_millis }).has_value();
        for (auto& r : tx.query("SELECT institution_id, id, recipient, purpose, sealed, wrap_key_id FROM mail_outbox "
                                "WHERE attempts < ? AND created_at >= ? AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY created_at LIMIT 50",
                 { max_attempts, now - max_age_millis, now }))
            batch.push_back({ r.i64(0), r.i64(1), r.str(2), r.str(3), r.blob(4), int(r.i64(5)) });
        return 0;
    });
    int64_t sent = 0;
    for (auto& q : batch) {
        auto claimed = db.write([&](db::Tx& tx) -> Result<bool> {
            return tx.exec("UPDATE mail_outbox SET claimed_until = ?, attempts = attempts + 1 WHERE institution_id = ? AND id = ? "
                           "AND (claimed_until IS NULL OR claimed_until < ?)",
                       { now + claim_millis, q.institution_id, q.id, now })
                == 1;
        });
        if (!claimed.ok() || !claimed.value())
            continue;   // another process has it
        auto message = unseal(q, from, clock.now());
        if (!message) {
            spdlog::error("outbox letter {} cannot be unsealed with this key file; left for its attempts to run out", q.id);
            continue;
        }
        if (auto status = send(relay, *message); !status.ok()) {
            spdlog::warn("outbox letter {} not sent: {}", q.id, status.error().log_message);
            continue;
        }
        // The letter went out: its sealed copy (a code, a link) is not kept.
        auto done = db.write([&](db::Tx& tx) -> Result<int64_t> {
            tx.exec("DELETE FROM mail_outbox WHERE institution_id = ? AND id = ?", { q.institution_id, q.id });
            audit::record(tx, clock, { q.institution_id, { std::nullopt, "system" }, "mail.sent", "mail", q.id, nullptr,
                boost::json::object { { "purpose", q.purpose } } });
            return int64_t(1);
        });
        sent += done.ok();
    }
    // Letters a day old are of no use any more (their codes or links expire) and are dropped.
    if (stale)
        (void)db.write([&](db::Tx& tx) -> Status {
            tx.exec("DELETE FROM mail_outbox WHERE created_at < ?", { now - max_age_millis });
            return Ok {};
        });
    return sent;
}

}
