#include "core/text.hpp"
#include <gtest/gtest.h>

using namespace kenes;

TEST(Text, SearchFoldIgnoresCaseAndKazakhLetters)
{
    EXPECT_EQ(text::search_fold("ӘЛИЯ"), text::search_fold("алия"));
    EXPECT_EQ(text::search_fold("Құрманғазы Өтебай Үмбетов Іңкәр Һ"), "курмангазы отебай умбетов инкар х");
    EXPECT_EQ(text::search_fold("Ёлкин"), "елкин");
    EXPECT_EQ(text::search_fold("Smith"), "smith");
}

TEST(Text, Utf8ValidationAndControls)
{
    EXPECT_TRUE(text::valid_utf8("Сәрсенова"));
    EXPECT_FALSE(text::valid_utf8(std::string("\xC3\x28", 2)));
    EXPECT_FALSE(text::valid_utf8(std::string("\xED\xA0\x80", 3))); // surrogate
    EXPECT_TRUE(text::has_control_chars(std::string("a\0b", 3), true));
    EXPECT_TRUE(text::has_control_chars("a\nb", false));
    EXPECT_FALSE(text::has_control_chars("a\nb", true));
    EXPECT_EQ(text::code_points("Әлия"), 4u);
    EXPECT_EQ(text::like_escape("50%_a\\"), "50\\%\\_a\\\\");
}
