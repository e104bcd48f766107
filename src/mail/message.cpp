#include "mail/message.hpp"
#include <ctime>

namespace kenes::mail {

std::string base64(const std::string& in)
{
    static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        uint32_t v = uint8_t(in[i]) << 16 | uint8_t(in[i + 1]) << 8 | uint8_t(in[i + 2]);
        out += { table[v >> 18], table[(v >> 12) & 63], table[(v >> 6) & 63], table[v & 63] };
    }
    if (i + 1 == in.size()) {
        uint32_t v = uint8_t(in[i]) << 16;
        out += { table[v >> 18], table[(v >> 12) & 63], '=', '=' };
    } else if (i + 2 == in.size()) {
        uint32_t v = uint8_t(in[i]) << 16 | uint8_t(in[i + 1]) << 8;
        out += { table[v >> 18], table[(v >> 12) & 63], table[(v >> 6) & 63], '=' };
    }
    return out;
}

std::string encode_header(const std::string& s)
{
    bool plain = true;
    for (unsigned char c : s)
        plain = plain && c >= 0x20 && c < 0x7f && c != '=' && c != '?';
    if (plain)
        return s;
    // Encoded words are at most 75 characters: 45 bytes of text each, never splitting a UTF-8
    // sequence (RFC 2047 §5: each word must hold whole characters).
    std::string out;
    size_t i = 0;
    while (i < s.size()) {
        size_t end = std::min(s.size(), i + 45);
        while (end < s.size() && (uint8_t(s[end]) & 0xC0) == 0x80)
            --end;
        if (!out.empty())
            out += "\r\n ";
        out += "=?UTF-8?B?" + base64(s.substr(i, end - i)) + "?=";
        i = end;
    }
    return out;
}

bool plausible_address(const std::string& a)
{
    auto at = a.find('@');
    if (a.size() > 254 || at == std::string::npos || at == 0 || at + 1 >= a.size() || a.find('@', at + 1) != std::string::npos)
        return false;
    for (unsigned char c : a)
        if (c <= 0x20 || c == 0x7f || c == '<' || c == '>' || c == ',' || c == ';')
            return false;
    return true;
}

std::string render(const Message& m)
{
    char date[64];
    std::time_t t = std::time_t(m.date / 1000);
    std::tm tm {};
    gmtime_r(&t, &tm);
    std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    std::string b64 = base64(m.body);
    std::string body;
    for (size_t i = 0; i < b64.size(); i += 76)
        body += b64.substr(i, 76) + "\r\n";
    return "Date: " + std::string(date) + "\r\nFrom: " + m.from + "\r\nTo: <" + m.to + ">\r\nSubject: " + encode_header(m.subject)
        + "\r\nMessage-ID: " + m.message_id + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + body;
}

}
