#include "modules/people/xlsx_reader.hpp"
#include <zip.h>
#include <expat.h>
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>

namespace kenes::people::xlsx {

namespace {

Error file_error(std::string key, boost::json::object params = {})
{
    return Error { ErrorCode::Validation, {}, {}, {}, { FieldError { "file", "invalid", std::move(params), {}, {}, std::move(key) } } };
}

Error damaged() { return file_error("import.xlsx_damaged"); }

// Element and attribute names without a namespace prefix: some writers spell <x:row>.
std::string_view local(const char* name)
{
    std::string_view s(name);
    auto colon = s.rfind(':');
    return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

const char* attribute(const char** attrs, std::string_view name)
{
    for (size_t i = 0; attrs[i]; i += 2)
        if (local(attrs[i]) == name)
            return attrs[i + 1];
    return nullptr;
}

// Runs expat over one XML part with callbacks; a DOCTYPE is refused (OOXML never has one, and
// entity definitions are how XML bombs start). Returns false when the XML is malformed or a
// callback stopped the parse.
struct Sax {
    std::function<void(std::string_view, const char**)> start = [](auto, auto) {};
    std::function<void(std::string_view)> end = [](auto) {};
    std::function<void(std::string_view)> text = [](auto) {};
    bool stopped = false;
    XML_Parser parser = nullptr;

    void stop()
    {
        stopped = true;
        XML_StopParser(parser, XML_FALSE);
    }

    bool run(std::string_view xml)
    {
        std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> p(XML_ParserCreate("UTF-8"), &XML_ParserFree);
        parser = p.get();
        XML_SetUserData(parser, this);
        XML_SetElementHandler(
            parser, [](void* self, const char* name, const char** attrs) { static_cast<Sax*>(self)->start(local(name), attrs); },
            [](void* self, const char* name) { static_cast<Sax*>(self)->end(local(name)); });
        XML_SetCharacterDataHandler(parser, [](void* self, const char* s, int n) { static_cast<Sax*>(self)->text(std::string_view(s, size_t(n))); });
        XML_SetStartDoctypeDeclHandler(parser, [](void* self, const char*, const char*, const char*, int) { static_cast<Sax*>(self)->stop(); });
        bool ok = XML_Parse(parser, xml.data(), int(xml.size()), XML_TRUE) == XML_STATUS_OK;
        parser = nullptr;
        return ok && !stopped;
    }
};

class Archive {
public:
    Archive(const Limits& limits) : m_limits(limits) {}
    ~Archive()
    {
        if (m_zip)
            zip_discard(m_zip);
    }

    bool open(std::string_view bytes)
    {
        zip_error_t err;
        zip_error_init(&err);
        zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
        if (!src)
            return false;
        m_zip = zip_open_from_source(src, ZIP_RDONLY, &err);
        if (!m_zip)
            zip_source_free(src);
        zip_error_fini(&err);
        return m_zip != nullptr;
    }

    // The inflated part, nullopt when absent; an error when it is damaged or over the limits.
    // The size in the archive's directory is checked first, then the inflated bytes are counted
    // as they come, because a crafted archive may state a size smaller than what it inflates to.
    Result<std::optional<std::string>> read(const std::string& name)
    {
        zip_int64_t index = zip_name_locate(m_zip, name.c_str(), ZIP_FL_NOCASE);
        if (index < 0)
            return std::optional<std::string> {};
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(m_zip, zip_uint64_t(index), 0, &st) != 0)
            return damaged();
        if ((st.valid & ZIP_STAT_SIZE) && (st.size > m_limits.max_part_bytes || m_total + st.size > m_limits.max_total_bytes))
            return too_large();
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> f(zip_fopen_index(m_zip, zip_uint64_t(index), 0), &zip_fclose);
        if (!f)
            return damaged();
        std::string out;
        char buf[64 * 1024];
        for (;;) {
            zip_int64_t n = zip_fread(f.get(), buf, sizeof buf);
            if (n < 0)
                return damaged();
            if (n == 0)
                break;
            out.append(buf, size_t(n));
            if (out.size() > m_limits.max_part_bytes || m_total + out.size() > m_limits.max_total_bytes)
                return too_large();
        }
        m_total += out.size();
        return std::optional<std::string> { std::move(out) };
    }

private:
    Error too_large() const { return file_error("import.xlsx_too_large", { { "max_mb", int64_t(m_limits.max_part_bytes >> 20) } }); }

    const Limits& m_limits;
    zip_t* m_zip = nullptr;
    size_t m_total = 0;
};

// The path of the first sheet: workbook.xml names the sheets in tab order with a relationship
// id, and its .rels file maps that id to a part. Falls back to the conventional name.
struct Workbook {
    std::string first_sheet = "xl/worksheets/sheet1.xml";
    bool date1904 = false;
};

Workbook read_workbook(const std::optional<std::string>& workbook, const std::optional<std::string>& rels)
{
    Workbook wb;
    std::string rid;
    if (workbook) {
        Sax sax;
        sax.start = [&](std::string_view name, const char** attrs) {
            if (name == "workbookPr") {
                if (auto v = attribute(attrs, "date1904"))
                    wb.date1904 = std::string_view(v) == "1" || std::string_view(v) == "true";
            } else if (name == "sheet" && rid.empty()) {
                if (auto v = attribute(attrs, "id"))
                    rid = v;
            }
        };
        sax.run(*workbook);
    }
    if (rels && !rid.empty()) {
        Sax sax;
        sax.start = [&](std::string_view name, const char** attrs) {
            auto id = attribute(attrs, "Id");
            auto target = attribute(attrs, "Target");
            if (name != "Relationship" || !id || !target || rid != id)
                return;
            std::string t(target);
            // Targets are relative to xl/ unless absolute within the package.
            wb.first_sheet = t.starts_with('/') ? t.substr(1) : "xl/" + t;
        };
        sax.run(*rels);
    }
    return wb;
}

Result<std::vector<std::string>> read_shared_strings(const std::optional<std::string>& xml, const Limits& limits)
{
    std::vector<std::string> strings;
    if (!xml)
        return strings;
    Sax sax;
    bool in_si = false, in_t = false, too_many = false;
    int phonetic = 0;   // <rPh> holds a reading guide for East Asian text, not the value
    sax.start = [&](std::string_view name, const char**) {
        if (name == "si") {
            if (strings.size() >= limits.max_shared_strings) {
                too_many = true;
                sax.stop();
                return;
            }
            in_si = true;
            strings.emplace_back();
        } else if (name == "rPh")
            ++phonetic;
        else if (name == "t")
            in_t = true;
    };
    sax.end = [&](std::string_view name) {
        if (name == "si")
            in_si = false;
        else if (name == "rPh")
            --phonetic;
        else if (name == "t")
            in_t = false;
    };
    sax.text = [&](std::string_view s) {
        if (in_si && in_t && phonetic == 0)
            strings.back().append(s);
    };
    if (!sax.run(*xml))
        return too_many ? file_error("import.xlsx_too_large", { { "max_mb", int64_t(limits.max_part_bytes >> 20) } }) : damaged();
    return strings;
}

// Which cell styles (indexes into cellXfs) show numbers as dates.
std::vector<bool> read_date_styles(const std::optional<std::string>& xml)
{
    std::vector<bool> dates;
    if (!xml)
        return dates;
    std::map<int, std::string> custom;
    std::vector<int> xf_formats;
    bool in_cell_xfs = false;
    Sax sax;
    auto int_attr = [](const char** attrs, std::string_view name) {
        int v = 0;
        if (auto s = attribute(attrs, name))
            std::from_chars(s, s + std::char_traits<char>::length(s), v);
        return v;
    };
    sax.start = [&](std::string_view name, const char** attrs) {
        if (name == "numFmt") {
            if (auto code = attribute(attrs, "formatCode"))
                custom[int_attr(attrs, "numFmtId")] = code;
        } else if (name == "cellXfs")
            in_cell_xfs = true;
        else if (name == "xf" && in_cell_xfs)
            xf_formats.push_back(int_attr(attrs, "numFmtId"));
    };
    sax.end = [&](std::string_view name) {
        if (name == "cellXfs")
            in_cell_xfs = false;
    };
    sax.run(*xml);
    for (int id : xf_formats) {
        auto it = custom.find(id);
        dates.push_back(is_date_format(id, it == custom.end() ? std::string_view {} : std::string_view(it->second)));
    }
    return dates;
}

// "12345" stays; "12345.0" and "1.2345E4" become "12345"; fractions keep Excel's digits.
std::string number_text(std::string_view raw)
{
    double v = 0;
    auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), v);
    if (ec != std::errc() || p != raw.data() + raw.size())
        return std::string(raw);
    if (std::floor(v) == v && std::fabs(v) < 1e15) {
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, int64_t(v));
        return std::string(buf, r.ptr);
    }
    return std::string(raw);
}

