#include "http/response_cache.hpp"
#include <gtest/gtest.h>

using namespace kenes::http;

TEST(ResponseCache, ServesOnlyTheVersionItWasStoredFor)
{
    ResponseCache c;
    c.store("people?limit=50", 7, "body-7");
    EXPECT_EQ(c.find("people?limit=50", 7), "body-7");
    EXPECT_FALSE(c.find("people?limit=50", 8));   // data changed since
    EXPECT_FALSE(c.find("people?limit=20", 7));
}

TEST(ResponseCache, EvictsTheLeastRecentlyUsedBeyondItsSize)
{
    ResponseCache c(100);
    c.store("a", 1, std::string(10, 'a'));
    c.store("b", 1, std::string(10, 'b'));
    EXPECT_TRUE(c.find("a", 1));   // a is now used more recently than b
    for (int i = 0; i < 9; ++i)    // 110 bytes in all: one entry must go
        c.store("x" + std::to_string(i), 1, std::string(10, 'x'));
    EXPECT_FALSE(c.find("b", 1));
    EXPECT_TRUE(c.find("a", 1));
    EXPECT_TRUE(c.find("x8", 1));
}
