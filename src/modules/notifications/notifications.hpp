#pragma once
// Notices to persons: what needs them (a session convened, a vote open, a signature needed, ...).
// Other modules declare their kinds once (register_kind) and call notify() inside the transaction
// of the change, so a notice exists exactly when the change does. Each notice has a key that makes
// it unique, so a job run on several server processes, or again, notifies once. Notices are shown
// in the app always, and mailed in the person's language unless the person turned that kind off;
// at most one mail per kind per person an hour, later notices waiting for it (digest).
#include "http/registry.hpp"
#include "i18n/catalog.hpp"
#include "mail/message.hpp"
#include "mail/smtp.hpp"
#include "storage/database.hpp"
#include <boost/json/object.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <vector>

namespace kenes::notifications {

void register_module(http::Registry&);
// GET /people/{id}/notice-deliveries (deliveries.cpp).
void register_deliveries(http::Registry&);

// What a mail about one notice adds to its sentence, worked out when the mail is sent (the agenda
// as it stands then, an iCalendar invitation).
struct MailDetails {
    std::string text;
    std::vector<mail::Attachment> attachments;
};
using MailDetailer = std::function<MailDetails(db::Tx&, int64_t institution_id, const boost::json::object& params, Lang, const Catalog&)>;

// A kind of notice. Its texts are the catalog keys "notification.<key>" (the sentence, in the app
// and in the mail), "mail.subject.<key>" and "ui.notifications.kind.<key>" (its name in the
// settings). `link` is the path of the page where the person acts, with {param} placeholders
// filled from the notice's parameters ("/meetings/{meeting_id}").
struct Kind {
    std::string key;
    bool mail_by_default = true;
    std::string link;
    MailDetailer details = nullptr;
    // How long the mail waits after the notice, so that what follows at once is in it (a session
    // is convened, then its agenda is written: the invitation lists the agenda).
    int64_t mail_delay_millis = 0;
};
// Declares a kind (again: replaces it). Modules call it from register_module.
void register_kind(Kind);
const std::vector<Kind>& kinds();
const Kind* find_kind(std::string_view key);
// The link of a notice of this kind with these parameters ("" when the kind has none).
std::string link_for(const Kind&, const boost::json::object& params);

// A notice's text (`prefix` "notification." for the sentence, "mail.subject." for the subject)
// in `lang`. Dates are kept in the parameters as ISO days and read here as people write them in
// that language ("2026 жылғы 6 желтоқсан", "6 декабря 2026 г."), never as ISO.
std::string message(const Catalog&, Lang, std::string_view prefix, std::string_view kind, const boost::json::object& params);

struct Notice {
    int64_t institution_id;
    int64_t person_id;
    std::string kind;                 // a registered kind's key
    std::string dedupe_key;           // e.g. "body.overdue:<body>:<last session>"
    boost::json::object params;       // message arguments (and the link's)
};
// Returns false when an identical notice already exists. Audited in the caller's transaction.
bool notify(db::Tx&, const Clock&, const Notice&);
// The same notice to several persons (each once); returns how many were created.
int64_t notify_each(db::Tx&, const Clock&, int64_t institution_id, const std::vector<int64_t>& persons, const std::string& kind,
    const std::string& dedupe_key, const boost::json::object& params);

// Whether the notice with this key to this person is still waiting for its mail (a later notice
// that the mail will cover anyway need not be made).
bool mail_pending(db::Tx&, int64_t institution_id, int64_t person_id, const std::string& dedupe_key);

// E-mail copies of notices, for persons with an e-mail address, in their account's language.
struct MailSettings {
    mail::Relay relay;
    std::string from;         // "Kenes <no-reply@kenes.kz>"
    std::string public_url;   // base of the links in the mail; empty: no links
};
// Mails the notices not mailed yet (at most a day old, up to 5 attempts each), one mail per person
// and kind, listing every notice of that kind waiting when the last mail of that kind went out at
// least an hour ago. Notices are claimed before they are sent, so several server processes never
// mail one twice; a failure is recorded with its reason. Returns how many mails went out.
int64_t deliver_mail(db::Database&, const Clock&, const Catalog&, const MailSettings&);

// Runs deliver_mail every `interval` on a thread of its own, so a slow relay never holds up
// requests; stops (finishing the message in flight) when destroyed.
class MailWorker {
public:
    MailWorker(db::Database&, const Clock&, const Catalog&, MailSettings, std::chrono::milliseconds interval);
    ~MailWorker();
    MailWorker(const MailWorker&) = delete;
    MailWorker& operator=(const MailWorker&) = delete;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

}
