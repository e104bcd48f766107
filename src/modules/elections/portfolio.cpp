#include "modules/elections/portfolio.hpp"
#include "docs/image_header.hpp"
#include <cctype>
#include <optional>
#include <variant>
#include <cairo.h>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <jpeglib.h>
#include <jerror.h>

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
    bool cut_short = false;
};

void on_jpeg_error(j_common_ptr info)
{
    // libjpeg's default handler exits the process; jump back to the caller instead.
    std::longjmp(reinterpret_cast<JpegError*>(info->err)->jump, 1);
}

// libjpeg only warns when the data ends early and fills the missing rows with grey; a photo cut
// off in transfer is refused instead. Other warnings (extraneous bytes that some cameras write)
// are let through, and nothing is printed.
void on_jpeg_message(j_common_ptr info, int level)
{
    if (level < 0 && info->err->msg_code == JWRN_JPEG_EOF)
        reinterpret_cast<JpegError*>(info->err)->cut_short = true;
}

// Decodes and encodes again one row at a time, so no whole-image pixel buffer exists (libjpeg
// still keeps a progressive JPEG's coefficients, within max_jpeg_decoder_bytes); false on any
// libjpeg error. Only plain data lives between setjmp and longjmp: both structs are zeroed before
// setjmp, and jpeg_destroy_* is a no-op on one never created.
bool jpeg_roundtrip(const std::string& in, unsigned char** out, unsigned long* out_size)
{
    jpeg_decompress_struct d {};
    jpeg_compress_struct c {};
    JpegError err {};
    d.err = jpeg_std_error(&err.mgr);
    c.err = d.err;
    err.mgr.error_exit = on_jpeg_error;
    err.mgr.emit_message = on_jpeg_message;
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&d);
        jpeg_destroy_compress(&c);
        return false;
    }
    jpeg_create_decompress(&d);
    d.mem->max_memory_to_use = max_jpeg_decoder_bytes;
    jpeg_mem_src(&d, reinterpret_cast<const unsigned char*>(in.data()), in.size());
    jpeg_read_header(&d, TRUE);
    if (d.image_width == 0 || d.image_height == 0 || d.image_width > max_photo_side || d.image_height > max_photo_side) {
        jpeg_destroy_decompress(&d);
        return false;
    }
    d.out_color_space = JCS_RGB;
    jpeg_start_decompress(&d);
    JSAMPARRAY row = (*d.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&d), JPOOL_IMAGE, d.output_width * 3, 1);

    jpeg_create_compress(&c);
    jpeg_mem_dest(&c, out, out_size);
    c.image_width = d.output_width;
    c.image_height = d.output_height;
    c.input_components = 3;
    c.in_color_space = JCS_RGB;
    jpeg_set_defaults(&c);
    jpeg_set_quality(&c, 88, TRUE);
    jpeg_start_compress(&c, TRUE);
    while (d.output_scanline < d.output_height) {
        jpeg_read_scanlines(&d, row, 1);
        jpeg_write_scanlines(&c, row, 1);
    }
    // Checked before the end: a file whose rows are all there but whose EOI is missing is fine.
    bool rows_complete = !err.cut_short;
    jpeg_finish_compress(&c);
    jpeg_destroy_compress(&c);
    jpeg_finish_decompress(&d);
    jpeg_destroy_decompress(&d);
    return rows_complete;
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


// The header of an image no larger than a photo may be, or nothing.
std::optional<image::Header> photo_header(const std::string& bytes)
{
    auto probe = image::read_header(bytes);
    auto* h = std::get_if<image::Header>(&probe);
    if (!h || h->width > max_photo_side || h->height > max_photo_side)
        return std::nullopt;
    return *h;
}

}

std::string reencode_jpeg(const std::string& bytes)
{
    auto h = photo_header(bytes);
    if (!h || h->format != image::Format::Jpeg)
        return {};
    unsigned char* out = nullptr;
    unsigned long size = 0;
    bool ok = jpeg_roundtrip(bytes, &out, &size);
    std::string result = ok && out ? std::string(reinterpret_cast<char*>(out), size) : std::string();
    std::free(out);
    return result;
}