struct MergedRange {
    size_t first_row, last_row, first_col, last_col;
};

std::optional<std::pair<size_t, size_t>> cell_position(std::string_view ref)
{
    auto col = column_of(ref);
    if (!col)
        return std::nullopt;
    size_t letters = 0;
    while (letters < ref.size() && std::isalpha(static_cast<unsigned char>(ref[letters])))
        ++letters;
    size_t row = 0;
    auto [p, ec] = std::from_chars(ref.data() + letters, ref.data() + ref.size(), row);
    if (ec != std::errc() || p != ref.data() + ref.size() || row == 0)
        return std::nullopt;
    return std::pair { row, *col };
}

}

bool looks_like_xlsx(std::string_view bytes) { return bytes.starts_with(std::string_view("PK\x03\x04", 4)); }

std::optional<size_t> column_of(std::string_view ref)
{
    size_t col = 0, letters = 0;
    for (char c : ref) {
        if (c >= 'a' && c <= 'z')
            c = char(c - 'a' + 'A');
        if (c < 'A' || c > 'Z')
            break;
        if (++letters > 3)   // XFD, column 16384, is the last one Excel has
            return std::nullopt;
        col = col * 26 + size_t(c - 'A' + 1);
    }
    if (letters == 0)
        return std::nullopt;
    return col - 1;
}

