#pragma once
// Mails that carry secrets (activation codes, password reset links) wait in an outbox table until
// the mail thread sends them. The table holds each message sealed with the key file's wrapping key
// (src/security/keys.hpp), so a copy of the database alone reveals no code and no link, and a row
// is deleted once its message went out.
#include "core/clock.hpp"
#include "mail/smtp.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include <string>

namespace kenes::mail::outbox {

// Migration 251: the mail_outbox table.
db::Migration migration();

struct Letter {
    int64_t institution_id;
    std::string to;        // an address (mail::plausible_address)
    std::string subject;   // UTF-8
    std::string body;      // UTF-8 plain text
    std::string purpose;   // for the audit entry: "activation_code", "password_reset"
};

// Queues a letter in the caller's transaction (whose audit entry says a letter was queued);
// false when the address is not plausible, in which case nothing is queued.
bool enqueue(db::Tx&, const Clock&, const Letter&);

// Sends what is queued: each letter is claimed for two minutes (several server processes never
// send one twice), sent outside any transaction, then deleted. Up to 5 attempts within a day;
// returns how many went out. Called by the notices' mail thread.
int64_t deliver(db::Database&, const Clock&, const Relay&, const std::string& from);

}
