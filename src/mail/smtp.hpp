#pragma once
// Sends a message through an SMTP relay (libcurl: smtp:// with STARTTLS when offered, smtps://).
#include "core/result.hpp"
#include "mail/message.hpp"

namespace kenes::mail {

struct Relay {
    std::string url;        // smtp://host:587 or smtps://host:465
    std::string user, password;
    long timeout_seconds = 20;
};

Status send(const Relay&, const Message&);

}
