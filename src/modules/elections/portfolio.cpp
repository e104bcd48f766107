#include "modules/elections/portfolio.hpp"
#include <cairo.h>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <jpeglib.h>

namespace kenes::elections::portfolio {

const std::vector<std::string>& kinds()
{
    static const std::vector<std::string> all { "photo", "cv", "consent", "transcript", "recommendation" };
    return all;
}

static bool starts_with(const std::string& s, std::string_view prefix) { return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0; }
static bool is_jpeg(const std::string& b) { return starts_with(b, "\xFF\xD8\xFF"); }
static bool is_png(const std::string& b) { return starts_with(b, "\x89PNG\r\n\x1A\n"); }
static bool is_pdf(const std::string& b) { return starts_with(b, "%PDF-") && b.find("%%EOF", b.size() > 1024 ? b.size() - 1024 : 0) != std::string::npos; }

std::string extension(const std::string& type)
{
    return type == "image/jpeg" ? ".jpg" : type == "image/png" ? ".png" : type == "application/pdf" ? ".pdf" : "";
}

namespace {

struct JpegError {
    jpeg_error_mgr mgr;
    std::jmp_buf jump;
};

void on_jpeg_error(j_common_ptr info)
{
    // libjpeg's default handler exits the process; jump back to the caller instead.
    std::longjmp(reinterpret_cast<JpegError*>(info->err)->jump, 1);
}

void silence(j_common_ptr) {}

// Decodes into `pixels` (RGB) and encodes again into `out`; false on any libjpeg error. Only
// plain data lives between setjmp and longjmp.
bool jpeg_roundtrip(const std::string& in, std::vector<unsigned char>& pixels, unsigned char** out, unsigned long* out_size)
{
    jpeg_decompress_struct d {};
    jpeg_compress_struct c {};
    JpegError err {};
    d.err = jpeg_std_error(&err.mgr);
    c.err = d.err;
    err.mgr.error_exit = on_jpeg_error;
    err.mgr.output_message = silence;
    bool c_created = false;
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&d);
        if (c_created)
            jpeg_destroy_compress(&c);
        return false;
    }
    jpeg_create_decompress(&d);
    jpeg_mem_src(&d, reinterpret_cast<const unsigned char*>(in.data()), in.size());
    jpeg_read_header(&d, TRUE);
    if (d.image_width == 0 || d.image_height == 0 || d.image_width > unsigned(max_photo_side) || d.image_height > unsigned(max_photo_side)) {
        jpeg_destroy_decompress(&d);
        return false;
    }
    d.out_color_space = JCS_RGB;
    jpeg_start_decompress(&d);
    size_t stride = size_t(d.output_width) * 3;
    pixels.resize(stride * d.output_height);
    while (d.output_scanline < d.output_height) {
        unsigned char* row = pixels.data() + stride * d.output_scanline;
        jpeg_read_scanlines(&d, &row, 1);
    }
    unsigned width = d.output_width, height = d.output_height;
    jpeg_finish_decompress(&d);
    jpeg_destroy_decompress(&d);

    jpeg_create_compress(&c);
    c_created = true;
    jpeg_mem_dest(&c, out, out_size);
    c.image_width = width;
    c.image_height = height;
    c.input_components = 3;
    c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, 88, TRUE);
    jpeg_start_compress(&c, TRUE);
    while (c.next_scanline < c.image_height) {
        unsigned char* row = pixels.data() + stride * c.next_scanline;
        jpeg_write_scanlines(&c, &row, 1);
    }
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    return true;
}

struct PngReader {
    const std::string* data;
    size_t offset = 0;
};

cairo_status_t read_png(void* closure, unsigned char* buffer, unsigned int length)
{
    auto* r = static_cast<PngReader*>(closure);
    if (r->data->size() - r->offset < length)
        return CAIRO_STATUS_READ_ERROR;
    std::memcpy(buffer, r->data->data() + r->offset, length);
    r->offset += length;
    return CAIRO_STATUS_SUCCESS;
}

cairo_status_t write_png(void* closure, const unsigned char* data, unsigned int length)
{
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

}

std::string reencode_jpeg(const std::string& bytes)
{
    std::vector<unsigned char> pixels;
    unsigned char* out = nullptr;
    unsigned long size = 0;
    bool ok = jpeg_roundtrip(bytes, pixels, &out, &size);
    std::string result = ok && out ? std::string(reinterpret_cast<char*>(out), size) : std::string();
    std::free(out);
    return result;
}

std::string reencode_png(const std::string& bytes)
{
    PngReader reader { &bytes };
    cairo_surface_t* s = cairo_image_surface_create_from_png_stream(read_png, &reader);
    std::string out;
    if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS && cairo_image_surface_get_width(s) <= max_photo_side
        && cairo_image_surface_get_height(s) <= max_photo_side && cairo_surface_write_to_png_stream(s, write_png, &out) != CAIRO_STATUS_SUCCESS)
        out.clear();
    cairo_surface_destroy(s);
    return out;
}

Result<File> accept(const std::string& kind, const std::string& bytes)
{
    if (bytes.size() > max_file_bytes)
        return Error::field("file", "too_large", { { "max", int64_t(max_file_bytes) } });
    if (kind == "photo") {
        if (is_jpeg(bytes)) {
            auto out = reencode_jpeg(bytes);
            if (!out.empty())
                return File { "image/jpeg", std::move(out) };
        } else if (is_png(bytes)) {
            auto out = reencode_png(bytes);
            if (!out.empty())
                return File { "image/png", std::move(out) };
        }
        return Error::field("file", "not_photo");
    }
    if (is_pdf(bytes))
        return File { "application/pdf", bytes };
    if (is_jpeg(bytes))
        return File { "image/jpeg", bytes };
    if (is_png(bytes))
        return File { "image/png", bytes };
    return Error::field("file", "not_document");
}

}
