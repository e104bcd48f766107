#pragma once
// Pieces of HTTP field values (RFC 9110 5.6) that several headers share: optional whitespace and
// the q weight of Accept and Accept-Encoding.
#include <string_view>

namespace kenes::http {

// OWS (spaces and tabs) removed from both ends.
std::string_view trim_ows(std::string_view);

// The q parameter among `params` (what follows a value's first ';'). "0", "1" or up to three
// decimals; absent or unreadable counts as 1, so a sloppy client gets what it most likely meant.
double q_value(std::string_view params);

}
