#include "mail/message.hpp"
#include <cctype>
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

namespace {

std::string base64_lines(const std::string& bytes)
{
    std::string b64 = base64(bytes), out;
    for (size_t i = 0; i < b64.size(); i += 76)
        out += b64.substr(i, 76) + "\r\n";
    return out;
}

// "=_" never occurs in base64 text, so the boundary cannot collide with any part's content.
std::string boundary_of(const Message& m)
{
    std::string b = "=_kenes_";
    for (char c : m.message_id)
        if (std::isalnum(static_cast<unsigned char>(c)))
            b += c;
    return b;
}

std::string filename_of(const std::string& name)
{
    std::string out;
    for (char c : name)
        out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '_';
    return out.empty() ? "attachment" : out;
}

std::string multipart_body(const Message& m, const std::string& boundary)
{
    std::string out = "This is a multipart message in MIME format.\r\n\r\n--" + boundary
        + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64_lines(m.body);
    for (auto& a : m.attachments) {
        std::string name = filename_of(a.filename);
        out += "--" + boundary + "\r\nContent-Type: " + a.content_type + "; name=\"" + name + "\"\r\nContent-Disposition: attachment; filename=\"" + name
            + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64_lines(a.content);
    }
    return out + "--" + boundary + "--\r\n";
}

}

std::string render(const Message& m)
{
    char date[64];
    std::time_t t = std::time_t(m.date / 1000);
    std::tm tm {};
    gmtime_r(&t, &tm);
    std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
    std::string head = "Date: " + std::string(date) + "\r\nFrom: " + m.from + "\r\nTo: <" + m.to + ">\r\nSubject: " + encode_header(m.subject)
        + "\r\nMessage-ID: " + m.message_id + "\r\nMIME-Version: 1.0\r\n";
    if (m.attachments.empty())
        return head + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64_lines(m.body);
    std::string boundary = boundary_of(m);
    return head + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n" + multipart_body(m, boundary);
}

}
