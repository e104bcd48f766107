#include "i18n/catalog.hpp"
#include "i18n/collation.hpp"
#include <algorithm>
#include <gtest/gtest.h>

using namespace kenes;

static Catalog catalogs() { return Catalog::load(std::filesystem::path(KENES_SOURCE_DIR) / "web/locales"); }

TEST(Catalog_GEN_1, EveryKeyExistsInEveryLanguageAndParses)
{
    auto problems = catalogs().check();
    for (auto& p : problems)
        ADD_FAILURE() << p;
}

TEST(Catalog_GEN_1, RussianPluralFormsFollowIcuRules)
{
    auto c = catalogs();
    EXPECT_EQ(c.format(Lang::Ru, "error.too_many_attempts.detail", { { "minutes", 1 } }), "Вход временно заблокирован. Повторите через 1 минуту.");
    EXPECT_EQ(c.format(Lang::Ru, "error.too_many_attempts.detail", { { "minutes", 3 } }), "Вход временно заблокирован. Повторите через 3 минуты.");
    EXPECT_EQ(c.format(Lang::Ru, "error.too_many_attempts.detail", { { "minutes", 15 } }), "Вход временно заблокирован. Повторите через 15 минут.");
    EXPECT_EQ(c.format(Lang::Ru, "error.too_many_attempts.detail", { { "minutes", 21 } }), "Вход временно заблокирован. Повторите через 21 минуту.");
    EXPECT_EQ(c.format(Lang::En, "field.too_long", { { "max", 1 } }), "At most 1 character.");
    EXPECT_EQ(c.format(Lang::En, "no.such.key"), "no.such.key");
}

TEST(Locale, NegotiatesFromAcceptLanguage)
{
    EXPECT_EQ(negotiate_lang("ru-RU,ru;q=0.9,en;q=0.8"), Lang::Ru);
    EXPECT_EQ(negotiate_lang("de-DE,en;q=0.5,kk;q=0.7"), Lang::Kk);
    EXPECT_EQ(negotiate_lang("de"), std::nullopt);
    EXPECT_EQ(negotiate_lang("EN"), Lang::En);
}

TEST(Collation, KazakhAlphabeticalOrder)
{
    std::vector<std::string> names { "Үсенов", "Ысқақов", "Әбенов", "Ұлықбек", "Іскаков", "Абаев", "Бекова", "Өмірзақ", "Оспанов" };
    std::sort(names.begin(), names.end(), [](auto& a, auto& b) {
        return collation::sort_key(Lang::Kk, a) < collation::sort_key(Lang::Kk, b);
    });
    std::vector<std::string> expected { "Абаев", "Әбенов", "Бекова", "Оспанов", "Өмірзақ", "Ұлықбек", "Үсенов", "Ысқақов", "Іскаков" };
    EXPECT_EQ(names, expected);
}

TEST(Collation, SurnameThenNameThenPatronymic)
{
    auto a = collation::name_sort_key(Lang::Kk, "Ан", "Ясин", "");
    auto b = collation::name_sort_key(Lang::Kk, "Ана", "Әлия", "");
    EXPECT_LT(a, b);
}
