#pragma once
// Plain-text e-mail messages (RFC 5322) in UTF-8: the subject as an RFC 2047 encoded word, the body
// in base64, so any language and any line length passes every relay unchanged. Attachments (an
// iCalendar invitation) make the message multipart/mixed (RFC 2046), each part in base64 too.
#include <cstdint>
#include <string>
#include <vector>

namespace kenes::mail {

struct Attachment {
    std::string filename;      // ASCII, e.g. "session.ics"
    std::string content_type;  // e.g. "text/calendar; charset=UTF-8; method=PUBLISH"
    std::string content;       // bytes
};

struct Message {
    std::string from;        // "Kenes <no-reply@kenes.kz>"
    std::string to;          // address only
    std::string subject;     // UTF-8
    std::string body;        // UTF-8 plain text
    int64_t date = 0;        // Unix milliseconds (the server clock)
    std::string message_id;  // "<id@host>"
    std::vector<Attachment> attachments = {};
};

// The whole message as sent after DATA, lines ending in CRLF.
std::string render(const Message&);
// "=?UTF-8?B?...?=" chunks for a header value; ASCII without specials is kept as it is.
std::string encode_header(const std::string& utf8);
std::string base64(const std::string& bytes);
// Refuses header injection and obviously broken addresses.
bool plausible_address(const std::string&);

}
