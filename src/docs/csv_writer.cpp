#include "docs/csv_writer.hpp"

namespace kenes::docs {

namespace {

constexpr std::string_view bom = "\xEF\xBB\xBF";

// The first characters with which a spreadsheet starts a formula or a DDE call (OWASP).
bool starts_like_formula(std::string_view v)
{
    return !v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r');
}

bool needs_quotes(std::string_view v) { return v.find_first_of(";,\"\r\n") != std::string_view::npos; }

}

std::string csv_text_field(std::string_view value)
{
    bool neutralise = starts_like_formula(value);
    if (!neutralise && !needs_quotes(value))
        return std::string(value);
    std::string out = "\"";
    if (neutralise)
        out += '\'';
    for (char c : value) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

CsvWriter::CsvWriter()
    : m_out(bom)
{
}

void CsvWriter::separate()
{
    if (m_row_started)
        m_out += ';';
    m_row_started = true;
}

CsvWriter& CsvWriter::text(std::string_view value)
{
    separate();
    m_out += csv_text_field(value);
    return *this;
}

CsvWriter& CsvWriter::number(int64_t value)
{
    separate();
    m_out += std::to_string(value);
    return *this;
}

CsvWriter& CsvWriter::end_row()
{
    m_out += "\r\n";
    m_row_started = false;
    return *this;
}

CsvWriter& CsvWriter::row(std::initializer_list<std::string_view> cells)
{
    for (auto c : cells)
        text(c);
    return end_row();
}

}
