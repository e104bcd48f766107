#pragma once
// Roster files as Excel exports them here: UTF-8 with or without BOM, or Windows-1251; comma or
// semicolon; RFC 4180 quoting (quoted fields may hold the delimiter, quotes and line breaks).
#include "core/result.hpp"
#include <string>
#include <string_view>
#include <vector>

namespace kenes::people::csv {

enum class Encoding { Utf8, Windows1251 };
std::string_view encoding_name(Encoding);

struct Decoded {
    std::string text;    // UTF-8, without BOM
    Encoding encoding;
};
// Valid UTF-8 (with or without BOM) is taken as UTF-8; anything else is read as Windows-1251.
Result<Decoded> decode(std::string_view bytes);

char detect_delimiter(std::string_view text);

struct Record {
    int64_t line;                    // 1-based line where the record starts
    std::vector<std::string> fields;
};
// Parses the whole text; blank lines are skipped. An unclosed quote is a 422 naming the line.
Result<std::vector<Record>> parse(std::string_view text, char delimiter);

}
