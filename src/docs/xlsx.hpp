#pragma once
// Spreadsheets (libxlsxwriter): named sheets of rows, the first row bold as a header.
#include <string>
#include <vector>

namespace kenes::docs {

struct Sheet {
    std::string name;
    // Below the header, numeric-looking cells are written as numbers and ISO dates (YYYY-MM-DD)
    // as dates: serial numbers in the short-date format, which Excel shows in the reader's locale.
    std::vector<std::vector<std::string>> rows;
};

std::string xlsx(const std::vector<Sheet>&);

// Excel allows 31 characters in a sheet name, not bytes: a cut inside a two-byte Cyrillic letter
// makes workbook.xml invalid UTF-8 and the file corrupt. Cut between user-perceived characters
// (grapheme clusters: a letter and its combining marks stay together); the characters Excel
// forbids ([ ] : * ? / \) become spaces, and an empty name becomes "Sheet".
std::string sheet_name(const std::string&);

// The names of a workbook's sheets: each sheet_name(), and distinct (Excel compares them ignoring
// case): a repeated name is cut shorter and numbered, "Name (2)".
std::vector<std::string> sheet_names(const std::vector<std::string>&);

}
