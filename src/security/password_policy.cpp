#include "security/password_policy.hpp"
#include "core/text.hpp"
#include <fstream>
#include <stdexcept>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace kenes::password_policy {

namespace {

using U32 = std::u32string;

// Case-folded code points: "Qwerty" and "QWERTY" are the same guess.
U32 fold(std::string_view utf8)
{
    auto u = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), int32_t(utf8.size())));
    u.foldCase();
    U32 out;
    for (int32_t i = 0; i < u.length();) {
        UChar32 c = u.char32At(i);
        out.push_back(char32_t(c));
        i += U16_LENGTH(c);
    }
    return out;
}

std::string utf8(const U32& s)
{
    std::string out;
    for (char32_t c : s)
        icu::UnicodeString(UChar32(c)).toUTF8String(out);
    return out;
}

bool is_letter(char32_t c) { return u_isalpha(UChar32(c)); }

bool has_letter(const U32& s)
{
    for (char32_t c : s)
        if (is_letter(c))
            return true;
    return false;
}

U32 letters_only(const U32& s)
{
    U32 out;
    for (char32_t c : s)
        if (is_letter(c))
            out.push_back(c);
    return out;
}

// The word inside the decorations people add to satisfy a length rule: "!!qwerty2026" -> "qwerty".
U32 core(const U32& s)
{
    size_t b = 0, e = s.size();
    while (b < e && !is_letter(s[b]))
        ++b;
    while (e > b && !is_letter(s[e - 1]))
        --e;
    return s.substr(b, e - b);
}

// "p@ssw0rd" is guessed right after "password".
U32 unleet(U32 s)
{
    for (auto& c : s) {
        switch (c) {
        case U'@': case U'4': c = U'a'; break;
        case U'0': c = U'o'; break;
        case U'1': case U'!': c = U'i'; break;
        case U'3': c = U'e'; break;
        case U'5': case U'$': c = U's'; break;
        case U'7': c = U't'; break;
        default: break;
        }
    }
    return s;
}

