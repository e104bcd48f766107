#pragma once
// The Range header of a GET (RFC 9110 section 14.2), read against the length of the
// representation that will be sent. Pure: the static files decide what to do with the answer.
#include <cstdint>
#include <string_view>

namespace kenes::http {

struct ByteRange {
    enum class Kind {
        Whole,           // no Range, another unit, a syntax error, or several ranges: send a 200
        Part,            // one satisfiable range: 206 with first..last (inclusive)
        Unsatisfiable,   // no range overlaps the representation: 416
    };
    Kind kind = Kind::Whole;
    uint64_t first = 0;
    uint64_t last = 0;
};

// bytes=a-b, bytes=a- and bytes=-n (suffix). A last position past the end is cut to the end.
// Several ranges are answered with the whole representation (allowed by RFC 9110 section 14.2,
// and it avoids multipart/byteranges), unless none of them is satisfiable.
ByteRange parse_byte_range(std::string_view range, uint64_t length);

}
