#include "docs/xlsx.hpp"
#include "modules/people/xlsx_reader.hpp"
#include <gtest/gtest.h>
#include <fstream>
#include <functional>
#include <sstream>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

using namespace kenes;
using namespace kenes::people;

namespace {

std::string slurp_and_remove(const char* path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::remove(path);
    return ss.str();
}

// A workbook written by libxlsxwriter the way Excel users make rosters: a merged title row,
// dates formatted as dates, an empty cell; `inline_strings` writes strings in the cells
// (constant-memory mode) instead of the shared string table.
std::string roster_workbook(bool inline_strings)
{
    char path[] = "/tmp/kenes-xlsx-test-XXXXXX";
    close(mkstemp(path));
    lxw_workbook_options options { inline_strings ? LXW_TRUE : LXW_FALSE, nullptr, LXW_FALSE };
    lxw_workbook* wb = workbook_new_opt(path, &options);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Тізім");
    workbook_add_worksheet(wb, "Second");   // only the first sheet is read
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "dd.mm.yyyy");
    worksheet_merge_range(ws, 0, 0, 0, 3, "ИС-21 тобының тізімі", nullptr);
    const char* header[] = { "Аты-жөні", "Туған күні", "Билет", "Курс" };
    for (int c = 0; c < 4; ++c)
        worksheet_write_string(ws, 1, lxw_col_t(c), header[c], nullptr);
    worksheet_write_string(ws, 2, 0, "Сәрсенова Әлия Ерланқызы", nullptr);
    lxw_datetime born { 2008, 2, 5, 0, 0, 0 };
    worksheet_write_datetime(ws, 2, 1, &born, date);
    worksheet_write_number(ws, 2, 2, 20240017, nullptr);
    worksheet_write_number(ws, 2, 3, 2, nullptr);
    // row 4 (index 3) left empty; row 5 has no birth date
    worksheet_write_string(ws, 4, 0, "Тоқтаров Ерұлан", nullptr);
    worksheet_write_number(ws, 4, 3, 1.5, nullptr);
    workbook_close(wb);
    return slurp_and_remove(path);
}

// A ZIP archive with the given parts, written by libzip.
std::string zip_of(const std::vector<std::pair<std::string, std::string>>& parts)
{
    char path[] = "/tmp/kenes-zip-test-XXXXXX";
    close(mkstemp(path));
    int err = 0;
    zip_t* z = zip_open(path, ZIP_TRUNCATE, &err);
    for (auto& [name, content] : parts) {
        zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
        zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE);
    }
    zip_close(z);
    return slurp_and_remove(path);
}

const std::string workbook_xml = R"(<?xml version="1.0"?><workbook xmlns:r="r"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>)";
const std::string rels_xml = R"(<?xml version="1.0"?><Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>)";

std::string sheet_with_rows(size_t rows)
{
    std::string xml = R"(<?xml version="1.0"?><worksheet><sheetData>)";
    for (size_t r = 1; r <= rows; ++r)
        xml += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\" t=\"inlineStr\"><is><t>x" + std::to_string(r) + "</t></is></c></row>";
    return xml + "</sheetData></worksheet>";
}

}

TEST(RosterXlsx, SharedAndInlineStringsDatesNumbersEmptyCellsAndMergedTitle)
{
    for (bool inline_strings : { false, true }) {
        auto bytes = roster_workbook(inline_strings);
        ASSERT_TRUE(xlsx::looks_like_xlsx(bytes));
        auto r = xlsx::read_first_sheet(bytes);
        ASSERT_TRUE(r.ok()) << (r.ok() ? "" : r.error().fields.at(0).message_key);
        auto& records = r.value();
        ASSERT_EQ(records.size(), 3u) << "title row skipped, empty row left out";
        EXPECT_EQ(records[0].line, 2);
        EXPECT_EQ(records[0].fields, (std::vector<std::string> { "Аты-жөні", "Туған күні", "Билет", "Курс" }));
        EXPECT_EQ(records[1].line, 3);
        EXPECT_EQ(records[1].fields, (std::vector<std::string> { "Сәрсенова Әлия Ерланқызы", "05.02.2008", "20240017", "2" }));
        EXPECT_EQ(records[2].line, 5);   // the sheet's row number, as the user sees it in Excel
        EXPECT_EQ(records[2].fields, (std::vector<std::string> { "Тоқтаров Ерұлан", "", "", "1.5" }));
    }
}

TEST(RosterXlsx, TheProjectsOwnWriterReadsBack)
{
    auto bytes = docs::xlsx({ { "Roster", { { "Тегі", "Аты", "Номер" }, { "Омаров", "Ерлан", "00123" }, { "Ким", "Анна", "5" } } } });
    auto r = xlsx::read_first_sheet(bytes);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->size(), 3u);
    EXPECT_EQ(r.value()[1].fields, (std::vector<std::string> { "Омаров", "Ерлан", "123" }));   // written as a number by the writer
    EXPECT_EQ(r.value()[2].fields[2], "5");
}

