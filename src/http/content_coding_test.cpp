#include "http/content_coding.hpp"
#include <gtest/gtest.h>

using namespace kenes::http;

namespace {
constexpr AvailableCodings both { true, true };
constexpr AvailableCodings gzip_only { true, false };
constexpr AvailableCodings none {};
}

TEST(ContentCoding, PrefersBrotliThenGzip)
{
    EXPECT_EQ(choose_content_coding("gzip, deflate, br", both), ContentCoding::Brotli);
    EXPECT_EQ(choose_content_coding("gzip, deflate", both), ContentCoding::Gzip);
    EXPECT_EQ(choose_content_coding("br", gzip_only), ContentCoding::Identity);
    EXPECT_EQ(choose_content_coding("gzip, br", gzip_only), ContentCoding::Gzip);
}

TEST(ContentCoding, NoHeaderOrNoVariantMeansThePlainFile)
{
    EXPECT_EQ(choose_content_coding("", both), ContentCoding::Identity);
    EXPECT_EQ(choose_content_coding("  ", both), ContentCoding::Identity);
    EXPECT_EQ(choose_content_coding("gzip, br", none), ContentCoding::Identity);
    EXPECT_EQ(choose_content_coding("identity", both), ContentCoding::Identity);
    EXPECT_EQ(choose_content_coding("deflate, zstd", both), ContentCoding::Identity);
}

TEST(ContentCoding, QZeroRefusesACoding)
{
    EXPECT_EQ(choose_content_coding("br;q=0, gzip", both), ContentCoding::Gzip);
    EXPECT_EQ(choose_content_coding("br; q=0.000, gzip;q=0", both), ContentCoding::Identity);
    EXPECT_EQ(choose_content_coding("*;q=0", both), ContentCoding::Identity);
    EXPECT_EQ(choose_content_coding("gzip;q=0, *", both), ContentCoding::Brotli);
}

TEST(ContentCoding, HigherQWinsAndTiesGoToBrotli)
{
    EXPECT_EQ(choose_content_coding("br;q=0.5, gzip;q=0.8", both), ContentCoding::Gzip);
    EXPECT_EQ(choose_content_coding("br;q=0.8, gzip;q=0.8", both), ContentCoding::Brotli);
    EXPECT_EQ(choose_content_coding("gzip;q=1.0, br;q=0.9", both), ContentCoding::Gzip);
}

TEST(ContentCoding, WildcardCoversCodingsNotNamed)
{
    EXPECT_EQ(choose_content_coding("*", both), ContentCoding::Brotli);
    EXPECT_EQ(choose_content_coding("*", gzip_only), ContentCoding::Gzip);
    EXPECT_EQ(choose_content_coding("br;q=0, *;q=0.5", both), ContentCoding::Gzip);
}

TEST(ContentCoding, ToleratesCaseSpacingAndAliases)
{
    EXPECT_EQ(choose_content_coding("  GZIP ;Q=0.7 ,BR ; q=0.9", both), ContentCoding::Brotli);
    EXPECT_EQ(choose_content_coding("x-gzip", both), ContentCoding::Gzip);
    // An unreadable q is treated as absent rather than as a refusal.
    EXPECT_EQ(choose_content_coding("br;q=abc", both), ContentCoding::Brotli);
    EXPECT_EQ(choose_content_coding(",,;", both), ContentCoding::Identity);
}

TEST(ContentCoding, Tokens)
{
    EXPECT_EQ(content_coding_token(ContentCoding::Brotli), "br");
    EXPECT_EQ(content_coding_token(ContentCoding::Gzip), "gzip");
    EXPECT_EQ(content_coding_token(ContentCoding::Identity), "");
}
