#include "core/text.hpp"
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace kenes::text {

bool valid_utf8(std::string_view s)
{
    int32_t i = 0, n = int32_t(s.size());
    while (i < n) {
        UChar32 c;
        U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, n, c);
        if (c < 0)
            return false;
    }
    return true;
}

bool has_control_chars(std::string_view s, bool allow_newlines)
{
    for (unsigned char c : s) {
        if (c == 0x7f)
            return true;
        if (c < 0x20) {
            if (allow_newlines && (c == '\n' || c == '\t' || c == '\r'))
                continue;
            return true;
        }
    }
    return false;
}

std::string_view trim(std::string_view s)
{
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && space(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && space(s.back()))
        s.remove_suffix(1);
    return s;
}

size_t code_points(std::string_view s)
{
    size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

std::string search_fold(std::string_view utf8)
{
    auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), int32_t(utf8.size())));
    u.foldCase();
    for (int32_t i = 0; i < u.length(); ++i) {
        switch (u.charAt(i)) {
        case u'ә': u.setCharAt(i, u'а'); break;
        case u'ғ': u.setCharAt(i, u'г'); break;
        case u'қ': u.setCharAt(i, u'к'); break;
        case u'ң': u.setCharAt(i, u'н'); break;
        case u'ө': u.setCharAt(i, u'о'); break;
        case u'ұ':
        case u'ү': u.setCharAt(i, u'у'); break;
        case u'һ': u.setCharAt(i, u'х'); break;
        case u'і': u.setCharAt(i, u'и'); break;
        case u'ё': u.setCharAt(i, u'е'); break;
        default: break;
        }
    }
    std::string out;
    u.toUTF8String(out);
    return out;
}

std::string like_escape(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == '%' || c == '_' || c == '\\')
            out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

}
