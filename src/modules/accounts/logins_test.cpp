#include "modules/accounts/logins.hpp"
#include "modules/accounts/accounts.hpp"
#include <gtest/gtest.h>
#include <set>

using namespace kenes::accounts;
using namespace kenes::accounts::logins;

TEST(Logins, TransliteratesKazakhAndRussianCyrillicToAsciiLatin)
{
    EXPECT_EQ(transliterate("Әлия Сәрсенова"), "aliya sarsenova");
    EXPECT_EQ(transliterate("Ғалым Құдайберген"), "galym qudaybergen");
    EXPECT_EQ(transliterate("Іңкәр Өмірзақ"), "ingkar omirzaq");
    EXPECT_EQ(transliterate("Ұлжан Үсенова Һ"), "ulzhan usenova h");
    EXPECT_EQ(transliterate("Щукин Юрий Фёдорович"), "shchukin yuriy fyodorovich");
    EXPECT_EQ(transliterate("Хасенов-Цой Чингиз Шерьевич"), "khasenov-tsoy chingiz sherevich");
    EXPECT_EQ(transliterate("Ivanov O'Brien 2"), "ivanov obrien 2");
    EXPECT_EQ(transliterate(std::string("\xff\xfe Ан", 7)), " an");   // broken bytes are dropped, not crashed on
}

TEST(Logins, NameRuleIsSurnameDotNameInLoginLetters)
{
    auto login = base_login(Rule::Name, { "Сәрсенова", "Әлия" });
    ASSERT_TRUE(login);
    EXPECT_EQ(*login, "sarsenova.aliya");
    EXPECT_TRUE(valid_login(*login));
    EXPECT_EQ(*base_login(Rule::Name, { "Жұмабай-Ұлы", "Нұр Сұлтан" }), "zhumabay-uly.nur-sultan");
    EXPECT_FALSE(base_login(Rule::Name, { "李", "明" }));   // nothing to transliterate: no login by this rule
}

TEST(Logins, StudentNumberRuleKeepsTheNumberAndMarksRepresentatives)
{
    EXPECT_EQ(*base_login(Rule::StudentNumber, { "Сәрсенова", "Әлия", "ST-2026/001" }), "st-2026001");
    Subject parent { "Сәрсенов", "Ерлан", "ST-2026/001", true };
    EXPECT_EQ(*base_login(Rule::StudentNumber, parent), "st-2026001-p");
    EXPECT_TRUE(valid_login(*base_login(Rule::StudentNumber, parent)));
    // Without a number, or one too short, the rule gives nothing; the caller falls back to the name.
    EXPECT_FALSE(base_login(Rule::StudentNumber, { "Ан", "Ас", "7" }));
}

TEST(Logins, CollisionsGetTheFirstFreeNumericSuffix)
{
    std::set<std::string> taken { "sarsenova.aliya", "sarsenova.aliya2" };
    auto is_taken = [&](const std::string& l) { return taken.contains(l); };
    EXPECT_EQ(first_free("sarsenova.aliya", is_taken), "sarsenova.aliya3");
    EXPECT_EQ(first_free("nurlan.ab", is_taken), "nurlan.ab");
    std::string long_base(64, 'a');
    taken.insert(long_base);
    auto l = first_free(long_base, is_taken);
    EXPECT_EQ(l.size(), 64u);
    EXPECT_EQ(l.back(), '2');
}

TEST(Logins, CodesAre128BitsIn26UnambiguousCharactersGroupedByFour)
{
    unsigned char zeros[16] = {}, ones[16];
    std::fill(std::begin(ones), std::end(ones), 0xff);
    EXPECT_EQ(format_code(zeros), "2222-2222-2222-2222-2222-2222-22");
    auto all = format_code(ones);
    EXPECT_EQ(all, "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZW");   // the last character holds the remaining 3 bits
    for (char c : std::string("0O1I"))
        EXPECT_EQ(code_alphabet.find(c), std::string_view::npos);
    EXPECT_EQ(canonical_code(all), "ZZZZZZZZZZZZZZZZZZZZZZZZZW");
    EXPECT_EQ(canonical_code(" zzzz zzzz-zzzz zzzz zzzz zzzz zw "), "ZZZZZZZZZZZZZZZZZZZZZZZZZW");
    EXPECT_FALSE(canonical_code("ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-Z"));    // one character short
    EXPECT_FALSE(canonical_code("0ZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZW"));   // a zero is never in a code
}
