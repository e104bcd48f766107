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
