#include "docs/image_header.hpp"
#include <gtest/gtest.h>
#include <string>

using namespace kenes::image;

namespace {

std::string be32(uint32_t v) { return { char(v >> 24), char(v >> 16), char(v >> 8), char(v) }; }
std::string be16(uint32_t v) { return { char(v >> 8), char(v) }; }

std::string png_chunk(const std::string& type, const std::string& data)
{
    return be32(uint32_t(data.size())) + type + data + be32(png_crc(type + data));
}

std::string png_ihdr(uint32_t width, uint32_t height, int bit_depth = 8, int color_type = 2, int interlace = 0)
{
    std::string data = be32(width) + be32(height) + std::string { char(bit_depth), char(color_type), 0, 0, char(interlace) };
    return std::string("\x89PNG\r\n\x1A\n", 8) + png_chunk("IHDR", data);
}

std::string segment(uint8_t marker, const std::string& payload) { return std::string { char(0xFF), char(marker) } + be16(uint32_t(payload.size() + 2)) + payload; }

std::string sof(uint8_t marker, uint32_t width, uint32_t height, int components = 3)
{
    std::string payload = std::string(1, char(8)) + be16(height) + be16(width) + char(components);
    for (int i = 0; i < components; ++i)
        payload += std::string { char(i + 1), char(0x11), 0 };
    return segment(marker, payload);
}

const std::string soi("\xFF\xD8", 2);
const std::string app0 = segment(0xE0, std::string("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14));
const std::string dqt = segment(0xDB, std::string(65, '\x01'));

Header header(const HeaderProbe& p)
{
    EXPECT_TRUE(std::holds_alternative<Header>(p));
    return std::holds_alternative<Header>(p) ? std::get<Header>(p) : Header {};
}

HeaderFault fault(const HeaderProbe& p)
{
    EXPECT_TRUE(std::holds_alternative<HeaderFault>(p));
    return std::holds_alternative<HeaderFault>(p) ? std::get<HeaderFault>(p) : HeaderFault::NotAnImage;
}

}

TEST(ImageHeader, PngDimensionsComeFromIhdrWithoutTheImageData)
{
    // 20000 x 20000 RGB: 1.6 GB once decoded, 33 bytes of header here.
    auto h = header(read_header(png_ihdr(20000, 20000)));
    EXPECT_EQ(h.format, Format::Png);
    EXPECT_EQ(h.width, 20000u);
    EXPECT_EQ(h.height, 20000u);
    EXPECT_EQ(h.components, 3);
    EXPECT_FALSE(h.progressive);
    EXPECT_EQ(pixels(h), 400000000u);
    auto rgba = header(read_header(png_ihdr(640, 480, 8, 6, 1) + png_chunk("IEND", "")));
    EXPECT_EQ(rgba.components, 4);
    EXPECT_TRUE(rgba.progressive);   // Adam7
}

TEST(ImageHeader, PngCrcIsTheStandardOne)
{
    EXPECT_EQ(png_crc("IEND"), 0xAE426082u);
}

TEST(ImageHeader, PngMalformedHeadersAreRefused)
{
    auto bad_crc = png_ihdr(100, 100);
    bad_crc.back() ^= 1;
    EXPECT_EQ(fault(read_header(bad_crc)), HeaderFault::Malformed);
    EXPECT_EQ(fault(read_header(png_ihdr(0, 100))), HeaderFault::Malformed);
    EXPECT_EQ(fault(read_header(png_ihdr(100, 0x80000000u))), HeaderFault::Malformed);
    EXPECT_EQ(fault(read_header(png_ihdr(100, 100, 7, 2))), HeaderFault::Malformed);    // RGB at 7 bits
    EXPECT_EQ(fault(read_header(png_ihdr(100, 100, 16, 3))), HeaderFault::Malformed);   // palette at 16 bits
    EXPECT_EQ(fault(read_header(png_ihdr(100, 100, 8, 5))), HeaderFault::Malformed);    // no colour type 5
    EXPECT_EQ(fault(read_header(png_ihdr(100, 100, 8, 2, 2))), HeaderFault::Malformed); // no interlace 2
    // Another chunk first: IHDR must come first.
    std::string text_first = std::string("\x89PNG\r\n\x1A\n", 8) + png_chunk("tEXt", std::string("Comment\0hi1234", 14));
    EXPECT_EQ(fault(read_header(text_first)), HeaderFault::Malformed);
}

TEST(ImageHeader, TruncatedFilesAreTruncated)
{
    auto png = png_ihdr(100, 100);
    for (size_t n : { size_t(1), size_t(7), size_t(8), size_t(20), png.size() - 1 })
        EXPECT_EQ(fault(read_header(png.substr(0, n))), HeaderFault::Truncated) << n;
    auto jpeg = soi + app0 + dqt + sof(0xC0, 640, 480);
    for (size_t n : { size_t(2), size_t(3), size_t(5), soi.size() + 10, soi.size() + app0.size() + 1, jpeg.size() - 3 })
        EXPECT_EQ(fault(read_header(jpeg.substr(0, n))), HeaderFault::Truncated) << n;
    // An APP segment that claims more bytes than the file has.
    EXPECT_EQ(fault(read_header(soi + std::string("\xFF\xE1\xFF\xF0" "Exif", 8))), HeaderFault::Truncated);
}

TEST(ImageHeader, NotImagesAreNamedSo)
{
    EXPECT_EQ(fault(read_header("")), HeaderFault::NotAnImage);
    EXPECT_EQ(fault(read_header("<!doctype html><script>alert(1)</script>")), HeaderFault::NotAnImage);
    EXPECT_EQ(fault(read_header("%PDF-1.4\n%%EOF\n")), HeaderFault::NotAnImage);
    EXPECT_EQ(fault(read_header("GIF89a\x01\0\x01\0")), HeaderFault::NotAnImage);
}

TEST(ImageHeader, JpegFrameAfterAppSegments)
{
    // JFIF, an Exif APP1 of 1000 bytes (with 0xFF bytes inside), ICC APP2, DQT, then SOF0.
    std::string exif = segment(0xE1, "Exif" + std::string(2, '\0') + std::string(994, '\xFF'));
    std::string icc = segment(0xE2, "ICC_PROFILE" + std::string(200, '\x42'));
    auto h = header(read_header(soi + app0 + exif + icc + dqt + sof(0xC0, 4032, 3024)));
    EXPECT_EQ(h.format, Format::Jpeg);
    EXPECT_EQ(h.width, 4032u);
    EXPECT_EQ(h.height, 3024u);
    EXPECT_EQ(h.components, 3);
    EXPECT_FALSE(h.progressive);
    // Fill bytes before a marker and a restart marker without length are skipped.
    auto filled = header(read_header(soi + std::string("\xFF\xFF\xFF", 3) + app0.substr(1) + std::string("\xFF\xD0", 2) + sof(0xC1, 10, 20, 1)));
    EXPECT_EQ(filled.width, 10u);
    EXPECT_EQ(filled.height, 20u);
    EXPECT_EQ(filled.components, 1);
}

TEST(ImageHeader, ProgressiveJpegSof2)
{
    auto h = header(read_header(soi + app0 + dqt + sof(0xC2, 20000, 20000)));
    EXPECT_EQ(h.width, 20000u);
    EXPECT_EQ(h.height, 20000u);
    EXPECT_TRUE(h.progressive);
    EXPECT_TRUE(header(read_header(soi + sof(0xCA, 8, 8))).progressive);   // arithmetic progressive
    EXPECT_FALSE(header(read_header(soi + sof(0xC9, 8, 8))).progressive);
}

TEST(ImageHeader, JpegTablesAreNotFrames)
{
    // DHT (C4) and DAC (CC) lie in the SOF range; they are skipped, the frame after them counts.
    std::string dht = segment(0xC4, std::string(30, '\0'));
    std::string dac = segment(0xCC, std::string(2, '\0'));
    auto h = header(read_header(soi + dht + dac + sof(0xC0, 300, 200)));
    EXPECT_EQ(h.width, 300u);
    EXPECT_EQ(h.height, 200u);
}

TEST(ImageHeader, JpegMalformedHeadersAreRefused)
{
    // Scan data or the end of the image before any frame header.
    EXPECT_EQ(fault(read_header(soi + app0 + segment(0xDA, std::string(10, '\0')))), HeaderFault::Malformed);
    EXPECT_EQ(fault(read_header(soi + app0 + std::string("\xFF\xD9", 2))), HeaderFault::Malformed);
    // Garbage where a marker must be, a second SOI, a length below 2.
    EXPECT_EQ(fault(read_header(soi + app0 + "garbage")), HeaderFault::Malformed);
    EXPECT_EQ(fault(read_header(soi + soi)), HeaderFault::Malformed);
    EXPECT_EQ(fault(read_header(soi + std::string("\xFF\xE0\x00\x01", 4))), HeaderFault::Malformed);
    // Impossible frames: zero width, height deferred to DNL, 5 components, 16-bit precision, a
    // length that disagrees with the component count.
    EXPECT_EQ(fault(read_header(soi + sof(0xC0, 0, 10))), HeaderFault::Malformed);
    EXPECT_EQ(fault(read_header(soi + sof(0xC0, 10, 0))), HeaderFault::Malformed);
    EXPECT_EQ(fault(read_header(soi + sof(0xC0, 10, 10, 5))), HeaderFault::Malformed);
    auto sixteen = sof(0xC0, 10, 10);
    sixteen[4] = 16;
    EXPECT_EQ(fault(read_header(soi + sixteen)), HeaderFault::Malformed);
    auto short_frame = sof(0xC0, 10, 10);
    short_frame[3] = char(short_frame[3] - 3);
    EXPECT_EQ(fault(read_header(soi + short_frame)), HeaderFault::Malformed);
}
