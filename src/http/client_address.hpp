#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kenes::http {

// The client of a request. Behind a trusted reverse proxy it is the last X-Forwarded-For hop that
// no trusted proxy added; from any other peer the header is ignored, so it cannot be forged.
std::string client_address(const std::string& peer, std::string_view forwarded_for, const std::vector<std::string>& trusted_proxies);

}

namespace kenes::http {

// What the audit log may keep of an address: its kind ("loopback", "private", "unknown") or, for
// a public address, its network ("203.0.113.0/24", "2001:db8:1::/48"), never the address itself,
// which identifies a household.
std::string address_class(std::string_view address);

}
