#include "mail/smtp.hpp"
#include <curl/curl.h>
#include <cstring>
#include <mutex>

namespace kenes::mail {

namespace {

struct Reader {
    const std::string* data;
    size_t offset = 0;
};

size_t read_chunk(char* buffer, size_t size, size_t count, void* user)
{
    auto* r = static_cast<Reader*>(user);
    size_t n = std::min(size * count, r->data->size() - r->offset);
    std::memcpy(buffer, r->data->data() + r->offset, n);
    r->offset += n;
    return n;
}

}

Status send(const Relay& relay, const Message& m)
{
    static std::once_flag init;
    std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    if (!plausible_address(m.to))
        return Error::field("email", "invalid");
    std::string text = render(m);
    Reader reader { &text };
    CURL* curl = curl_easy_init();
    if (!curl)
        return Error { .code = ErrorCode::Unavailable, .log_message = "curl_easy_init failed" };
    curl_slist* recipients = curl_slist_append(nullptr, ("<" + m.to + ">").c_str());
    auto from_start = m.from.find('<');
    std::string envelope_from = from_start == std::string::npos ? m.from : m.from.substr(from_start, m.from.find('>') - from_start + 1);
    curl_easy_setopt(curl, CURLOPT_URL, relay.url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, envelope_from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_chunk);
    curl_easy_setopt(curl, CURLOPT_READDATA, &reader);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, relay.timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_USE_SSL, long(CURLUSESSL_TRY));
    if (!relay.user.empty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, relay.user.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, relay.password.c_str());
    }
    CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK)
        return Error { .code = ErrorCode::Unavailable, .log_message = curl_easy_strerror(rc) };
    return Ok {};
}

}