bool is_date_format(int id, std::string_view code)
{
    // Built-in: 14-17 dates, 22 date and time, 27-36 and 50-58 East Asian dates; 18-21 and
    // 45-47 are times of day, not dates.
    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
        return true;
    bool quoted = false, bracket = false, escaped = false;
    for (char c : code) {
        if (escaped) {
            escaped = false;
            continue;
        }
        if (quoted) {
            quoted = c != '"';
            continue;
        }
        if (bracket) {
            bracket = c != ']';
            continue;
        }
        if (c == '\\')
            escaped = true;
        else if (c == '"')
            quoted = true;
        else if (c == '[')
            bracket = true;
        else if (c == 'd' || c == 'D' || c == 'y' || c == 'Y')
            return true;   // "m" alone may be minutes (h:mm): without a day or a year it is no date
    }
    return false;
}

std::string serial_date(double serial, bool date1904)
{
    using namespace std::chrono;
    auto days = int64_t(std::floor(serial));
    char buf[16];
    if (!date1904 && days == 60) {
        std::snprintf(buf, sizeof buf, "29.02.1900");
        return buf;
    }
    sys_days base = date1904 ? sys_days(year { 1904 } / January / 1) : sys_days(year { 1899 } / December / 31);
    if (!date1904 && days > 60)
        --days;   // the fictitious 1900-02-29 counted by Excel
    year_month_day d { base + std::chrono::days(days) };
    std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", unsigned(d.day()), unsigned(d.month()), int(d.year()));
    return buf;
}

