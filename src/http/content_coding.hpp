#pragma once
// Which precompressed variant of a static file to send, from the request's Accept-Encoding
// (RFC 9110 section 12.5.3). Pure: the static file handler passes what variants it has.
#include <string_view>

namespace kenes::http {

enum class ContentCoding { Identity, Gzip, Brotli };

struct AvailableCodings {
    bool gzip = false;
    bool brotli = false;
};

// The acceptable variant with the highest q-value; on a tie brotli wins (smaller), then gzip.
// q=0 refuses a coding, "*" stands for every coding not named, and a file without a variant, or a
// request without the header, gets the plain bytes. The plain file is also the answer when the
// client refuses identity and every variant: sending something beats a 406 for the UI's assets.
ContentCoding choose_content_coding(std::string_view accept_encoding, AvailableCodings available);

std::string_view content_coding_token(ContentCoding);    // "br", "gzip" or "" for identity

}
