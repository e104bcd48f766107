#include "docs/csv_writer.hpp"
#include "modules/people/csv.hpp"
#include <gtest/gtest.h>

using namespace kenes;
using docs::csv_text_field;
using docs::CsvWriter;

TEST(CsvWriter, StartsWithBomAndEndsRowsWithCrlf)
{
    CsvWriter w;
    EXPECT_EQ(w.str(), "\xEF\xBB\xBF");
    w.row({ "student_number", "full_name" }).text("S1").text("Әлия Сәрсенова").end_row();
    EXPECT_EQ(w.take(), "\xEF\xBB\xBFstudent_number;full_name\r\nS1;Әлия Сәрсенова\r\n");
}

TEST(CsvWriter, QuotesDelimitersQuotesAndLineBreaks)
{
    EXPECT_EQ(csv_text_field("plain"), "plain");
    EXPECT_EQ(csv_text_field(""), "");
    EXPECT_EQ(csv_text_field("Иванов; Пётр"), "\"Иванов; Пётр\"");
    EXPECT_EQ(csv_text_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_text_field("\""), "\"\"\"\"");
    EXPECT_EQ(csv_text_field("a\r\nb"), "\"a\r\nb\"");
    EXPECT_EQ(csv_text_field("a\nb"), "\"a\nb\"");
    // A comma needs no quotes with `;` between fields, but a program guessing the delimiter may
    // take it for one.
    EXPECT_EQ(csv_text_field("Алматы, 2026"), "\"Алматы, 2026\"");
}

TEST(CsvWriter, NeutralisesFormulasWithAnApostropheInsideQuotes)
{
    EXPECT_EQ(csv_text_field("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    EXPECT_EQ(csv_text_field("+1"), "\"'+1\"");
    EXPECT_EQ(csv_text_field("-1"), "\"'-1\"");
    EXPECT_EQ(csv_text_field("@SUM(1)"), "\"'@SUM(1)\"");
    EXPECT_EQ(csv_text_field("\tcmd"), "\"'\tcmd\"");
    EXPECT_EQ(csv_text_field("\r=1"), "\"'\r=1\"");
    // Only the first character counts: text with a formula character inside is left alone.
    EXPECT_EQ(csv_text_field("Әли-Ахмет"), "Әли-Ахмет");
    EXPECT_EQ(csv_text_field("a=b"), "a=b");
    EXPECT_EQ(csv_text_field(" =1"), " =1");
    EXPECT_EQ(csv_text_field("'quoted"), "'quoted");
}

TEST(CsvWriter, ProgramNumbersAreNotText)
{
    CsvWriter w;
    w.number(-5).number(0).number(INT64_MAX).text("-5").end_row();
    EXPECT_EQ(w.take(), "\xEF\xBB\xBF-5;0;9223372036854775807;\"'-5\"\r\n");
}

TEST(CsvWriter, RoundTripsThroughTheRosterParserWithTheSameColumns)
{
    std::vector<std::string> hostile { "Иванов;Пётр", "a \"quoted\" name", "=HYPERLINK(\"http://x\",\"y\")", "+1", "@SUM(1)", "\tTab", "two\r\nlines", "", "ok" };
    CsvWriter w;
    w.row({ "n", "value", "code" });
    for (size_t i = 0; i < hostile.size(); ++i)
        w.number(int64_t(i)).text(hostile[i]).text("CODE").end_row();
    auto decoded = people::csv::decode(w.str());
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded->encoding, people::csv::Encoding::Utf8);
    EXPECT_EQ(people::csv::detect_delimiter(decoded->text), ';');
    auto records = people::csv::parse(decoded->text, ';');
    ASSERT_TRUE(records.ok());
    ASSERT_EQ(records->size(), hostile.size() + 1);
    for (size_t i = 0; i < hostile.size(); ++i) {
        auto& fields = (*records)[i + 1].fields;
        ASSERT_EQ(fields.size(), 3u) << i;
        EXPECT_EQ(fields[0], std::to_string(i));
        bool formula = !hostile[i].empty() && std::string("=+-@\t\r").find(hostile[i][0]) != std::string::npos;
        EXPECT_EQ(fields[1], (formula ? "'" : "") + hostile[i]) << i;
        EXPECT_EQ(fields[2], "CODE");
    }
}
