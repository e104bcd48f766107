#pragma once
// Logins and activation codes for accounts issued in bulk: pure functions, tested without a server.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace kenes::accounts::logins {

// Latin letters for a Kazakh or Russian Cyrillic name, lower case ASCII only, so a login can be
// typed on any phone keyboard: "Әлия Сәрсенова" -> "aliya sarsenova". Letters that have no
// ASCII form (ә, ғ, қ, ң, ө, ұ, ү, һ, і) take their nearest Latin letters (a, g, q, ng, o, u, u, h,
// i), as on Kazakh passports' Latin line; characters that are neither letters nor digits are
// dropped, spaces and hyphens kept.
std::string transliterate(std::string_view utf8);

// How logins are chosen when accounts are issued in bulk.
enum class Rule { StudentNumber, Name };

// The login before any collision suffix: the student number in lower case without characters a
// login cannot hold, or "surname.name" in Latin letters. For a representative the rule
// "student number" gives the child's number with "-p" (parent). nullopt when the rule yields
// fewer than 3 usable characters (a number like "7", a name in a script we do not transliterate).
struct Subject {
    std::string surname, name;
    std::optional<std::string> student_number;   // the student's own, or the child's for a representative
    bool representative = false;
};
std::optional<std::string> base_login(Rule, const Subject&);

// The first free login: the base itself, else base2, base3, ... (the suffix keeps the login at most
// 64 characters). `taken` answers whether a login exists (across institutions).
std::string first_free(const std::string& base, const std::function<bool(const std::string&)>& taken);

// Activation codes: 128 random bits written in 26 characters of an alphabet without the letters and
// digits people confuse (0 and O, 1 and I), in groups of four for typing: "7KQM-2XHD-...-R9".
inline constexpr std::string_view code_alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
std::string format_code(const unsigned char (&random)[16]);
// What a person typed, as the canonical 26 characters the hash is taken over (case, spaces and
// dashes ignored); nullopt when it cannot be a code.
std::optional<std::string> canonical_code(std::string_view typed);

}
