#pragma once
// In-app notifications to persons (a chair about an overdue body, ...). Each has a key that makes
// it unique, so a job run on several server processes, or again, notifies once.
#include "http/registry.hpp"
#include "i18n/catalog.hpp"
#include "mail/smtp.hpp"
#include "storage/database.hpp"
#include <boost/json/object.hpp>
#include <chrono>
#include <memory>

namespace kenes::notifications {

void register_module(http::Registry&);

struct Notice {
    int64_t institution_id;
    int64_t person_id;
    std::string kind;                 // catalog key "notification.<kind>"
    std::string dedupe_key;           // e.g. "body.overdue:<body>:<last session>"
    boost::json::object params;       // message arguments
};
// Returns false when an identical notice already exists.
bool notify(db::Tx&, const Clock&, const Notice&);

// E-mail copies of notices, for persons with an e-mail address, in their account's language.
struct MailSettings {
    mail::Relay relay;
    std::string from;         // "Kenes <no-reply@kenes.kz>"
    std::string public_url;   // link to the notifications page; empty: no link
};
// Mails the notices not mailed yet (at most a day old, up to 5 attempts each). A notice is claimed
// before it is sent, so several server processes never mail it twice. Returns how many went out.
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
