#include "modules/elections/portfolio.hpp"
#include "docs/image_header.hpp"
#include <cairo.h>
#include <gtest/gtest.h>
#include <jpeglib.h>
#include <future>
#include <thread>

using namespace kenes;
using namespace kenes::elections;

namespace {

enum class Chroma { Subsampled, Full };

std::string encode_jpeg(int width, int height, bool progressive, const std::string& app1 = "", Chroma chroma = Chroma::Subsampled)
{
    jpeg_compress_struct c {};
    jpeg_error_mgr err {};
    c.err = jpeg_std_error(&err);
    jpeg_create_compress(&c);
    unsigned char* out = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&c, &out, &size);
    c.image_width = JDIMENSION(width);
    c.image_height = JDIMENSION(height);
    c.input_components = 3;
    c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c);
    if (chroma == Chroma::Full)
        c.comp_info[0].h_samp_factor = c.comp_info[0].v_samp_factor = 1;
    if (progressive)
        jpeg_simple_progression(&c);
    jpeg_start_compress(&c, TRUE);
    if (!app1.empty())
        jpeg_write_marker(&c, JPEG_APP0 + 1, reinterpret_cast<const JOCTET*>(app1.data()), unsigned(app1.size()));
    std::vector<unsigned char> row(size_t(width) * 3);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x)
            row[size_t(x) * 3] = (unsigned char)(x * 255 / width), row[size_t(x) * 3 + 1] = (unsigned char)(y * 255 / height);
        JSAMPROW r = row.data();
        jpeg_write_scanlines(&c, &r, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    std::string bytes(reinterpret_cast<char*>(out), size);
    std::free(out);
    return bytes;
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

std::string encode_png(int width, int height)
{
    cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    cairo_t* cr = cairo_create(s);
    cairo_set_source_rgb(cr, 0.2, 0.5, 0.8);
    cairo_paint(cr);
    cairo_destroy(cr);
    std::string out;
    cairo_surface_write_to_png_stream(s, append, &out);
    cairo_surface_destroy(s);
    return out;
}

std::string be32(uint32_t v) { return { char(v >> 24), char(v >> 16), char(v >> 8), char(v) }; }

// A real small PNG whose IHDR claims other dimensions (its CRC made right): what an attacker sends.
std::string png_claiming(uint32_t width, uint32_t height)
{
    auto png = encode_png(8, 8);
    png.replace(16, 8, be32(width) + be32(height));
    png.replace(29, 4, be32(image::png_crc(std::string_view(png).substr(12, 17))));
    return png;
}

// A real small JPEG whose frame header claims other dimensions.
std::string jpeg_claiming(uint32_t width, uint32_t height, bool progressive)
{
    auto jpeg = encode_jpeg(16, 16, progressive);
    auto sof = jpeg.find(progressive ? "\xFF\xC2" : "\xFF\xC0");
    jpeg[sof + 5] = char(height >> 8), jpeg[sof + 6] = char(height);
    jpeg[sof + 7] = char(width >> 8), jpeg[sof + 8] = char(width);
    return jpeg;
}

std::string field_code(const Result<portfolio::File>& r)
{
    if (r.ok() || r.error().fields.empty())
        return r.ok() ? "ok" : "no field";
    EXPECT_EQ(r.error().fields[0].field, "file");
    return r.error().fields[0].code;
}

}

TEST(Portfolio_ELEC_REG_1, PhotosAreReencodedWithoutTheirMetadata)
{
    auto jpeg = encode_jpeg(64, 48, false, std::string("Exif\0\0GPS 43.2389N 76.8897E", 27));
    auto r = portfolio::accept("photo", jpeg, "image/jpeg");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->content_type, "image/jpeg");
    EXPECT_EQ(r->bytes.find("GPS"), std::string::npos);
    auto h = std::get<image::Header>(image::read_header(r->bytes));
    EXPECT_EQ(h.width, 64u);
    EXPECT_EQ(h.height, 48u);

    auto progressive = portfolio::accept("photo", encode_jpeg(40, 30, true), "application/octet-stream");
    ASSERT_TRUE(progressive.ok());
    EXPECT_EQ(progressive->content_type, "image/jpeg");

    auto png = portfolio::accept("photo", encode_png(32, 32), "image/png");
    ASSERT_TRUE(png.ok());
    EXPECT_EQ(png->content_type, "image/png");
}

TEST(Portfolio_ELEC_REG_1, OversizedPhotosAreRefusedFromTheHeader)
{
    // 20000 x 20000 would be 1.6 GB decoded; the file is a few hundred bytes.
    for (auto& [bytes, type] : std::vector<std::pair<std::string, std::string>> {
             { png_claiming(20000, 20000), "image/png" }, { jpeg_claiming(20000, 20000, false), "image/jpeg" }, { jpeg_claiming(20000, 20000, true), "image/jpeg" },
             { png_claiming(4097, 10), "image/png" }, { jpeg_claiming(10, 4097, true), "image/jpeg" } }) {
        auto r = portfolio::accept("photo", bytes, type);
        EXPECT_EQ(field_code(r), "photo_too_large");
        if (!r.ok()) {
            EXPECT_EQ(r.error().fields[0].params.at("max").to_number<int64_t>(), 4096);
        }
        EXPECT_TRUE(portfolio::reencode_png(bytes).empty());
        EXPECT_TRUE(portfolio::reencode_jpeg(bytes).empty());
    }
    auto r = portfolio::accept("photo", png_claiming(20000, 300), "image/png");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().fields[0].params.at("width").to_number<int64_t>(), 20000);
    EXPECT_EQ(r.error().fields[0].params.at("height").to_number<int64_t>(), 300);
}

