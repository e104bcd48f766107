#include "modules/people/csv.hpp"
#include "core/text.hpp"
#include <unicode/ucnv.h>

namespace kenes::people::csv {

std::string_view encoding_name(Encoding e) { return e == Encoding::Utf8 ? "utf-8" : "windows-1251"; }

Result<Decoded> decode(std::string_view bytes)
{
    if (bytes.starts_with("\xEF\xBB\xBF"))
        bytes.remove_prefix(3);
    if (text::valid_utf8(bytes))
        return Decoded { std::string(bytes), Encoding::Utf8 };
    UErrorCode status = U_ZERO_ERROR;
    std::string out(bytes.size() * 3 + 1, '\0');
    int32_t n = ucnv_convert("UTF-8", "windows-1251", out.data(), int32_t(out.size()), bytes.data(), int32_t(bytes.size()), &status);
    if (U_FAILURE(status))
        return Error { ErrorCode::Validation, {}, {}, {}, { FieldError { "file", "bad_encoding", {}, {}, {}, "import.bad_encoding" } } };
    out.resize(size_t(n));
    return Decoded { std::move(out), Encoding::Windows1251 };
}

char detect_delimiter(std::string_view text)
{
    size_t commas = 0, semicolons = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && c == '\n')
            break;
        else if (!quoted && c == ',')
            ++commas;
        else if (!quoted && c == ';')
            ++semicolons;
    }
    return semicolons > commas ? ';' : ',';
}

Result<std::vector<Record>> parse(std::string_view text, char delimiter)
{
    std::vector<Record> records;
    Record current { 1, {} };
    std::string field;
    bool quoted = false, field_started = false, record_has_content = false;
    int64_t line = 1;
    auto end_field = [&] {
        current.fields.push_back(std::move(field));
        field.clear();
        field_started = false;
    };
    auto end_record = [&] {
        end_field();
        bool blank = current.fields.size() == 1 && text::trim(current.fields[0]).empty();
        if (!blank)
            records.push_back(std::move(current));
        current = Record { line + 1, {} };
        record_has_content = false;
    };
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field.push_back('"');
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (c == '\n')
                    ++line;
                field.push_back(c);
            }
            continue;
        }
        if (c == '"' && !field_started) {
            quoted = true;
            field_started = true;
            record_has_content = true;
        } else if (c == delimiter) {
            end_field();
            record_has_content = true;
        } else if (c == '\r') {
            continue;
        } else if (c == '\n') {
            end_record();
            ++line;
        } else {
            field.push_back(c);
            field_started = true;
            record_has_content = true;
        }
    }
    if (quoted)
        return Error { ErrorCode::Validation, {}, {}, {}, { FieldError { "file", "bad_quotes", {}, current.line, {}, "import.bad_quotes" } } };
    if (record_has_content || !field.empty() || !current.fields.empty())
        end_record();
    return records;
}

}
