#pragma once
// The one writer of CSV exports, the files people open in Excel:
// - UTF-8 with a byte order mark, without which Excel reads Kazakh and Russian letters as cp1251;
// - `;` between fields, which Excel expects in the Kazakh and Russian locales (where `,` is the
//   decimal separator), and CRLF after every row;
// - RFC 4180 quoting: a field holding ; , " CR or LF is quoted, its quotes doubled;
// - formula neutralisation (OWASP "CSV injection"): text starting with = + - @ TAB or CR is
//   written as '<text> inside quotes, so a spreadsheet shows it instead of evaluating it; a name
//   like =HYPERLINK("http://x","y") next to other voters' codes stays a name.
// Numbers the program computed are written with number(): a numeric type cannot carry a formula,
// and a leading apostrophe would turn -5 into text in the spreadsheet. Anything a person typed,
// even if it looks like a number ("-5", "+7 701 ..."), is text and goes through text().
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace kenes::docs {

class CsvWriter {
public:
    CsvWriter();

    // One cell of text that people wrote (names, numbers they typed); valid UTF-8 expected.
    CsvWriter& text(std::string_view value);
    // One cell holding a number the program computed.
    CsvWriter& number(int64_t value);
    // Ends the current row (CRLF).
    CsvWriter& end_row();
    // A whole row of text cells, e.g. the header.
    CsvWriter& row(std::initializer_list<std::string_view> cells);

    // The file so far: the BOM, then every ended row.
    const std::string& str() const { return m_out; }
    std::string take() { return std::move(m_out); }

private:
    void separate();

    std::string m_out;
    bool m_row_started = false;
};

// One text field as the writer puts it in the file, exposed for tests.
std::string csv_text_field(std::string_view value);

inline constexpr std::string_view csv_media_type = "text/csv; charset=utf-8";

}
