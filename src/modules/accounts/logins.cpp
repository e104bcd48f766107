#include "modules/accounts/logins.hpp"
#include <map>

namespace kenes::accounts::logins {

namespace {

// Decodes one UTF-8 code point at `i` (advancing it); invalid bytes decode as U+FFFD.
char32_t next_code_point(std::string_view s, size_t& i)
{
    auto c = static_cast<unsigned char>(s[i]);
    size_t extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 9;
    if (extra == 9 || i + extra >= s.size() + (extra == 0)) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k <= extra; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += extra + 1;
    return cp;
}

// Lower-case Cyrillic letters of Kazakh and Russian and their Latin letters.
const std::map<char32_t, std::string_view>& latin()
{
    static const std::map<char32_t, std::string_view> t {
        { U'а', "a" }, { U'ә', "a" }, { U'б', "b" }, { U'в', "v" }, { U'г', "g" }, { U'ғ', "g" }, { U'д', "d" }, { U'е', "e" },
        { U'ё', "yo" }, { U'ж', "zh" }, { U'з', "z" }, { U'и', "i" }, { U'й', "y" }, { U'к', "k" }, { U'қ', "q" }, { U'л', "l" },
        { U'м', "m" }, { U'н', "n" }, { U'ң', "ng" }, { U'о', "o" }, { U'ө', "o" }, { U'п', "p" }, { U'р', "r" }, { U'с', "s" },
        { U'т', "t" }, { U'у', "u" }, { U'ұ', "u" }, { U'ү', "u" }, { U'ф', "f" }, { U'х', "kh" }, { U'һ', "h" }, { U'ц', "ts" },
        { U'ч', "ch" }, { U'ш', "sh" }, { U'щ', "shch" }, { U'ъ', "" }, { U'ы', "y" }, { U'і', "i" }, { U'ь', "" }, { U'э', "e" },
        { U'ю', "yu" }, { U'я', "ya" },
    };
    return t;
}

// The lower-case form of a Cyrillic capital (the basic block and the Kazakh letters).
char32_t lower(char32_t c)
{
    if (c >= U'А' && c <= U'Я')
        return c + 0x20;
    if (c >= U'Ѐ' && c <= U'Џ')
        return c + 0x50;
    if (c >= 0x0460 && c <= 0x04FF && c % 2 == 0)   // Ә/ә, Ғ/ғ, Қ/қ, Ң/ң, Ө/ө, Ұ/ұ, Ү/ү, Һ/һ come in pairs
        return c + 1;
    if (c >= 'A' && c <= 'Z')
        return c + 0x20;
    return c;
}

// Keeps what a login may hold (valid_login): a-z, 0-9, '.', '_', '-'.
std::string login_chars(std::string_view s)
{
    std::string out;
    for (char c : s) {
        char l = (c >= 'A' && c <= 'Z') ? char(c + 0x20) : c;
        if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '.' || l == '_' || l == '-')
            out += l;
    }
    return out;
}

// "Абдулла-Оглы Нұр" -> "abdulla-ogly" ... : one word of a name in login letters.
std::string name_part(std::string_view name)
{
    std::string t = transliterate(name);
    std::string out;
    for (char c : t)
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out += c;
        else if ((c == '-' || c == ' ') && !out.empty() && out.back() != '-')
            out += '-';
    while (!out.empty() && out.back() == '-')
        out.pop_back();
    return out;
}

}

std::string transliterate(std::string_view utf8)
{
    std::string out;
    for (size_t i = 0; i < utf8.size();) {
        char32_t c = lower(next_code_point(utf8, i));
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' || c == '-')
                out += char(c);
            continue;
        }
        auto it = latin().find(c);
        if (it != latin().end())
            out += it->second;
    }
    return out;
}

std::optional<std::string> base_login(Rule rule, const Subject& s)
{
    std::string login;
    if (rule == Rule::StudentNumber && s.student_number) {
        login = login_chars(*s.student_number);
        if (s.representative && !login.empty())
            login += "-p";
    } else {
        auto surname = name_part(s.surname), name = name_part(s.name);
        login = surname.empty() || name.empty() ? surname + name : surname + "." + name;
    }
    if (login.size() > 60)
        login.resize(60);
    while (!login.empty() && (login.back() == '.' || login.back() == '-'))
        login.pop_back();
    if (login.size() < 3)
        return std::nullopt;
    return login;
}

std::string first_free(const std::string& base, const std::function<bool(const std::string&)>& taken)
{
    if (!taken(base))
        return base;
    for (int n = 2;; ++n) {
        std::string suffix = std::to_string(n);
        std::string candidate = base.substr(0, 64 - suffix.size()) + suffix;
        if (!taken(candidate))
            return candidate;
    }
}

std::string format_code(const unsigned char (&random)[16])
{
    // 128 bits read five at a time from the most significant end; the last character carries the
    // remaining three bits.
    std::string out;
    unsigned buffer = 0;
    int bits = 0, written = 0;
    auto put = [&](unsigned v) {
        if (written && written % 4 == 0)
            out += '-';
        out += code_alphabet[v & 31];
        ++written;
    };
    for (unsigned char byte : random) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 5) {
            put(buffer >> (bits - 5));
            bits -= 5;
        }
        buffer &= (1u << bits) - 1;
    }
    if (bits)
        put(buffer << (5 - bits));
    return out;
}

std::optional<std::string> canonical_code(std::string_view typed)
{
    std::string out;
    for (char c : typed) {
        if (c == '-' || c == ' ')
            continue;
        char u = (c >= 'a' && c <= 'z') ? char(c - 0x20) : c;
        if (code_alphabet.find(u) == std::string_view::npos)
            return std::nullopt;
        out += u;
    }
    if (out.size() != 26)
        return std::nullopt;
    return out;
}

}
