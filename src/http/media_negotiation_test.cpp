#include "http/media_negotiation.hpp"
#include <gtest/gtest.h>

using namespace kenes::http;

TEST(MediaNegotiation, ClientsThatDoNotAskForJsonGetThePage)
{
    EXPECT_FALSE(prefers_json_to_html(""));
    EXPECT_FALSE(prefers_json_to_html("*/*"));
    EXPECT_FALSE(prefers_json_to_html("text/html"));
    EXPECT_FALSE(prefers_json_to_html("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
    EXPECT_FALSE(prefers_json_to_html("application/json, text/html"));   // a tie
    EXPECT_FALSE(prefers_json_to_html("text/*, application/json;q=0.9"));
    EXPECT_FALSE(prefers_json_to_html("image/png"));
    EXPECT_FALSE(prefers_json_to_html("garbage"));
    EXPECT_FALSE(prefers_json_to_html("application/json;q=0"));
}

TEST(MediaNegotiation, JsonInPreferenceToHtml)
{
    EXPECT_TRUE(prefers_json_to_html("application/json"));
    EXPECT_TRUE(prefers_json_to_html("Application/JSON; charset=utf-8"));
    EXPECT_TRUE(prefers_json_to_html("application/problem+json"));
    EXPECT_TRUE(prefers_json_to_html("application/json, */*;q=0.1"));
    EXPECT_TRUE(prefers_json_to_html("application/*"));
    EXPECT_TRUE(prefers_json_to_html("text/html;q=0.5, application/json"));
    // The most specific range decides: text/html;q=0 refuses HTML even though */* accepts it.
    EXPECT_TRUE(prefers_json_to_html("*/*, text/html;q=0"));
}
