#include "docs/image_header.hpp"
#include <array>

namespace kenes::image {

namespace {

constexpr std::string_view png_signature { "\x89PNG\r\n\x1A\n", 8 };
// PNG limits width and height to 2^31 - 1.
constexpr uint32_t png_max_side = 0x7FFFFFFF;

uint32_t be32(std::string_view b, size_t at)
{
    return uint32_t(uint8_t(b[at])) << 24 | uint32_t(uint8_t(b[at + 1])) << 16 | uint32_t(uint8_t(b[at + 2])) << 8 | uint32_t(uint8_t(b[at + 3]));
}

uint32_t be16(std::string_view b, size_t at) { return uint32_t(uint8_t(b[at])) << 8 | uint32_t(uint8_t(b[at + 1])); }

// The bit depths PNG allows per colour type, and the channels of that type (0 when invalid).
int png_channels(int color_type, int bit_depth)
{
    auto depth_in = [&](std::initializer_list<int> allowed) {
        for (int d : allowed)
            if (d == bit_depth)
                return true;
        return false;
    };
    switch (color_type) {
    case 0: return depth_in({ 1, 2, 4, 8, 16 }) ? 1 : 0;   // grey
    case 2: return depth_in({ 8, 16 }) ? 3 : 0;            // RGB
    case 3: return depth_in({ 1, 2, 4, 8 }) ? 1 : 0;       // palette
    case 4: return depth_in({ 8, 16 }) ? 2 : 0;            // grey + alpha
    case 6: return depth_in({ 8, 16 }) ? 4 : 0;            // RGBA
    default: return 0;
    }
}

HeaderProbe read_png(std::string_view b)
{
    // signature, IHDR length and type, 13 bytes of data, CRC
    constexpr size_t ihdr_end = 8 + 8 + 13 + 4;
    if (b.size() < ihdr_end)
        return HeaderFault::Truncated;
    if (be32(b, 8) != 13 || b.substr(12, 4) != "IHDR")
        return HeaderFault::Malformed;
    if (png_crc(b.substr(12, 4 + 13)) != be32(b, 29))
        return HeaderFault::Malformed;
    uint32_t width = be32(b, 16), height = be32(b, 20);
    int bit_depth = uint8_t(b[24]), color_type = uint8_t(b[25]);
    int compression = uint8_t(b[26]), filter = uint8_t(b[27]), interlace = uint8_t(b[28]);
    int channels = png_channels(color_type, bit_depth);
    if (width == 0 || height == 0 || width > png_max_side || height > png_max_side || channels == 0 || compression != 0 || filter != 0 || interlace > 1)
        return HeaderFault::Malformed;
    return Header { Format::Png, width, height, channels, interlace == 1 };
}

bool is_sof(uint8_t marker)
{
    // C4 (DHT), C8 (JPG extension) and CC (DAC) share the range but are not frame headers.
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

bool is_progressive_sof(uint8_t marker) { return marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE; }

// Markers without a length field (ITU T.81 B.1.1.3).
bool is_standalone(uint8_t marker) { return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7); }

HeaderProbe read_jpeg_frame(std::string_view b, size_t at, uint8_t marker)
{
    // length(2) precision(1) height(2) width(2) components(1), then 3 bytes per component
    if (b.size() < at + 8)
        return HeaderFault::Truncated;
    uint32_t length = be16(b, at);
    int precision = uint8_t(b[at + 2]);
    uint32_t height = be16(b, at + 3), width = be16(b, at + 5);
    int components = uint8_t(b[at + 7]);
    // A height of 0 defers it to a DNL marker after the first scan: refused rather than trusted.
    if ((precision != 8 && precision != 12) || width == 0 || height == 0 || components < 1 || components > 4 || length != 8 + 3 * uint32_t(components))
        return HeaderFault::Malformed;
    if (b.size() < at + length)
        return HeaderFault::Truncated;
    return Header { Format::Jpeg, width, height, components, is_progressive_sof(marker) };
}

HeaderProbe read_jpeg(std::string_view b)
{
    size_t at = 2;   // after SOI
    for (;;) {
        if (at >= b.size())
            return HeaderFault::Truncated;
        if (uint8_t(b[at]) != 0xFF)
            return HeaderFault::Malformed;
        while (at < b.size() && uint8_t(b[at]) == 0xFF)   // fill bytes may precede a marker
            ++at;
        if (at >= b.size())
            return HeaderFault::Truncated;
        uint8_t marker = uint8_t(b[at++]);
        if (is_standalone(marker))
            continue;
        // A stuffed zero, a second SOI, or scan data / the end before any frame header.
        if (marker == 0x00 || marker == 0xD8 || marker == 0xD9 || marker == 0xDA)
            return HeaderFault::Malformed;
        if (is_sof(marker))
            return read_jpeg_frame(b, at, marker);
        if (b.size() < at + 2)
            return HeaderFault::Truncated;
        uint32_t length = be16(b, at);
        if (length < 2)
            return HeaderFault::Malformed;
        at += length;
    }
}

}

uint32_t png_crc(std::string_view bytes)
{
    static const auto table = [] {
        std::array<uint32_t, 256> t {};
        for (uint32_t n = 0; n < 256; ++n) {
            uint32_t c = n;
            for (int k = 0; k < 8; ++k)
                c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    uint32_t c = 0xFFFFFFFFu;
    for (char ch : bytes)
        c = table[(c ^ uint8_t(ch)) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

HeaderProbe read_header(std::string_view bytes)
{
    if (bytes.starts_with(png_signature))
        return read_png(bytes);
    if (bytes.size() >= 3 && uint8_t(bytes[0]) == 0xFF && uint8_t(bytes[1]) == 0xD8 && uint8_t(bytes[2]) == 0xFF)
        return read_jpeg(bytes);
    // A file cut inside the signature is still recognisably the start of one.
    if (!bytes.empty() && (png_signature.starts_with(bytes) || std::string_view("\xFF\xD8\xFF").starts_with(bytes)))
        return HeaderFault::Truncated;
    return HeaderFault::NotAnImage;
}

}
