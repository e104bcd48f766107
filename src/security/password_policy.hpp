#pragma once
// Which passwords are refused, and why. A password is the only secret between a guesser and an
// account, and sign-in throttling only slows guessing down: the guesses that come first (common
// passwords, keyboard runs, the person's own login or name) must not work at all.
#include "core/error.hpp"
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace kenes::password_policy {

inline constexpr size_t min_length = 10;   // characters (code points), not bytes

enum class Refusal {
    TooShort,
    Common,          // in the list of common passwords, also with digits or signs around it
    Repeated,        // one character or one short piece over and over: aaaaaaaaaa, 1212121212
    Sequence,        // a run along the alphabet or a keyboard row: 1234567890, abcdefghij, qwertyuiop
    ContainsLogin,
    ContainsName,
};

// The list of common passwords: one a line, compared case-insensitively. Loaded once at start-up
// (it has a few thousand entries; the lookup is a hash set).
class CommonPasswords {
public:
    CommonPasswords() = default;
    explicit CommonPasswords(const std::vector<std::string>& entries);
    // Throws std::runtime_error when the file cannot be read or holds no entry.
    static CommonPasswords load(const std::filesystem::path&);

    bool contains(std::string_view password) const;
    size_t size() const { return m_entries.size(); }

private:
    std::unordered_set<std::string> m_entries;   // folded (lower case)
};

// What a password must not be built from: the account's login and the person's names (the
// display name and, when linked, the person's surname, name and patronymic).
struct Owner {
    std::string login;
    std::vector<std::string> names;
};

std::optional<Refusal> check(std::string_view password, const Owner&, const CommonPasswords&);

// The refusal as an error on `field`, with the localised reason ("field.password_<reason>").
FieldError field_error(std::string field, Refusal);
std::string_view code(Refusal);

}