Result<std::vector<csv::Record>> read_first_sheet(std::string_view bytes, const Limits& limits)
{
    Archive zip(limits);
    if (!looks_like_xlsx(bytes) || !zip.open(bytes))
        return damaged();
    auto workbook_xml = TRY(zip.read("xl/workbook.xml"));
    auto rels_xml = TRY(zip.read("xl/_rels/workbook.xml.rels"));
    auto wb = read_workbook(workbook_xml, rels_xml);
    auto sheet_xml = TRY(zip.read(wb.first_sheet));
    if (!sheet_xml)
        return damaged();
    auto shared = TRY(read_shared_strings(TRY(zip.read("xl/sharedStrings.xml")), limits));
    auto date_styles = read_date_styles(TRY(zip.read("xl/styles.xml")));

    // Rows by sheet row number; cells by column.
    std::map<size_t, std::map<size_t, std::string>> rows;
    std::vector<MergedRange> merged;
    size_t current_row = 0, next_row = 1, current_col = 0, next_col = 0;
    std::string type, value;
    int style = 0;
    bool in_value = false, in_inline_text = false, bad = false;
    std::optional<Error> limit_error;
    Sax sax;
    sax.start = [&](std::string_view name, const char** attrs) {
        if (name == "row") {
            current_row = next_row;
            if (auto r = attribute(attrs, "r"))
                std::from_chars(r, r + std::char_traits<char>::length(r), current_row);
            next_row = current_row + 1;
            next_col = 0;
            if (rows.size() >= limits.max_rows + 1) {   // + the header
                limit_error = file_error("import.too_many_rows", { { "max", int64_t(limits.max_rows) } });
                sax.stop();
            }
        } else if (name == "c") {
            current_col = next_col;
            if (auto r = attribute(attrs, "r")) {
                auto pos = cell_position(r);
                if (!pos) {
                    bad = true;
                    sax.stop();
                    return;
                }
                current_col = pos->second;
            }
            next_col = current_col + 1;
            auto t = attribute(attrs, "t");
            type = t ? t : "n";
            style = 0;
            if (auto s = attribute(attrs, "s"))
                std::from_chars(s, s + std::char_traits<char>::length(s), style);
            value.clear();
        } else if (name == "v")
            in_value = true;
        else if (name == "t" && type == "inlineStr")
            in_inline_text = true;
        else if (name == "mergeCell") {
            std::string_view ref = attribute(attrs, "ref") ? attribute(attrs, "ref") : "";
            auto colon = ref.find(':');
            auto a = cell_position(ref.substr(0, colon)), b = colon == std::string_view::npos ? a : cell_position(ref.substr(colon + 1));
            if (a && b)
                merged.push_back({ a->first, b->first, a->second, b->second });
        }
    };
    sax.text = [&](std::string_view s) {
        if (in_value || in_inline_text)
            value.append(s);
    };
    sax.end = [&](std::string_view name) {
        if (name == "v")
            in_value = false;
        else if (name == "t")
            in_inline_text = false;
        else if (name == "c") {
            std::string text;
            if (type == "s") {
                size_t i = 0;
                auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), i);
                if (ec != std::errc() || i >= shared.size()) {
                    bad = true;
                    sax.stop();
                    return;
                }
                text = shared[i];
            } else if (type == "n" && !value.empty()) {
                double serial = 0;
                auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), serial);
                bool is_date = ec == std::errc() && size_t(style) < date_styles.size() && date_styles[size_t(style)];
                text = is_date ? serial_date(serial, wb.date1904) : number_text(value);
            } else if (type == "d")
                text = value.substr(0, 10);   // ISO 8601; the time of day does not matter here
            else if (type == "b")
                text = value == "1" ? "1" : "0";
            else
                text = value;   // str (a formula's text), inlineStr, e (an error such as #N/A)
            if (text.empty())
                return;
            if (current_col >= limits.max_columns) {
                limit_error = file_error("import.too_many_columns", { { "max", int64_t(limits.max_columns) } });
                sax.stop();
                return;
            }
            rows[current_row][current_col] = std::move(text);
        }
    };
    bool ok = sax.run(*sheet_xml);
    if (limit_error)
        return *limit_error;
    if (!ok || bad)
        return damaged();

    // Title rows above the header ("Список группы ИС-21" merged across the columns) are skipped:
    // a row whose only value sits in a range merged over several columns.
    auto is_title = [&](size_t row_number, const std::map<size_t, std::string>& cells) {
        if (cells.size() != 1)
            return false;
        size_t col = cells.begin()->first;
        return std::any_of(merged.begin(), merged.end(), [&](const MergedRange& m) {
            return m.first_row <= row_number && row_number <= m.last_row && m.first_col == col && m.last_col > m.first_col;
        });
    };
    while (!rows.empty() && is_title(rows.begin()->first, rows.begin()->second))
        rows.erase(rows.begin());

    size_t width = 0;
    for (auto& [n, cells] : rows)
        width = std::max(width, cells.rbegin()->first + 1);
    std::vector<csv::Record> records;
    records.reserve(rows.size());
    for (auto& [n, cells] : rows) {
        csv::Record rec { int64_t(n), std::vector<std::string>(width) };
        for (auto& [col, text] : cells)
            rec.fields[col] = std::move(text);
        records.push_back(std::move(rec));
    }
    return records;
}

}
