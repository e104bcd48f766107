#include "http/byte_ranges.hpp"
#include <gtest/gtest.h>

using namespace kenes::http;
using Kind = ByteRange::Kind;

namespace {

::testing::AssertionResult is_part(const ByteRange& r, uint64_t first, uint64_t last)
{
    if (r.kind != Kind::Part)
        return ::testing::AssertionFailure() << "not a part (kind " << int(r.kind) << ")";
    if (r.first != first || r.last != last)
        return ::testing::AssertionFailure() << "bytes " << r.first << "-" << r.last;
    return ::testing::AssertionSuccess();
}

}

TEST(ByteRange, TheThreeFormsOfOneRange)
{
    EXPECT_TRUE(is_part(parse_byte_range("bytes=0-99", 1000), 0, 99));
    EXPECT_TRUE(is_part(parse_byte_range("bytes=100-", 1000), 100, 999));
    EXPECT_TRUE(is_part(parse_byte_range("bytes=-100", 1000), 900, 999));
    EXPECT_TRUE(is_part(parse_byte_range("bytes=999-999", 1000), 999, 999));
    EXPECT_TRUE(is_part(parse_byte_range("Bytes = 5 - 9 ", 1000), 5, 9));
}

TEST(ByteRange, ALastPositionOrSuffixBeyondTheEndIsCut)
{
    EXPECT_TRUE(is_part(parse_byte_range("bytes=900-5000", 1000), 900, 999));
    EXPECT_TRUE(is_part(parse_byte_range("bytes=-5000", 1000), 0, 999));
    EXPECT_TRUE(is_part(parse_byte_range("bytes=0-99999999999999999999999", 1000), 0, 999));
}

TEST(ByteRange, NothingInsideTheRepresentationIsUnsatisfiable)
{
    EXPECT_EQ(parse_byte_range("bytes=1000-", 1000).kind, Kind::Unsatisfiable);
    EXPECT_EQ(parse_byte_range("bytes=1000-2000", 1000).kind, Kind::Unsatisfiable);
    EXPECT_EQ(parse_byte_range("bytes=-0", 1000).kind, Kind::Unsatisfiable);
    EXPECT_EQ(parse_byte_range("bytes=0-", 0).kind, Kind::Unsatisfiable);
    EXPECT_EQ(parse_byte_range("bytes=-5", 0).kind, Kind::Unsatisfiable);
    EXPECT_EQ(parse_byte_range("bytes=2000-, 3000-3001", 1000).kind, Kind::Unsatisfiable);
}

TEST(ByteRange, InvalidOtherUnitsAndSeveralRangesGetTheWhole)
{
    for (auto* header : { "", "bytes", "bytes=", "bytes=,", "bytes=abc", "bytes=5", "bytes=9-5", "bytes=--5", "bytes=1-2-3",
             "bytes=0x10-", "items=0-5", "bytes=0-5, x", "bytes=+1-2" })
        EXPECT_EQ(parse_byte_range(header, 1000).kind, Kind::Whole) << header;
    EXPECT_EQ(parse_byte_range("bytes=0-1, 5-6", 1000).kind, Kind::Whole);
    EXPECT_EQ(parse_byte_range("bytes=0-1, 2000-", 1000).kind, Kind::Whole);
    EXPECT_TRUE(is_part(parse_byte_range("bytes=, 3-4,", 1000), 3, 4));
}
