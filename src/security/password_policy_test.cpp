#include "security/password_policy.hpp"
#include <filesystem>
#include <gtest/gtest.h>

using namespace kenes;
using password_policy::check;
using password_policy::CommonPasswords;
using password_policy::Owner;
using password_policy::Refusal;

namespace {

const CommonPasswords& list()
{
    static const CommonPasswords l({ "password", "qwerty", "iloveyou", "qwerty123", "1q2w3e4r5t", "parol", "пароль", "dragon", "Kazakhstan" });
    return l;
}

std::optional<Refusal> check_plain(std::string_view password) { return check(password, Owner { "nobody-here", {} }, list()); }

}

TEST(PasswordPolicy, AcceptsLongUncommonPasswords)
{
    EXPECT_EQ(check_plain("kenes-demo-2026"), std::nullopt);   // the demo password stays valid
    EXPECT_EQ(check_plain("correct horse battery"), std::nullopt);
    EXPECT_EQ(check_plain("Тау-шыңы-биік-2026"), std::nullopt);
    EXPECT_EQ(check_plain("pw-m4x7k2p1a9f3-Long"), std::nullopt);
}

TEST(PasswordPolicy, RefusesShortPasswordsCountingCharactersNotBytes)
{
    EXPECT_EQ(check_plain("short"), Refusal::TooShort);
    EXPECT_EQ(check_plain("abcxyz123"), Refusal::TooShort);
    // Nine Cyrillic letters are 18 bytes but still nine characters.
    EXPECT_EQ(check_plain("жылқышыға"), Refusal::TooShort);
    EXPECT_EQ(check_plain(""), Refusal::TooShort);
}

TEST(PasswordPolicy, RefusesCommonPasswordsWithDecorationsAndCase)
{
    EXPECT_EQ(check_plain("qwerty123!"), Refusal::Common);          // core "qwerty"
    EXPECT_EQ(check_plain("Password2026"), Refusal::Common);
    EXPECT_EQ(check_plain("!!ILOVEYOU!!"), Refusal::Common);
    EXPECT_EQ(check_plain("P@ssw0rd2026"), Refusal::Common);        // letters for digits
    EXPECT_EQ(check_plain("пароль12345"), Refusal::Common);
    EXPECT_EQ(check_plain("1q2w3e4r5t"), Refusal::Common);
    EXPECT_EQ(check_plain("kazakhstan"), Refusal::Common);
    EXPECT_EQ(check_plain("dragonfly-at-night"), std::nullopt);     // a listed word inside a longer phrase is fine
}

TEST(PasswordPolicy, RefusesRepetitions)
{
    EXPECT_EQ(check_plain("aaaaaaaaaa"), Refusal::Repeated);
    EXPECT_EQ(check_plain("1212121212"), Refusal::Repeated);
    EXPECT_EQ(check_plain("abcabcabca"), Refusal::Repeated);
    EXPECT_EQ(check_plain("ЖЖЖЖЖЖЖЖЖЖЖ"), Refusal::Repeated);
    EXPECT_EQ(check_plain("kenes-kenes-"), Refusal::Repeated);
}

TEST(PasswordPolicy, RefusesSequencesAlongAlphabetsDigitsAndKeyboardRows)
{
    EXPECT_EQ(check_plain("1234567890"), Refusal::Sequence);
    EXPECT_EQ(check_plain("0987654321"), Refusal::Sequence);
    EXPECT_EQ(check_plain("abcdefghij"), Refusal::Sequence);
    EXPECT_EQ(check_plain("JIHGFEDCBA"), Refusal::Sequence);
    EXPECT_EQ(check_plain("qwertyuiop"), Refusal::Sequence);
    EXPECT_EQ(check_plain("йцукенгшщз"), Refusal::Sequence);
    EXPECT_EQ(check_plain("абвгдеёжзи"), Refusal::Sequence);
    EXPECT_EQ(check_plain("1234567899"), std::nullopt);
}

TEST(PasswordPolicy, RefusesTheLoginAndTheLoginWithDigits)
{
    Owner owner { "a.omarov", { "Асқар Омаров" } };
    EXPECT_EQ(check("a.omarov2026", owner, list()), Refusal::ContainsLogin);
    EXPECT_EQ(check("my-A.OMAROV-key", owner, list()), Refusal::ContainsLogin);
    Owner short_login { "ali", {} };
    EXPECT_EQ(check("ali1234567", short_login, list()), Refusal::ContainsLogin);
    EXPECT_EQ(check("ali-12345678", short_login, list()), Refusal::ContainsLogin);
    // Three letters turn up inside unrelated words: only the login with digits is refused.
    EXPECT_EQ(check("validation-rules", short_login, list()), std::nullopt);
}

TEST(PasswordPolicy, RefusesThePersonsNameAlsoInLatinLetters)
{
    Owner owner { "student", { "Әлия Сәрсенова", "Сәрсенова Әлия Ерланқызы" } };
    EXPECT_EQ(check("Aliya2008!!", owner, list()), Refusal::ContainsName);
    EXPECT_EQ(check("sarsenova-best", owner, list()), Refusal::ContainsName);
    EXPECT_EQ(check("әлия20080512", owner, list()), Refusal::ContainsName);
    EXPECT_EQ(check("ERLANKYZY-2026", owner, list()), Refusal::ContainsName);
    EXPECT_EQ(check("kenes-demo-2026", owner, list()), std::nullopt);
    Owner short_name { "x-user", { "Ли Ан" } };
    EXPECT_EQ(check("li12345678", short_name, list()), Refusal::ContainsName);
    EXPECT_EQ(check("plains-and-hills", short_name, list()), std::nullopt);
    // Name parts with digits or signs are not names (test logins such as "it-m4x7k2").
    Owner generated { "it-m4x7k2", { "Integration it-m4x7k2p1abcd" } };
    EXPECT_EQ(check("pw-m4x7k2p1abcd-Long", generated, list()), std::nullopt);
}

TEST(PasswordPolicy, FieldErrorsNameTheReason)
{
    auto e = password_policy::field_error("new_password", Refusal::TooShort);
    EXPECT_EQ(e.field, "new_password");
    EXPECT_EQ(e.code, "too_short");
    EXPECT_EQ(e.params.at("min").as_uint64(), 10u);
    EXPECT_EQ(password_policy::field_error("password", Refusal::Common).code, "password_common");
    EXPECT_EQ(password_policy::field_error("password", Refusal::ContainsName).code, "password_name");
}

TEST(PasswordPolicy, ShippedListLoadsAndHoldsTheBestKnownPasswords)
{
    const char* source = std::getenv("KENES_SOURCE_DIR");
    std::filesystem::path root = source ? source : KENES_SOURCE_DIR;
    auto shipped = CommonPasswords::load(root / "web/locales/common-passwords.txt");
    EXPECT_GT(shipped.size(), 2000u);
    for (auto p : { "123456", "password", "qwerty", "iloveyou", "qwerty123", "parol", "1q2w3e4r", "пароль", "qazaqstan" })
        EXPECT_TRUE(shipped.contains(p)) << p;
    EXPECT_FALSE(shipped.contains("kenes-demo-2026"));
    EXPECT_EQ(check("Qwerty123456", Owner {}, shipped), Refusal::Common);
    EXPECT_EQ(check("kenes-demo-2026", Owner { "admin", { "Институт әкімшісі" } }, shipped), std::nullopt);
    EXPECT_THROW(CommonPasswords::load(root / "no-such-file.txt"), std::runtime_error);
}