std::string reencode_png(const std::string& bytes)
{
    auto h = photo_header(bytes);
    if (!h || h->format != image::Format::Png)
        return {};
    PngReader reader { &bytes };
    cairo_surface_t* s = cairo_image_surface_create_from_png_stream(read_png, &reader);
    std::string out;
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || cairo_surface_write_to_png_stream(s, write_png, &out) != CAIRO_STATUS_SUCCESS)
        out.clear();
    cairo_surface_destroy(s);
    return out;
}

Result<std::string> DecodeGate::run(const std::function<std::string()>& decode)
{
    if (!m_slots.try_acquire_for(m_wait))
        return Error { .code = ErrorCode::Unavailable, .detail_key = "error.decoders_busy.detail", .retry_after_seconds = decode_retry_after_seconds,
            .log_message = "every image decoder stayed busy; upload refused" };
    struct Release {
        std::counting_semaphore<>& slots;
        ~Release() { slots.release(); }
    } release { m_slots };
    return decode();
}

DecodeGate& decode_gate()
{
    static DecodeGate gate(max_concurrent_decodes, decode_wait);
    return gate;
}

namespace {

std::string_view type_name(const std::string& content_type) { return content_type == "image/jpeg" ? "JPEG" : content_type == "image/png" ? "PNG" : "PDF"; }

// The type the content is, by its signature; empty when none of the accepted ones.
std::string content_type_of(const std::string& b)
{
    return is_jpeg(b) ? "image/jpeg" : is_png(b) ? "image/png" : is_pdf(b) ? "application/pdf" : "";
}

// A declared PNG, JPEG or PDF must be what the content is; a generic type says nothing.
Status check_declared(std::string_view declared, const std::string& actual)
{
    std::string type;
    for (char ch : declared.substr(0, declared.find(';')))
        if (ch != ' ' && ch != '\t')
            type += char(std::tolower(static_cast<unsigned char>(ch)));
    bool specific = type == "image/jpeg" || type == "image/png" || type == "application/pdf";
    if (specific && !actual.empty() && type != actual)
        return Error::field("file", "type_mismatch", { { "declared", type_name(type) }, { "actual", type_name(actual) } });
    return Ok {};
}

// The header's verdict on an image: fine, damaged (cut off, inconsistent) or too large.
Result<image::Header> checked_header(const std::string& bytes, const char* not_image_code)
{
    auto probe = image::read_header(bytes);
    if (auto* fault = std::get_if<image::HeaderFault>(&probe))
        return Error::field("file", *fault == image::HeaderFault::NotAnImage ? not_image_code : "image_damaged");
    return std::get<image::Header>(probe);
}

Result<File> accept_photo(const std::string& bytes)
{
    auto h = TRY(checked_header(bytes, "not_photo"));
    if (h.width > max_photo_side || h.height > max_photo_side)
        return Error::field("file", "photo_too_large", { { "width", h.width }, { "height", h.height }, { "max", max_photo_side } });
    bool png = h.format == image::Format::Png;
    auto out = TRY(decode_gate().run([&] { return png ? reencode_png(bytes) : reencode_jpeg(bytes); }));
    if (out.empty())
        return Error::field("file", "image_damaged");
    return File { png ? "image/png" : "image/jpeg", std::move(out) };
}

Result<File> accept_document(const std::string& bytes, const std::string& type)
{
    if (type.empty())
        return Error::field("file", "not_document");
    if (type != "application/pdf") {
        auto h = TRY(checked_header(bytes, "not_document"));
        if (image::pixels(h) > max_scan_pixels)
            return Error::field("file", "scan_too_large",
                { { "width", h.width }, { "height", h.height }, { "max_megapixels", int64_t(max_scan_pixels / 1'000'000) } });
    }
    return File { type, bytes };
}

}

Result<File> accept(const std::string& kind, const std::string& bytes, std::string_view declared_type)
{
    if (bytes.size() > max_file_bytes)
        return Error::field("file", "too_large", { { "max", int64_t(max_file_bytes) } });
    auto actual = content_type_of(bytes);
    TRY(check_declared(declared_type, actual));
    if (kind == "photo")
        return accept_photo(bytes);
    return accept_document(bytes, actual);
}

}
