// E-mail delivery of notices through the configured SMTP relay. Sending happens outside any
// transaction: the notices of one mail are claimed for two minutes, sent, then marked as mailed
// or failed (with the relay's reason), and audited.
#include "modules/notifications/digest.hpp"
#include "modules/notifications/notifications.hpp"
#include "i18n/locale.hpp"
#include "mail/outbox.hpp"
#include "security/audit.hpp"
#include <boost/json/parse.hpp>
#include <condition_variable>
#include <map>
#include <mutex>
#include <spdlog/spdlog.h>
#include <thread>
#include <tuple>

namespace kenes::notifications {

using boost::json::object;

namespace {

constexpr int64_t claim_millis = 120'000;
constexpr int64_t max_age_millis = 24 * 3600 * 1000LL;
constexpr int64_t max_attempts = 5;

struct Pending {
    int64_t institution_id, id, person_id, created_at;
    std::string kind, params_json, email, link;
    Lang lang;
    object params() const { return boost::json::parse(params_json).as_object(); }
};
using GroupKey = std::tuple<int64_t, int64_t, std::string>;   // institution, person, kind

std::map<GroupKey, std::vector<Pending>> pending_by_person_and_kind(db::Database& db, int64_t now)
{
    std::map<GroupKey, std::vector<Pending>> groups;
    db.read([&](db::Tx& tx) {
        for (auto& r : tx.query("SELECT n.institution_id, n.id, n.person_id, n.kind, n.params_json, p.email, n.link, n.created_at, "
                                "(SELECT min(u.locale) FROM users u WHERE u.institution_id = n.institution_id AND u.person_id = n.person_id) "
                                "FROM notifications n JOIN persons p ON p.institution_id = n.institution_id AND p.id = n.person_id "
                                "WHERE n.mail_status = 'pending' AND n.mail_attempts < ? AND n.created_at >= ? AND p.email IS NOT NULL AND p.email <> '' "
                                "AND (n.mail_claimed_until IS NULL OR n.mail_claimed_until < ?) ORDER BY n.created_at, n.id LIMIT 200",
                 { max_attempts, now - max_age_millis, now })) {
            Pending p { r.i64(0), r.i64(1), r.i64(2), r.i64(7), r.str(3), r.str(4), r.str(5), r.is_null(6) ? "" : r.str(6),
                r.is_null(8) ? Lang::Kk : parse_lang(r.str(8)).value_or(Lang::Kk) };
            auto* kind = find_kind(p.kind);
            if (kind && p.created_at + kind->mail_delay_millis > now)
                continue;   // still gathering what follows it
            groups[{ p.institution_id, p.person_id, p.kind }].push_back(std::move(p));
        }
        return 0;
    });
    return groups;
}

std::optional<int64_t> last_mailed(db::Database& db, const GroupKey& key)
{
    return db.read([&](db::Tx& tx) -> std::optional<int64_t> {
        auto r = tx.query_one("SELECT max(mailed_at) FROM notifications WHERE institution_id = ? AND person_id = ? AND kind = ? AND mail_status = 'sent'",
            { std::get<0>(key), std::get<1>(key), std::get<2>(key) });
        return r ? r->opt_i64(0) : std::nullopt;
    });
}

// Claims what no other process holds; returns the notices claimed.
std::vector<Pending> claim(db::Database& db, std::vector<Pending> group, int64_t now)
{
    auto claimed = db.write([&](db::Tx& tx) -> Result<std::vector<Pending>> {
        std::vector<Pending> out;
        for (auto& n : group)
            if (tx.exec("UPDATE notifications SET mail_claimed_until = ?, mail_attempts = mail_attempts + 1 WHERE institution_id = ? AND id = ? "
                        "AND mail_status = 'pending' AND (mail_claimed_until IS NULL OR mail_claimed_until < ?)",
                    { now + claim_millis, n.institution_id, n.id, now })
                == 1)
                out.push_back(n);
        return out;
    });
    return claimed.ok() ? claimed.value() : std::vector<Pending> {};
}

std::string absolute(const MailSettings& s, const std::string& path) { return s.public_url.empty() || path.empty() ? "" : s.public_url + path; }

// One notice's part of the mail: its sentence, what its kind adds, the link to act on it.
std::string notice_text(db::Database& db, const Catalog& catalog, const MailSettings& settings, const Pending& n, std::vector<mail::Attachment>& attachments)
{
    auto params = n.params();
    std::string text = message(catalog, n.lang, "notification.", n.kind, params);
    if (auto* kind = find_kind(n.kind); kind && kind->details) {
        auto details = db.read([&](db::Tx& tx) { return kind->details(tx, n.institution_id, params, n.lang, catalog); });
        if (!details.text.empty())
            text += "\n" + details.text;
        for (auto& a : details.attachments)
            attachments.push_back(std::move(a));
    }
    if (auto url = absolute(settings, n.link); !url.empty())
        text += "\n" + catalog.format(n.lang, "mail.open_link", { { "url", url } });
    return text;
}

mail::Message compose(db::Database& db, const Clock& clock, const Catalog& catalog, const MailSettings& settings, const std::vector<Pending>& notices)
{
    const Pending& first = notices.front();
    Lang lang = first.lang;
    std::vector<mail::Attachment> attachments;
    std::string subject, body;
    if (notices.size() == 1) {
        subject = message(catalog, lang, "mail.subject.", first.kind, first.params());
        body = notice_text(db, catalog, settings, first, attachments) + "\n\n";
    } else {
        // The digest: everything of this kind since the last mail, oldest first.
        subject = catalog.format(lang, "mail.digest.subject", { { "count", int64_t(notices.size()) }, { "kind", catalog.format(lang, "ui.notifications.kind." + first.kind) } });
        body = catalog.format(lang, "mail.digest.intro", { { "count", int64_t(notices.size()) } }) + "\n\n";
        for (auto& n : notices)
            body += "- " + notice_text(db, catalog, settings, n, attachments) + "\n\n";
    }
    if (!settings.public_url.empty())
        body += catalog.format(lang, "mail.open_notifications", { { "url", settings.public_url + "/notifications" } }) + "\n\n";
    body += catalog.format(lang, "mail.footer");
    return { settings.from, first.email, subject, body, clock.now(), "<notice-" + std::to_string(first.id) + "@kenes>", std::move(attachments) };
}

bool record_sent(db::Database& db, const Clock& clock, const std::vector<Pending>& notices)
{
    return db.write([&](db::Tx& tx) -> Result<int64_t> {
        for (auto& n : notices) {
            tx.exec("UPDATE notifications SET mailed_at = ?, mail_status = 'sent', mail_error = NULL WHERE institution_id = ? AND id = ?",
                { clock.now(), n.institution_id, n.id });
            audit::record(tx, clock, { n.institution_id, { std::nullopt, "system" }, "notification.mail", "notification", n.id, nullptr,
                object { { "mailed", true }, { "in_one_mail_with", int64_t(notices.size()) } } });
        }
        return int64_t(0);
    }).ok();
}

// The reason is kept for the person and the administration; after the last attempt the notice is
// marked failed, before that it waits a little longer each time.
void record_failed(db::Database& db, const Clock& clock, const std::vector<Pending>& notices, const std::string& reason)
{
    // Not recorded (the database went away): the claim expires and the mail is tried again.
    (void)db.write([&](db::Tx& tx) -> Result<int64_t> {
        for (auto& n : notices) {
            auto attempts = tx.query_one("SELECT mail_attempts FROM notifications WHERE institution_id = ? AND id = ?", { n.institution_id, n.id })->i64(0);
            bool last = attempts >= max_attempts;
            tx.exec("UPDATE notifications SET mail_error = ?, mail_status = ?, mail_claimed_until = ? WHERE institution_id = ? AND id = ?",
                { reason.substr(0, 500), std::string(last ? "failed" : "pending"), clock.now() + retry_delay_millis(attempts), n.institution_id, n.id });
            audit::record(tx, clock, { n.institution_id, { std::nullopt, "system" }, "notification.mail_failed", "notification", n.id, nullptr,
                object { { "attempts", attempts }, { "reason", reason.substr(0, 500) }, { "final", last } } });
        }
        return int64_t(0);
    });
}

}

int64_t deliver_mail(db::Database& db, const Clock& clock, const Catalog& catalog, const MailSettings& settings)
{
    int64_t now = clock.now();
    int64_t sent = 0;
    for (auto& [key, group] : pending_by_person_and_kind(db, now)) {
        // Digest: within the hour after a mail of this kind, the rest waits for the next one.
        if (!may_mail_now(last_mailed(db, key), now))
            continue;
        auto notices = claim(db, group, now);
        if (notices.empty())
            continue;   // another process has them
        auto message = compose(db, clock, catalog, settings, notices);
        auto status = mail::send(settings.relay, message);
        if (!status.ok()) {
            // A refused address has no relay message: say what was refused.
            std::string reason = status.error().log_message.empty() ? "the address was refused" : status.error().log_message;
            spdlog::warn("mail for notice {} not sent: {}", notices.front().id, reason);
            record_failed(db, clock, notices, reason);
            continue;
        }
        // Not recorded (the database went away): the claim expires and the notices go out again.
        sent += record_sent(db, clock, notices);
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
