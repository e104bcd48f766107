#include "http/client_address.hpp"
#include <algorithm>

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

}
