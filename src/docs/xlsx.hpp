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

}
