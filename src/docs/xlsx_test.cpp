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
