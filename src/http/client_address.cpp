#include "http/client_address.hpp"
#include <algorithm>
#include <arpa/inet.h>
#include <cstdio>

namespace kenes::http {

std::string client_address(const std::string& peer, std::string_view forwarded, const std::vector<std::string>& trusted_proxies)
{
    auto trusted = [&](std::string_view a) { return std::find(trusted_proxies.begin(), trusted_proxies.end(), a) != trusted_proxies.end(); };
    if (forwarded.empty() || !trusted(peer))
        return peer;
    while (!forwarded.empty()) {
        auto comma = forwarded.rfind(',');
        auto hop = forwarded.substr(comma == std::string_view::npos ? 0 : comma + 1);
        while (!hop.empty() && hop.front() == ' ')
            hop.remove_prefix(1);
        while (!hop.empty() && hop.back() == ' ')
            hop.remove_suffix(1);
        if (!hop.empty() && !trusted(hop))
            return std::string(hop.substr(0, 64));
        forwarded = comma == std::string_view::npos ? std::string_view {} : forwarded.substr(0, comma);
    }
    return peer;
}

namespace {

std::string ipv4_class(const unsigned char* a)
{
    if (a[0] == 127)
        return "loopback";
    // RFC 1918, link-local, carrier-grade NAT (a school's provider), "this network".
    if (a[0] == 10 || (a[0] == 172 && (a[1] & 0xf0) == 16) || (a[0] == 192 && a[1] == 168) || (a[0] == 169 && a[1] == 254)
        || (a[0] == 100 && (a[1] & 0xc0) == 64) || a[0] == 0)
        return "private";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%u.%u.%u.0/24", a[0], a[1], a[2]);
    return buf;
}

}

std::string address_class(std::string_view address)
{
    std::string s(address.substr(0, 64));
    unsigned char a[16];
    if (inet_pton(AF_INET, s.c_str(), a) == 1)
        return ipv4_class(a);
    if (inet_pton(AF_INET6, s.c_str(), a) != 1)
        return "unknown";
    static const unsigned char loopback[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
    static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
    if (std::equal(a, a + 16, loopback))
        return "loopback";
    if (std::equal(a, a + 12, mapped))
        return ipv4_class(a + 12);
    if ((a[0] & 0xfe) == 0xfc || (a[0] == 0xfe && (a[1] & 0xc0) == 0x80))   // unique local, link-local
        return "private";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%x:%x:%x::/48", (a[0] << 8) | a[1], (a[2] << 8) | a[3], (a[4] << 8) | a[5]);
    return buf;
}

}