TEST(RosterXlsx, ExcelSerialDatesWithThe1900LeapYearBug)
{
    EXPECT_EQ(xlsx::serial_date(1, false), "01.01.1900");
    EXPECT_EQ(xlsx::serial_date(59, false), "28.02.1900");
    EXPECT_EQ(xlsx::serial_date(60, false), "29.02.1900");   // a day that never was: the roster says so
    EXPECT_EQ(xlsx::serial_date(61, false), "01.03.1900");
    EXPECT_EQ(xlsx::serial_date(39483, false), "05.02.2008");
    EXPECT_EQ(xlsx::serial_date(39483.75, false), "05.02.2008");   // the time of day is dropped
    EXPECT_EQ(xlsx::serial_date(0, true), "01.01.1904");
    EXPECT_EQ(xlsx::serial_date(38021, true), "05.02.2008");
}

TEST(RosterXlsx, DateFormatsAreRecognised)
{
    EXPECT_TRUE(xlsx::is_date_format(14, ""));
    EXPECT_TRUE(xlsx::is_date_format(22, ""));
    EXPECT_FALSE(xlsx::is_date_format(20, ""));   // h:mm
    EXPECT_FALSE(xlsx::is_date_format(0, ""));
    EXPECT_TRUE(xlsx::is_date_format(164, "dd.mm.yyyy"));
    EXPECT_TRUE(xlsx::is_date_format(165, "[$-43F]d mmmm yyyy"));
    EXPECT_FALSE(xlsx::is_date_format(166, "0.00\" days\""));
    EXPECT_FALSE(xlsx::is_date_format(167, "[Red]0;[Blue]-0"));
    EXPECT_FALSE(xlsx::is_date_format(168, "h:mm"));
    EXPECT_EQ(xlsx::column_of("A1"), 0u);
    EXPECT_EQ(xlsx::column_of("AB12"), 27u);
    EXPECT_FALSE(xlsx::column_of("12"));
    EXPECT_FALSE(xlsx::column_of("ABCD1"));
}

TEST(RosterXlsx, ZipBombIsRefusedBeforeMemoryRunsOut)
{
    // 40 MiB of one repeated row deflates to a few hundred KiB, well under the upload limit.
    std::string row = "<row><c t=\"inlineStr\"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>";
    std::string sheet = R"(<?xml version="1.0"?><worksheet><sheetData>)";
    while (sheet.size() < (40u << 20))
        sheet += row;
    sheet += "</sheetData></worksheet>";
    auto bytes = zip_of({ { "xl/workbook.xml", workbook_xml }, { "xl/_rels/workbook.xml.rels", rels_xml }, { "xl/worksheets/sheet1.xml", sheet } });
    EXPECT_LT(bytes.size(), 2u << 20);
    auto r = xlsx::read_first_sheet(bytes);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().fields.at(0).field, "file");
    EXPECT_EQ(r.error().fields.at(0).message_key, "import.xlsx_too_large");
}

TEST(RosterXlsx, TooManyRowsAndDamagedFilesAreRefused)
{
    auto bytes = zip_of({ { "xl/workbook.xml", workbook_xml }, { "xl/_rels/workbook.xml.rels", rels_xml }, { "xl/worksheets/sheet1.xml", sheet_with_rows(7) } });
    xlsx::Limits small;   // 5 rows of students below the header
    small.max_rows = 5;
    auto refused = xlsx::read_first_sheet(bytes, small);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().fields.at(0).message_key, "import.too_many_rows");
    EXPECT_EQ(refused.error().fields.at(0).params.at("max").as_int64(), 5);
    auto fine = xlsx::read_first_sheet(bytes);
    ASSERT_TRUE(fine.ok());
    EXPECT_EQ(fine->size(), 7u);
    auto header_and_five = zip_of({ { "xl/workbook.xml", workbook_xml }, { "xl/_rels/workbook.xml.rels", rels_xml }, { "xl/worksheets/sheet1.xml", sheet_with_rows(6) } });
    EXPECT_TRUE(xlsx::read_first_sheet(header_and_five, small).ok());

    auto damaged = [](const std::string& b) {
        auto r = xlsx::read_first_sheet(b);
        return !r.ok() && r.error().fields.at(0).message_key == "import.xlsx_damaged";
    };
    EXPECT_TRUE(damaged(bytes.substr(0, bytes.size() / 2)));   // cut off
    EXPECT_TRUE(damaged("PK\x03\x04 not really a zip"));
    EXPECT_TRUE(damaged(zip_of({ { "hello.txt", "no workbook" } })));
    EXPECT_TRUE(damaged(zip_of({ { "xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c>" } })));   // malformed XML
    // An entity-expansion ("billion laughs") sheet is refused: OOXML never has a DOCTYPE.
    EXPECT_TRUE(damaged(zip_of({ { "xl/worksheets/sheet1.xml",
        R"(<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet><sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>)" } })));
    // A shared-string index past the table.
    EXPECT_TRUE(damaged(zip_of({ { "xl/worksheets/sheet1.xml", R"(<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>9</v></c></row></sheetData></worksheet>)" } })));
}
