#include "docs/xlsx.hpp"
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>
#include <xlsxwriter.h>

namespace kenes::docs {

static bool numeric(const std::string& s, double& out)
{
    if (s.empty() || s.size() > 15)
        return false;
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    return end && *end == '\0' && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-');
}

std::string sheet_name(const std::string& full)
{
    std::string name;
    size_t chars = 0;
    for (size_t i = 0; i < full.size() && chars < 31; ++chars) {
        auto lead = static_cast<unsigned char>(full[i]);
        size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        name.append(full, i, len);
        i += len;
    }
    return name;
}

std::string xlsx(const std::vector<Sheet>& sheets)
{
    // libxlsxwriter writes to a file; a private temporary one is read back and removed.
    char path[] = "/tmp/kenes-xlsx-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        throw std::runtime_error("cannot create a temporary file");
    close(fd);
    lxw_workbook* wb = workbook_new(path);
    if (!wb) {
        std::remove(path);
        throw std::runtime_error("cannot create a workbook");
    }
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    for (auto& sheet : sheets) {
        std::string name = sheet_name(sheet.name);
        lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
        for (size_t r = 0; r < sheet.rows.size(); ++r)
            for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
                double n;
                if (r > 0 && numeric(sheet.rows[r][c], n))
                    worksheet_write_number(ws, lxw_row_t(r), lxw_col_t(c), n, nullptr);
                else
                    worksheet_write_string(ws, lxw_row_t(r), lxw_col_t(c), sheet.rows[r][c].c_str(), r == 0 ? bold : nullptr);
            }
        worksheet_set_column(ws, 0, 0, 40, nullptr);
        worksheet_set_column(ws, 1, 10, 16, nullptr);
    }
    lxw_error err = workbook_close(wb);
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::remove(path);
    if (err != LXW_NO_ERROR)
        throw std::runtime_error(std::string("workbook: ") + lxw_strerror(err));
    return ss.str();
}

}
