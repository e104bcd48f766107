#include "http/preconditions.hpp"
#include <gtest/gtest.h>

using namespace kenes::http;

TEST(IfNoneMatch, ComparesWeakly)
{
    EXPECT_TRUE(none_match_hits("\"abc\"", "\"abc\""));
    // What nginx sends back once it gzipped a response it got with a strong tag.
    EXPECT_TRUE(none_match_hits("W/\"abc\"", "\"abc\""));
    EXPECT_TRUE(none_match_hits("\"abc\"", "W/\"abc\""));
    EXPECT_TRUE(none_match_hits("W/\"abc\"", "W/\"abc\""));
    EXPECT_FALSE(none_match_hits("\"abd\"", "\"abc\""));
    EXPECT_FALSE(none_match_hits("w/\"abc\"", "\"abc\""));   // W/ is case-sensitive
    EXPECT_FALSE(none_match_hits("\"ABC\"", "\"abc\""));
}

TEST(IfNoneMatch, AnyTagOfAListAndTheStar)
{
    EXPECT_TRUE(none_match_hits("\"x\", \"abc\"", "\"abc\""));
    EXPECT_TRUE(none_match_hits("\"x\",W/\"abc\" ,\"y\"", "\"abc\""));
    EXPECT_TRUE(none_match_hits(" , \"abc\",,", "\"abc\""));
    EXPECT_FALSE(none_match_hits("\"x\", \"y\"", "\"abc\""));
    EXPECT_TRUE(none_match_hits("*", "\"abc\""));
    EXPECT_TRUE(none_match_hits("  *  ", "\"abc\""));
    // A comma is a legal character inside a tag: it does not split it.
    EXPECT_TRUE(none_match_hits("\"a,b\"", "\"a,b\""));
    EXPECT_FALSE(none_match_hits("\"a,b\"", "\"a\""));
}

TEST(IfNoneMatch, NothingToCompareOrUnreadableNeverMatches)
{
    EXPECT_FALSE(none_match_hits("", "\"abc\""));
    EXPECT_FALSE(none_match_hits("*", ""));
    EXPECT_FALSE(none_match_hits("\"abc\"", ""));
    EXPECT_FALSE(none_match_hits("abc", "\"abc\""));          // unquoted
    EXPECT_FALSE(none_match_hits("\"abc", "\"abc\""));        // unterminated
    EXPECT_FALSE(none_match_hits("\"abc\"x", "\"abc\""));     // junk after the tag
    EXPECT_TRUE(none_match_hits("junk, \"abc\"", "\"abc\""));  // the readable ones still count
    EXPECT_TRUE(none_match_hits("\"x\"junk, \"abc\"", "\"abc\""));
}

TEST(IfRange, ComparesStronglyAndNeverMatchesADate)
{
    EXPECT_TRUE(if_range_holds("", "\"abc\""));
    EXPECT_TRUE(if_range_holds("\"abc\"", "\"abc\""));
    EXPECT_TRUE(if_range_holds(" \"abc\" ", "\"abc\""));
    EXPECT_FALSE(if_range_holds("W/\"abc\"", "\"abc\""));
    EXPECT_FALSE(if_range_holds("\"abc\"", "W/\"abc\""));
    EXPECT_FALSE(if_range_holds("\"abd\"", "\"abc\""));
    EXPECT_FALSE(if_range_holds("\"abc\", \"abc\"", "\"abc\""));   // one tag, not a list
    EXPECT_FALSE(if_range_holds("Sun, 06 Dec 2026 02:00:00 GMT", "\"abc\""));
}
