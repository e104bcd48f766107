#pragma once
// Roster files saved as Excel workbooks (.xlsx): the first sheet read into the same records the
// CSV reader gives, so mapping, preview and import do not care which format was uploaded.
// The archive comes from an untrusted upload: every inflated part is bounded, so a small "zip
// bomb" is refused with a clear error instead of exhausting memory.
#include "core/result.hpp"
#include "modules/people/csv.hpp"
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kenes::people::xlsx {

struct Limits {
    size_t max_part_bytes = 32u << 20;    // one inflated XML part (the sheet, the shared strings)
    size_t max_total_bytes = 64u << 20;   // all inflated parts together
    size_t max_rows = 20000;              // a whole university's roster fits many times over
    size_t max_columns = 256;
    size_t max_shared_strings = 1'000'000;
};

// An XLSX is a ZIP archive: it starts with a local file header.
bool looks_like_xlsx(std::string_view bytes);

// Records of the first sheet: records[0] is the header row (title rows merged across the sheet
// above it are skipped), each record's line is the sheet's row number, empty rows are left out,
// empty cells are "". Dates formatted as dates come out as DD.MM.YYYY, as Excel shows them in
// kk/ru locales; other numbers as Excel writes them (integers without ".0").
Result<std::vector<csv::Record>> read_first_sheet(std::string_view bytes, const Limits& = {});

// An Excel serial day number as DD.MM.YYYY. Excel's 1900 system counts 1900-02-29, a day that
// never was (kept from Lotus 1-2-3): serial 60 comes out as "29.02.1900" so that the roster's
// date check says the date does not exist; serials after it are one day off and corrected.
std::string serial_date(double serial, bool date1904);

// Whether a number format shows a date: the built-in date formats, or a custom code with day,
// month or year letters outside quoted text, escapes and [colour]/[$-locale] brackets.
bool is_date_format(int format_id, std::string_view format_code);

// "AB12" -> 27 (zero-based column index); nullopt for anything that is not a cell reference.
std::optional<size_t> column_of(std::string_view cell_ref);

}
