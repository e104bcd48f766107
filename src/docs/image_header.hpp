#pragma once
// The format and dimensions of a PNG or JPEG, read from its header without decoding a pixel.
// A decoder allocates width x height x 4 bytes before it reads the first row, so a PNG of a few
// kilobytes that declares 20000x20000 pixels costs 1.6 GB unless its size is checked first.
#include <cstdint>
#include <string_view>
#include <variant>

namespace kenes::image {

enum class Format { Png, Jpeg };

// Why no header could be read: not PNG or JPEG at all, cut off before the dimensions, or
// present but inconsistent (bad chunk, bad CRC, impossible values, scan data before the frame).
enum class HeaderFault { NotAnImage, Truncated, Malformed };

struct Header {
    Format format;
    uint32_t width;
    uint32_t height;
    int components;      // PNG: channels of its colour type; JPEG: components of the frame
    bool progressive;    // JPEG SOF2/6/10/14 and interlaced PNG: decoded with whole-image buffers
};

using HeaderProbe = std::variant<Header, HeaderFault>;

// PNG: the signature, then the IHDR chunk, which the format requires first (checked with its CRC).
// JPEG: SOI, then the segments in order (APPn, DQT, DHT, ...) up to the first SOFn frame header;
// scan data or EOI before it is malformed. Reads at most the bytes up to that header.
HeaderProbe read_header(std::string_view bytes);

// The PNG chunk CRC (ISO 3309), exposed so tests can build valid headers.
uint32_t png_crc(std::string_view bytes);

inline uint64_t pixels(const Header& h) { return uint64_t(h.width) * h.height; }

}
