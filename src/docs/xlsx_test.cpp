#include "docs/xlsx.hpp"
#include <gtest/gtest.h>

using namespace kenes;

TEST(Xlsx, ASheetNameIsCutAt31CharactersNeverInsideALetter)
{
    // At 31 bytes this name ends inside "с" (two bytes): "Клубтар мен секц\xD0".
    auto name = docs::sheet_name("Клубтар мен секциялар бойынша есеп");
    EXPECT_EQ(name, "Клубтар мен секциялар бойынша е");
    EXPECT_EQ(docs::sheet_name("Summary"), "Summary");
    EXPECT_EQ(docs::sheet_name(std::string(40, 'a')), std::string(31, 'a'));
}

TEST(Xlsx, ASheetNameKeepsALetterWithItsCombiningMarkAndLosesForbiddenCharacters)
{
    // 30 letters, then "й" written as "и" + U+0306: the cut keeps both or neither.
    std::string name = std::string(30, 'a') + "\xD0\xB8\xCC\x86" + "xyz";
    EXPECT_EQ(docs::sheet_name(name), std::string(30, 'a') + "\xD0\xB8\xCC\x86");
    EXPECT_EQ(docs::sheet_name("2026/2027: [план]?"), "2026 2027   план");
    EXPECT_EQ(docs::sheet_name("'Есеп'"), "Есеп");
    EXPECT_EQ(docs::sheet_name(""), "Sheet");
}

TEST(Xlsx, SheetNamesOfAWorkbookAreDistinctIgnoringCase)
{
    auto names = docs::sheet_names({ "Клубтар мен секциялар бойынша есеп 1", "Клубтар мен секциялар бойынша есеп 2", "summary", "Summary" });
    EXPECT_EQ(names[0], "Клубтар мен секциялар бойынша е");
    EXPECT_EQ(names[1], "Клубтар мен секциялар бойын (2)");
    EXPECT_EQ(names[2], "summary");
    EXPECT_EQ(names[3], "Summary (2)");
}
