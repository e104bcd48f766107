#pragma once
// The candidate's portfolio files (ELEC-REG-1): checked by their content, not their name, and
// size-limited; the photo is decoded and encoded again, which drops whatever else the file
// carried (EXIF with GPS positions, trailing data).
//
// Decoding is the expensive part: a decoder allocates the whole image before the first row, so
// the dimensions are read from the header (docs/image_header.hpp) and refused before any decode,
// and at most `max_concurrent_decodes` photos are decoded at once in the process.
#include "core/result.hpp"
#include <chrono>
#include <cstdint>
#include <functional>
#include <semaphore>
#include <string>
#include <string_view>
#include <vector>

namespace kenes::elections::portfolio {

inline constexpr size_t max_file_bytes = 5 * 1024 * 1024;
// A decoded photo: at most 4096 px a side (16.8 megapixels; a 12 MP phone photo is 4032x3024).
// Decoded as RGBA that is at most 64 MiB.
inline constexpr uint32_t max_photo_side = 4096;
// Scans among the documents are stored as sent and never decoded here; they are still limited so
// that a commission member's viewer is not handed a decompression bomb (A4 at 600 dpi is 35 MP).
inline constexpr uint64_t max_scan_pixels = 40'000'000;
// libjpeg keeps every coefficient of a progressive JPEG: 96 MiB for 4096x4096 without chroma
// subsampling. Its allocator refuses more than this instead of asking the system.
inline constexpr long max_jpeg_decoder_bytes = 128L * 1024 * 1024;
// Photos decoded at once in this process; the others wait for a slot up to `decode_wait`, then get
// 503. Two decodes peak near 2 x 100 MiB, which keeps a server within a few hundred MiB.
inline constexpr std::ptrdiff_t max_concurrent_decodes = 2;
inline constexpr std::chrono::milliseconds decode_wait { 10'000 };
inline constexpr int decode_retry_after_seconds = 5;

// photo, cv, consent (appendix 2, signed), transcript, recommendation.
const std::vector<std::string>& kinds();

struct File {
    std::string content_type;
    std::string bytes;
};
// A photo must be JPEG or PNG; the other documents PDF, JPEG or PNG (scans). `declared_type` is
// the request's Content-Type: when it names PNG, JPEG or PDF it must agree with the content
// (a PNG sent as image/jpeg is refused); other types (application/octet-stream) leave it to the
// content.
Result<File> accept(const std::string& kind, const std::string& bytes, std::string_view declared_type);
std::string extension(const std::string& content_type);

// Re-encoders, exposed for tests. Empty on undecodable input and on an image larger than
// max_photo_side, which they check in the header before decoding.
std::string reencode_jpeg(const std::string& bytes);
std::string reencode_png(const std::string& bytes);

// A counting semaphore with a bounded wait: runs a decode holding one of its slots, or answers
// 503 (ErrorCode::Unavailable with retry_after_seconds) when no slot frees up in time.
class DecodeGate {
public:
    DecodeGate(std::ptrdiff_t slots, std::chrono::milliseconds wait)
        : m_slots(slots)
        , m_wait(wait)
    {
    }
    Result<std::string> run(const std::function<std::string()>& decode);

private:
    std::counting_semaphore<> m_slots;
    std::chrono::milliseconds m_wait;
};

// The process-wide gate every photo decode goes through.
DecodeGate& decode_gate();

}
