#include "modules/notifications/digest.hpp"
#include <gtest/gtest.h>

using namespace kenes::notifications;

TEST(NoticeDigest, TheFirstMailOfAKindGoesAtOnceTheNextWaitsAnHour)
{
    int64_t t = 1'795'000'000'000;
    EXPECT_TRUE(may_mail_now(std::nullopt, t));
    EXPECT_FALSE(may_mail_now(t, t));
    EXPECT_FALSE(may_mail_now(t, t + digest_window_millis - 1));
    EXPECT_TRUE(may_mail_now(t, t + digest_window_millis));
}

TEST(NoticeDigest, RetriesBackOffButNotForever)
{
    EXPECT_EQ(retry_delay_millis(1), 30'000);
    EXPECT_EQ(retry_delay_millis(2), 60'000);
    EXPECT_EQ(retry_delay_millis(3), 120'000);
    EXPECT_EQ(retry_delay_millis(50), 30'000LL << 5);
}