// Kazakh and Russian Cyrillic written in Latin letters the way people type their names in
// passwords ("Әлия Сәрсенова" -> "aliya sarsenova"); anything else is kept.
std::string latin(const U32& s)
{
    static const std::u32string_view from = U"абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі";
    static const char* const to[] = { "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f",
        "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "a", "g", "k", "n", "o", "u", "u", "h", "i" };
    static_assert(sizeof to / sizeof *to == 42);
    std::string out;
    for (char32_t c : s) {
        auto pos = from.find(c);
        if (pos != std::u32string_view::npos)
            out += to[pos];
        else
            icu::UnicodeString(UChar32(c)).toUTF8String(out);
    }
    return out;
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// One unit over and over (the unit at most half of the password): aaaaaaaaaa, 1212121212, abcabcabca.
bool repeated(const U32& p)
{
    for (size_t period = 1; period * 2 <= p.size(); ++period) {
        bool ok = true;
        for (size_t i = period; i < p.size() && ok; ++i)
            ok = p[i] == p[i - period];
        if (ok)
            return true;
    }
    return false;
}

// Every character follows the previous one along the same row (the alphabet, the digits or a
// keyboard row), all forwards or all backwards: 1234567890, abcdefghij, 0987654321, qwertyuiop.
bool sequence(const U32& p)
{
    static const std::u32string_view rows[] = {
        U"01234567890", U"abcdefghijklmnopqrstuvwxyz", U"qwertyuiop", U"asdfghjkl", U"zxcvbnm",
        U"абвгдеёжзийклмнопрстуфхцчшщъыьэюя", U"йцукенгшщзхъ", U"фывапролджэ", U"ячсмитьбю",
    };
    auto follows = [&](char32_t a, char32_t b) {
        for (auto row : rows)
            for (size_t i = 0; i + 1 < row.size(); ++i)
                if (row[i] == a && row[i + 1] == b)
                    return true;
        return false;
    };
    if (p.size() < 2)
        return false;
    bool forwards = true, backwards = true;
    for (size_t i = 1; i < p.size(); ++i) {
        forwards = forwards && follows(p[i - 1], p[i]);
        backwards = backwards && follows(p[i], p[i - 1]);
    }
    return forwards || backwards;
}

bool common(const U32& p, const CommonPasswords& list)
{
    U32 c = core(p);
    for (const U32& candidate : { p, c, unleet(p), unleet(core(unleet(p))), core(unleet(c)) })
        if (!candidate.empty() && list.contains(utf8(candidate)))
            return true;
    return false;
}

// The login itself, or inside the password; a short login ("ali") only when the password is the
// login with digits or signs after it, since short strings turn up inside unrelated words.
bool has_login(const U32& p, const std::string& login)
{
    U32 l = fold(login);
    if (l.empty())
        return false;
    if (l.size() >= 4)
        return contains(utf8(p), utf8(l)) || contains(latin(p), latin(l));
    return p.starts_with(l) && !has_letter(p.substr(l.size()));
}

// A name part of four letters or more anywhere in the password (also written in Latin letters);
// a shorter one when the password's letters are that name alone.
bool has_name(const U32& p, const std::vector<std::string>& names)
{
    std::string p8 = utf8(p), pl = latin(p);
    U32 letters = letters_only(p);
    std::string letters_latin = latin(letters);
    for (auto& name : names) {
        U32 n = fold(name);
        for (size_t b = 0; b < n.size();) {
            size_t e = b;
            while (e < n.size() && !u_isspace(UChar32(n[e])) && n[e] != U'-' && n[e] != U'.' && n[e] != U'_')
                ++e;
            U32 part = n.substr(b, e - b);
            b = e + 1;
            // Parts with digits or signs are not names ("it-42").
            if (part.size() < 2 || letters_only(part) != part)
                continue;
            if (part.size() >= 4 && (contains(p8, utf8(part)) || contains(pl, latin(part))))
                return true;
            if (letters == part || letters_latin == latin(part))
                return true;
        }
    }
    return false;
}

}

CommonPasswords::CommonPasswords(const std::vector<std::string>& entries)
{
    for (auto& e : entries)
        if (!e.empty())
            m_entries.insert(utf8(fold(e)));
}

CommonPasswords CommonPasswords::load(const std::filesystem::path& file)
{
    std::ifstream in(file);
    if (!in)
        throw std::runtime_error("cannot read the list of common passwords " + file.string());
    std::vector<std::string> entries;
    for (std::string line; std::getline(in, line);) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.pop_back();
        if (!line.empty() && line[0] != '#')
            entries.push_back(line);
    }
    if (entries.empty())
        throw std::runtime_error("the list of common passwords " + file.string() + " is empty");
    return CommonPasswords(entries);
}

bool CommonPasswords::contains(std::string_view password) const { return m_entries.contains(utf8(fold(password))); }

std::optional<Refusal> check(std::string_view password, const Owner& owner, const CommonPasswords& list)
{
    if (text::code_points(password) < min_length)
        return Refusal::TooShort;
    U32 p = fold(password);
    if (has_login(p, owner.login))
        return Refusal::ContainsLogin;
    if (has_name(p, owner.names))
        return Refusal::ContainsName;
    if (repeated(p))
        return Refusal::Repeated;
    if (sequence(p))
        return Refusal::Sequence;
    if (common(p, list))
        return Refusal::Common;
    return std::nullopt;
}

std::string_view code(Refusal r)
{
    switch (r) {
    case Refusal::TooShort: return "too_short";
    case Refusal::Common: return "password_common";
    case Refusal::Repeated: return "password_repeated";
    case Refusal::Sequence: return "password_sequence";
    case Refusal::ContainsLogin: return "password_login";
    case Refusal::ContainsName: return "password_name";
    }
    return "invalid";
}

FieldError field_error(std::string field, Refusal r)
{
    boost::json::object params;
    if (r == Refusal::TooShort)
        params["min"] = min_length;
    return FieldError { std::move(field), std::string(code(r)), std::move(params) };
}

}
