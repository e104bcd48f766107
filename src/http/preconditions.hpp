#pragma once
// Conditional requests (RFC 9110 section 13): entity-tag lists as sent in If-None-Match and
// If-Range, compared weakly or strongly (section 8.8.3.2). Pure, so the static files and the
// dispatcher share one reading of the headers.
#include <string_view>

namespace kenes::http {

// If-None-Match: true when the header is `*` or lists a tag that matches `etag` by the weak
// comparison (W/"x" and "x" are the same tag). An empty header or an empty etag never matches;
// tags that cannot be read are skipped (a client's typo must not turn a 200 into a 304).
bool none_match_hits(std::string_view if_none_match, std::string_view etag);

// If-Range: true when the range may be served, i.e. the header is absent or names exactly `etag`
// by the strong comparison. A weak tag, another tag or an HTTP-date (there is no Last-Modified to
// compare it with) means the representation may have changed: send all of it.
bool if_range_holds(std::string_view if_range, std::string_view etag);

}