TEST(Portfolio_ELEC_REG_1, TheLargestProgressivePhotoFitsTheDecoderMemoryLimit)
{
    // 4096 x 4096 progressive without chroma subsampling: libjpeg keeps 96 MiB of coefficients.
    auto r = portfolio::accept("photo", encode_jpeg(4096, 4096, true, "", Chroma::Full), "image/jpeg");
    ASSERT_TRUE(r.ok());
    auto h = std::get<image::Header>(image::read_header(r->bytes));
    EXPECT_EQ(h.width, 4096u);
    EXPECT_EQ(h.height, 4096u);
}

TEST(Portfolio_ELEC_REG_1, SpoofedTypesAreRefused)
{
    auto png = encode_png(16, 16);
    auto jpeg = encode_jpeg(16, 16, false);
    auto mismatch = portfolio::accept("photo", png, "image/jpeg");
    EXPECT_EQ(field_code(mismatch), "type_mismatch");
    EXPECT_EQ(mismatch.error().fields[0].params.at("declared").as_string(), "JPEG");
    EXPECT_EQ(mismatch.error().fields[0].params.at("actual").as_string(), "PNG");
    EXPECT_EQ(field_code(portfolio::accept("photo", jpeg, "image/png; charset=binary")), "type_mismatch");
    EXPECT_EQ(field_code(portfolio::accept("cv", png, "application/pdf")), "type_mismatch");
    // Content that is none of the types: named after the route's expectation.
    std::string html = "<!doctype html><script>alert(document.cookie)</script>";
    EXPECT_EQ(field_code(portfolio::accept("photo", html, "image/png")), "not_photo");
    EXPECT_EQ(field_code(portfolio::accept("cv", html, "application/pdf")), "not_document");
    EXPECT_EQ(field_code(portfolio::accept("cv", "%PDF-1.4 but never ends", "application/pdf")), "not_document");
    EXPECT_EQ(field_code(portfolio::accept("photo", "%PDF-1.4\n%%EOF\n", "application/pdf")), "not_photo");
    // A generic type leaves it to the content.
    EXPECT_EQ(field_code(portfolio::accept("photo", png, "application/octet-stream")), "ok");
    EXPECT_EQ(field_code(portfolio::accept("cv", "%PDF-1.4\n%%EOF\n", "application/pdf")), "ok");
}

TEST(Portfolio_ELEC_REG_1, DamagedImagesAreRefused)
{
    auto jpeg = encode_jpeg(64, 64, false);
    EXPECT_EQ(field_code(portfolio::accept("photo", jpeg.substr(0, jpeg.size() * 6 / 10), "image/jpeg")), "image_damaged");
    EXPECT_EQ(field_code(portfolio::accept("photo", jpeg.substr(0, 40), "image/jpeg")), "image_damaged");
    auto progressive = encode_jpeg(64, 64, true);
    EXPECT_EQ(field_code(portfolio::accept("photo", progressive.substr(0, progressive.size() / 2), "image/jpeg")), "image_damaged");
    auto png = encode_png(64, 64);
    EXPECT_EQ(field_code(portfolio::accept("photo", png.substr(0, png.size() - 20), "image/png")), "image_damaged");
    auto bad_crc = png;
    bad_crc[20] ^= 1;
    EXPECT_EQ(field_code(portfolio::accept("photo", bad_crc, "image/png")), "image_damaged");
    // A scan among the documents is stored as sent, but its header must still hold.
    EXPECT_EQ(field_code(portfolio::accept("transcript", bad_crc, "image/png")), "image_damaged");
}

TEST(Portfolio_ELEC_REG_1, ScansAreLimitedInPixels)
{
    EXPECT_EQ(field_code(portfolio::accept("transcript", png_claiming(4960, 7016), "image/png")), "ok");   // A4 at 600 dpi
    auto r = portfolio::accept("transcript", jpeg_claiming(10000, 10000, false), "image/jpeg");
    EXPECT_EQ(field_code(r), "scan_too_large");
    EXPECT_EQ(r.error().fields[0].params.at("max_megapixels").to_number<int64_t>(), 40);
}

TEST(Portfolio_ELEC_REG_1, DecodesWaitForAFreeSlotThenGive503)
{
    portfolio::DecodeGate gate(1, std::chrono::milliseconds(50));
    std::promise<void> started, finish;
    auto running = std::async(std::launch::async, [&] {
        return gate.run([&] {
            started.set_value();
            finish.get_future().wait();
            return std::string("first");
        });
    });
    started.get_future().wait();
    auto refused = gate.run([] { return std::string("second"); });
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::Unavailable);
    EXPECT_EQ(refused.error().retry_after_seconds, portfolio::decode_retry_after_seconds);
    finish.set_value();
    EXPECT_EQ(running.get().value(), "first");
    auto after = gate.run([] { return std::string("third"); });   // the slot is free again
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after.value(), "third");
}
