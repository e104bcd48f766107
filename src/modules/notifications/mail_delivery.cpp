// E-mail delivery of notices through the configured SMTP relay. Sending happens outside any
// transaction: a notice is claimed for two minutes, sent, then marked as mailed (and audited).
#include "modules/notifications/notifications.hpp"
#include "i18n/locale.hpp"
#include "mail/outbox.hpp"
#include "security/audit.hpp"
#include <boost/json/parse.hpp>
#include <condition_variable>
#include <mutex>
#include <spdlog/spdlog.h>
#include <thread>

namespace kenes::notifications {

using boost::json::object;

namespace {

constexpr int64_t claim_millis = 120'000;
constexpr int64_t max_age_millis = 24 * 3600 * 1000LL;
constexpr int64_t max_attempts = 5;

struct Pending {
    int64_t institution_id, id;
    std::string kind, params_json, email;
    Lang lang;
};

}

int64_t deliver_mail(db::Database& db, const Clock& clock, const Catalog& catalog, const MailSettings& settings)
{
    int64_t now = clock.now();
    std::vector<Pending> batch;
    db.read([&](db::Tx& tx) {
        for (auto& r : tx.query("SELECT n.institution_id, n.id, n.kind, n.params_json, p.email, "
                                "(SELECT min(u.locale) FROM users u WHERE u.institution_id = n.institution_id AND u.person_id = n.person_id) "
                                "FROM notifications n JOIN persons p ON p.institution_id = n.institution_id AND p.id = n.person_id "
                                "WHERE n.mailed_at IS NULL AND n.mail_attempts < ? AND n.created_at >= ? AND p.email IS NOT NULL AND p.email <> '' "
                                "AND (n.mail_claimed_until IS NULL OR n.mail_claimed_until < ?) ORDER BY n.created_at LIMIT 50",
                 { max_attempts, now - max_age_millis, now }))
            batch.push_back({ r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4), r.is_null(5) ? Lang::Kk : parse_lang(r.str(5)).value_or(Lang::Kk) });
        return 0;
    });
    int64_t sent = 0;
    for (auto& n : batch) {
        auto claimed = db.write([&](db::Tx& tx) -> Result<bool> {
            return tx.exec("UPDATE notifications SET mail_claimed_until = ?, mail_attempts = mail_attempts + 1 WHERE institution_id = ? AND id = ? "
                           "AND mailed_at IS NULL AND (mail_claimed_until IS NULL OR mail_claimed_until < ?)",
                       { now + claim_millis, n.institution_id, n.id, now })
                == 1;
        });
        if (!claimed.ok() || !claimed.value())
            continue;   // another process has it
        auto params = boost::json::parse(n.params_json).as_object();
        std::string text = catalog.format(n.lang, "notification." + n.kind, params);
        std::string body = text + "\n\n";
        if (!settings.public_url.empty())
            body += catalog.format(n.lang, "mail.open_notifications", { { "url", settings.public_url + "/notifications" } }) + "\n\n";
        body += catalog.format(n.lang, "mail.footer");
        mail::Message message { settings.from, n.email, catalog.format(n.lang, "mail.subject." + n.kind, params), body, clock.now(),
            "<notice-" + std::to_string(n.id) + "@kenes>" };
        auto status = mail::send(settings.relay, message);
        if (!status.ok()) {
            spdlog::warn("mail for notice {} not sent: {}", n.id, status.error().log_message);
            continue;
        }
        auto marked = db.write([&](db::Tx& tx) -> Result<int64_t> {
            tx.exec("UPDATE notifications SET mailed_at = ? WHERE institution_id = ? AND id = ?", { clock.now(), n.institution_id, n.id });
            audit::record(tx, clock, { n.institution_id, { std::nullopt, "system" }, "notification.mail", "notification", n.id, nullptr, object { { "mailed", true } } });
            return int64_t(0);
        });
        // Not marked (the database went away): the claim expires and the notice goes out again.
        sent += marked.ok();
    }
    return sent;
}

struct MailWorker::State {
    std::mutex mutex;
    std::condition_variable wake;
    bool stopping = false;
    std::thread thread;
};

MailWorker::MailWorker(db::Database& db, const Clock& clock, const Catalog& catalog, MailSettings settings, std::chrono::milliseconds interval)
    : m_state(std::make_unique<State>())
{
    m_state->thread = std::thread([&db, &clock, &catalog, settings = std::move(settings), interval, state = m_state.get()] {
        std::unique_lock lock(state->mutex);
        while (!state->stopping) {
            lock.unlock();
            try {
                deliver_mail(db, clock, catalog, settings);
                mail::outbox::deliver(db, clock, settings.relay, settings.from);   // activation codes, reset links
            } catch (const std::exception& e) {
                spdlog::error("mail delivery failed: {}", e.what());
            }
            lock.lock();
            state->wake.wait_for(lock, interval, [&] { return state->stopping; });
        }
    });
}

MailWorker::~MailWorker()
{
    {
        std::lock_guard lock(m_state->mutex);
        m_state->stopping = true;
    }
    m_state->wake.notify_all();
    m_state->thread.join();
}

}
