#include "http/client_address.hpp"
#include <gtest/gtest.h>

using kenes::http::client_address;

TEST(ClientAddress, ForwardedForIsIgnoredUnlessThePeerIsATrustedProxy)
{
    EXPECT_EQ(client_address("203.0.113.9", "10.0.0.1", {}), "203.0.113.9");
    EXPECT_EQ(client_address("203.0.113.9", "10.0.0.1", { "127.0.0.1" }), "203.0.113.9");
}

TEST(ClientAddress, TheLastHopNotAddedByATrustedProxyIsTheClient)
{
    std::vector<std::string> proxies { "127.0.0.1", "10.0.0.5" };
    EXPECT_EQ(client_address("127.0.0.1", "198.51.100.7", proxies), "198.51.100.7");
    // A client-supplied first hop cannot override what the proxies saw.
    EXPECT_EQ(client_address("127.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.5", proxies), "198.51.100.7");
    EXPECT_EQ(client_address("127.0.0.1", "10.0.0.5", proxies), "127.0.0.1");
}

TEST(ClientAddress, TheAuditKeepsTheKindOrTheNetworkNeverTheAddress)
{
    using kenes::http::address_class;
    EXPECT_EQ(address_class("127.0.0.1"), "loopback");
    EXPECT_EQ(address_class("::1"), "loopback");
    EXPECT_EQ(address_class("10.1.2.3"), "private");
    EXPECT_EQ(address_class("172.20.0.5"), "private");
    EXPECT_EQ(address_class("172.32.0.5"), "172.32.0.0/24");
    EXPECT_EQ(address_class("192.168.0.10"), "private");
    EXPECT_EQ(address_class("100.64.3.4"), "private");
    EXPECT_EQ(address_class("fd12:3456::1"), "private");
    EXPECT_EQ(address_class("fe80::1"), "private");
    EXPECT_EQ(address_class("203.0.113.77"), "203.0.113.0/24");
    EXPECT_EQ(address_class("::ffff:198.51.100.9"), "198.51.100.0/24");
    EXPECT_EQ(address_class("::ffff:127.0.0.1"), "loopback");
    EXPECT_EQ(address_class("2001:db8:1:2:3:4:5:6"), "2001:db8:1::/48");
    EXPECT_EQ(address_class("not an address"), "unknown");
    EXPECT_EQ(address_class(""), "unknown");
}
