#include "modules/people/csv.hpp"
#include "modules/people/roster.hpp"
#include <gtest/gtest.h>

using namespace kenes;
using namespace kenes::people;

TEST(RosterCsv, Utf8WithBomAndCommas)
{
    auto d = csv::decode("\xEF\xBB\xBFСтуденттік нөмір,Тегі,Аты\n1,Сәрсенова,Әлия\n");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->encoding, csv::Encoding::Utf8);
    EXPECT_EQ(csv::detect_delimiter(d->text), ',');
    auto r = csv::parse(d->text, ',');
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->size(), 2u);
    EXPECT_EQ(r.value()[0].fields[0], "Студенттік нөмір");
    EXPECT_EQ(r.value()[1].fields[1], "Сәрсенова");
}

TEST(RosterCsv, Windows1251AndSemicolons)
{
    // "Фамилия;Имя\r\nИванов;Пётр\r\n" in Windows-1251
    std::string bytes = "\xD4\xE0\xEC\xE8\xEB\xE8\xFF;\xC8\xEC\xFF\r\n\xC8\xE2\xE0\xED\xEE\xE2;\xCF\xB8\xF2\xF0\r\n";
    auto d = csv::decode(bytes);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->encoding, csv::Encoding::Windows1251);
    EXPECT_EQ(csv::detect_delimiter(d->text), ';');
    auto r = csv::parse(d->text, ';');
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value()[0].fields, (std::vector<std::string> { "Фамилия", "Имя" }));
    EXPECT_EQ(r.value()[1].fields, (std::vector<std::string> { "Иванов", "Пётр" }));
}

TEST(RosterCsv, QuotedFieldsKeepDelimitersQuotesAndLineBreaks)
{
    auto r = csv::parse("a;b\n\"x;y\";\"say \"\"hi\"\"\nthere\"\n\nlast;row\n", ';');
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->size(), 3u);
    EXPECT_EQ(r.value()[1].fields, (std::vector<std::string> { "x;y", "say \"hi\"\nthere" }));
    EXPECT_EQ(r.value()[1].line, 2);
    EXPECT_EQ(r.value()[2].line, 5);   // blank line 4 skipped, lines counted through the quoted break
}

TEST(RosterCsv, UnclosedQuoteNamesItsLine)
{
    auto r = csv::parse("a,b\n1,2\n3,\"open\n", ',');
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().fields.at(0).code, "bad_quotes");
    EXPECT_EQ(r.error().fields.at(0).line, 3);
}

TEST(RosterMapping, SuggestedFromKazakhRussianAndEnglishHeaders)
{
    auto m = roster::suggest_mapping({ "Тегі", "Аты", "Әкесінің аты", "Студенттік нөмір", "Топ", "Туған күні" });
    EXPECT_EQ(m.at("surname"), 0u);
    EXPECT_EQ(m.at("name"), 1u);
    EXPECT_EQ(m.at("patronymic"), 2u);
    EXPECT_EQ(m.at("student_number"), 3u);
    EXPECT_EQ(m.at("group"), 4u);
    EXPECT_EQ(m.at("birth_date"), 5u);
    auto ru = roster::suggest_mapping({ "ФАМИЛИЯ", "Имя", "Отчество", "Номер студента", "Группа", "Телефон родителя" });
    EXPECT_EQ(ru.at("surname"), 0u);
    EXPECT_EQ(ru.at("rep1_phone"), 5u);
    auto en = roster::suggest_mapping({ "Student ID", "Last name", "First name" });
    EXPECT_EQ(en.at("student_number"), 0u);
    EXPECT_EQ(en.at("surname"), 1u);
    EXPECT_EQ(en.at("name"), 2u);
    EXPECT_EQ(roster::check_mapping({ { "surname", 0 } }, 3).size(), 2u);   // student_number and name missing
}

TEST(RosterRows, ErrorsNameLineAndColumnAndNothingPartialIsKept)
{
    std::vector<csv::Record> records {
        { 1, { "№", "Тегі", "Аты", "Туған күні", "Курс", "Ата-ананың тегі", "Ата-ананың аты", "Ата-ана" } },
        { 2, { "A1", "Сәрсенова", "Әлия", "12.05.2007", "2", "Сәрсенов", "Ерлан", "әкесі" } },
        { 3, { "A2", "", "Арман", "2007-02-30", "7", "", "", "" } },
        { 4, { "A1", "Омаров", "Ерлан", "", "екі", "", "", "" } },
    };
    auto m = roster::suggest_mapping(records[0].fields);
    m["student_number"] = 0;
    auto p = roster::parse_rows(records, m);
    ASSERT_EQ(p.rows.size(), 1u);
    EXPECT_EQ(p.rows[0].birth_date, "2007-05-12");
    ASSERT_EQ(p.rows[0].representatives.size(), 1u);
    EXPECT_EQ(p.rows[0].representatives[0].kind, "father");
    auto has = [&](int64_t line, const std::string& field, const std::string& code, const std::string& column) {
        return std::any_of(p.errors.begin(), p.errors.end(), [&](auto& e) { return e.line == line && e.field == field && e.code == code && e.column == column; });
    };
    EXPECT_TRUE(has(3, "surname", "required", "Тегі"));
    EXPECT_TRUE(has(3, "birth_date", "bad_date", "Туған күні"));
    EXPECT_TRUE(has(3, "course", "out_of_range", "Курс"));
    EXPECT_TRUE(has(4, "course", "invalid", "Курс"));
    EXPECT_TRUE(has(4, "student_number", "duplicate", "№"));
}

TEST(RosterValues, WhatExcelUsersType)
{
    EXPECT_EQ(roster::normalize_gender("Ж"), "female");
    EXPECT_EQ(roster::normalize_gender("ер"), "male");
    EXPECT_EQ(roster::normalize_status("Академический отпуск"), "academic_leave");
    EXPECT_EQ(roster::normalize_flag("жоқ"), false);
    EXPECT_EQ(roster::normalize_flag("Иә"), true);
    EXPECT_EQ(roster::normalize_kind("Анасы"), "mother");
    EXPECT_FALSE(roster::normalize_date("31.02.2007"));
}
