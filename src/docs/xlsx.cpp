#include "docs/xlsx.hpp"
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>
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

// A strict YYYY-MM-DD with a plausible month and day.
static bool iso_date(const std::string& s, lxw_datetime& out)
{
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (size_t i : { 0, 1, 2, 3, 5, 6, 8, 9 })
        if (!std::isdigit(static_cast<unsigned char>(s[i])))
            return false;
    int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    out = lxw_datetime { y, m, d, 0, 0, 0.0 };
    return true;
}

// The first `limit` grapheme clusters of `text`.
static icu::UnicodeString first_graphemes(const icu::UnicodeString& text, int32_t limit)
{
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status))
        return icu::UnicodeString(text, 0, text.moveIndex32(0, std::min(limit, text.countChar32())));
    it->setText(text);
    int32_t end = it->first();
    for (int32_t n = 0; n < limit; ++n) {
        int32_t next = it->next();
        if (next == icu::BreakIterator::DONE)
            break;
        end = next;
    }
    return icu::UnicodeString(text, 0, end);
}

static std::string to_utf8(const icu::UnicodeString& s)
{
    std::string out;
    s.toUTF8String(out);
    return out;
}

static std::string cut(const std::string& full, int32_t limit)
{
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(full);
    for (int32_t i = 0; i < text.length(); ++i) {
        char16_t ch = text.charAt(i);
        if (ch == '[' || ch == ']' || ch == ':' || ch == '*' || ch == '?' || ch == '/' || ch == '\\' || ch < 0x20)
            text.setCharAt(i, u' ');
    }
    text.trim();
    // Excel refuses a name that starts or ends with an apostrophe.
    while (text.length() && text.charAt(0) == u'\'')
        text.remove(0, 1);
    while (text.length() && text.charAt(text.length() - 1) == u'\'')
        text.truncate(text.length() - 1);
    text = first_graphemes(text, limit);
    text.trim();
    return to_utf8(text);
}

std::string sheet_name(const std::string& full)
{
    auto name = cut(full, 31);
    return name.empty() ? "Sheet" : name;
}

static std::string folded(const std::string& s)
{
    return to_utf8(icu::UnicodeString::fromUTF8(s).foldCase());
}

std::vector<std::string> sheet_names(const std::vector<std::string>& wanted)
{
    std::vector<std::string> names;
    std::set<std::string> taken;
    for (auto& w : wanted) {
        std::string name = sheet_name(w);
        for (int n = 2; taken.contains(folded(name)); ++n) {
            std::string suffix = " (" + std::to_string(n) + ")";
            name = cut(w.empty() ? "Sheet" : w, 31 - int32_t(suffix.size())) + suffix;
        }
        taken.insert(folded(name));
        names.push_back(name);
    }
    return names;
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
    // Built-in number format 14: the short date, shown in the reader's locale (dd.mm.yyyy in kk
    // and ru, m/d/yyyy in en-US).
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format_index(date, 14);
    std::vector<std::string> wanted;
    for (auto& sheet : sheets)
        wanted.push_back(sheet.name);
    auto names = sheet_names(wanted);
    for (size_t s = 0; s < sheets.size(); ++s) {
        auto& sheet = sheets[s];
        lxw_worksheet* ws = workbook_add_worksheet(wb, names[s].c_str());
        if (!ws) {
            workbook_close(wb);
            std::remove(path);
            throw std::runtime_error("workbook: the sheet name \"" + names[s] + "\" was refused");
        }
        for (size_t r = 0; r < sheet.rows.size(); ++r)
            for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
                double n;
                lxw_datetime day;
                if (r > 0 && iso_date(sheet.rows[r][c], day))
                    worksheet_write_datetime(ws, lxw_row_t(r), lxw_col_t(c), &day, date);
                else if (r > 0 && numeric(sheet.rows[r][c], n))
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
