#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kenes::http {

// The client of a request. Behind a trusted reverse proxy it is the last X-Forwarded-For hop that
// no trusted proxy added; from any other peer the header is ignored, so it cannot be forged.
std::string client_address(const std::string& peer, std::string_view forwarded_for, const std::vector<std::string>& trusted_proxies);

}
