#pragma once
// Spreadsheets (libxlsxwriter): named sheets of rows, the first row bold as a header.
#include <string>
#include <vector>

namespace kenes::docs {

struct Sheet {
    std::string name;
    std::vector<std::vector<std::string>> rows;   // numeric-looking cells are written as numbers
};

std::string xlsx(const std::vector<Sheet>&);

// Excel allows 31 characters in a sheet name, not bytes: a cut inside a two-byte Cyrillic letter
// makes workbook.xml invalid UTF-8 and the file corrupt. Cut at a character boundary.
std::string sheet_name(const std::string&);

}
