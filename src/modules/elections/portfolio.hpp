#pragma once
// The candidate's portfolio files (ELEC-REG-1): checked by their content, not their name, and
// size-limited; the photo is decoded and encoded again, which drops whatever else the file
// carried (EXIF with GPS positions, trailing data).
#include "core/result.hpp"
#include <string>
#include <vector>

namespace kenes::elections::portfolio {

inline constexpr size_t max_file_bytes = 5 * 1024 * 1024;
inline constexpr int max_photo_side = 4096;

// photo, cv, consent (appendix 2, signed), transcript, recommendation.
const std::vector<std::string>& kinds();

struct File {
    std::string content_type;
    std::string bytes;
};
// A photo must be JPEG or PNG; the other documents PDF, JPEG or PNG (scans).
Result<File> accept(const std::string& kind, const std::string& bytes);
std::string extension(const std::string& content_type);

// Re-encoders, exposed for tests. Empty on undecodable input.
std::string reencode_jpeg(const std::string& bytes);
std::string reencode_png(const std::string& bytes);

}
