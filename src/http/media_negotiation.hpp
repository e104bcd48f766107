#pragma once
// Whether a request for a page of the web UI should get the HTML shell or a JSON problem
// (RFC 9110 section 12.5.1). Link checkers, preview fetchers, curl and scripts send `*/*` or no
// Accept at all and must get the page a browser gets; only a client that asks for JSON in
// preference to HTML gets JSON.
#include <string_view>

namespace kenes::http {

// True when application/json or application/problem+json has a higher quality than text/html in
// `accept`, each type taking the q of the most specific range that matches it (text/html;q=0
// refuses HTML even under */*). No header, `*/*`, a tie, or an unreadable header: false.
bool prefers_json_to_html(std::string_view accept);

}
