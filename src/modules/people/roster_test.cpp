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
    EXPECT_EQ(roster::check_mapping({ { "surname", 0 } }, 3).size(), 1u);   // name missing; the student number is optional
    EXPECT_TRUE(roster::check_mapping({ { "full_name", 0 } }, 3).empty());   // one full-name column is enough
    auto full = roster::suggest_mapping({ "ФИО", "Группа" });
    EXPECT_EQ(full.at("full_name"), 0u);
    EXPECT_EQ(roster::suggest_mapping({ "Аты-жөні" }).at("full_name"), 0u);
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
    EXPECT_TRUE(has(3, "birth_date", "no_such_date", "Туған күні"));
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

TEST(RosterRows, MessagesCarryTheColumnAsMappedTheValueAndThePerson)
{
    std::vector<csv::Record> records {
        { 1, { "Номер билета", "Тегі", "Аты", "Туған күні", "Курс" } },
        { 2, { "77", "Ермекова", "Дана", "30.02.2008", "екі" } },
        { 3, { "78", "", "", "5 мая", "" } },
    };
    roster::Mapping m { { "student_number", 0 }, { "surname", 1 }, { "name", 2 }, { "birth_date", 3 }, { "course", 4 } };
    auto p = roster::parse_rows(records, m);
    auto find = [&](int64_t line, const std::string& field) -> const FieldError& {
        auto it = std::find_if(p.errors.begin(), p.errors.end(), [&](auto& e) { return e.line == line && e.field == field; });
        EXPECT_NE(it, p.errors.end()) << line << " " << field;
        return *it;
    };
    auto& date = find(2, "birth_date");
    EXPECT_EQ(date.code, "no_such_date");   // written like a date, but there is no 30 February
    EXPECT_EQ(date.message_key, "import.row.no_such_date");
    EXPECT_EQ(date.params.at("value").as_string(), "30.02.2008");
    EXPECT_EQ(date.params.at("column").as_string(), "Туған күні");
    EXPECT_EQ(date.params.at("person").as_string(), "Ермекова Дана");
    EXPECT_EQ(date.params.at("has_person").as_string(), "yes");
    EXPECT_EQ(find(2, "course").params.at("value").as_string(), "екі");
    auto& not_a_date = find(3, "birth_date");
    EXPECT_EQ(not_a_date.code, "bad_date");
    EXPECT_EQ(not_a_date.params.at("has_person").as_string(), "no");   // no name on the row to show
}

TEST(RosterDates, NoSuchDayIsToldApartFromNotADate)
{
    EXPECT_EQ(roster::date_problem("30.02.2008"), roster::DateProblem::NoSuchDay);
    EXPECT_EQ(roster::date_problem("2007-02-29"), roster::DateProblem::NoSuchDay);
    EXPECT_EQ(roster::date_problem("29.02.1900"), roster::DateProblem::NoSuchDay);
    EXPECT_EQ(roster::date_problem("5 мая 2008"), roster::DateProblem::NotADate);
    EXPECT_EQ(roster::date_problem("2008/02/05"), roster::DateProblem::NotADate);
    EXPECT_EQ(roster::normalize_date("29.02.2008"), "2008-02-29");
}

TEST(RosterFullName, SurnameNamePatronymicWithKazakhParticles)
{
    using FN = roster::FullName;
    EXPECT_EQ(roster::split_full_name("Сәрсенова Әлия Ерланқызы"), (FN { "Сәрсенова", "Әлия", "Ерланқызы" }));
    EXPECT_EQ(roster::split_full_name("  Тоқтаров   Ерұлан "), (FN { "Тоқтаров", "Ерұлан", std::nullopt }));
    // The particle written apart stays with the patronymic, it is not a third given name.
    EXPECT_EQ(roster::split_full_name("Смағұлов Нұрсұлтан Нұрлан ұлы"), (FN { "Смағұлов", "Нұрсұлтан", "Нұрлан ұлы" }));
    EXPECT_EQ(roster::split_full_name("Әбенова Айгерім Қайрат қызы"), (FN { "Әбенова", "Айгерім", "Қайрат қызы" }));
    EXPECT_EQ(roster::split_full_name("Мамедов Эльчин Рауф оглы"), (FN { "Мамедов", "Эльчин", "Рауф оглы" }));
    EXPECT_EQ(roster::split_full_name("Иванов Иван Иванович"), (FN { "Иванов", "Иван", "Иванович" }));
    EXPECT_EQ(roster::split_full_name("Ким Анна Мария Сергеевна"), (FN { "Ким", "Анна Мария", "Сергеевна" }));
    EXPECT_EQ(roster::split_full_name("Нұрланова\xC2\xA0" "Дана"), (FN { "Нұрланова", "Дана", std::nullopt }));
    EXPECT_FALSE(roster::split_full_name("Мадина"));
    EXPECT_FALSE(roster::split_full_name("   "));
}

TEST(RosterFullName, OneColumnFillsSurnameNameAndPatronymic)
{
    std::vector<csv::Record> records {
        { 1, { "Аты-жөні", "Топ" } },
        { 2, { "Сәрсенова Әлия Ерлан қызы", "ИС-21" } },
        { 3, { "Мадина", "ИС-21" } },
    };
    auto m = roster::suggest_mapping(records[0].fields);
    auto p = roster::parse_rows(records, m);
    ASSERT_EQ(p.rows.size(), 1u);
    EXPECT_EQ(p.rows[0].surname, "Сәрсенова");
    EXPECT_EQ(p.rows[0].name, "Әлия");
    EXPECT_EQ(p.rows[0].patronymic, "Ерлан қызы");
    EXPECT_TRUE(p.rows[0].student_number.empty());   // generated on preview and import
    ASSERT_EQ(p.errors.size(), 1u);
    EXPECT_EQ(p.errors[0].code, "full_name_incomplete");
    EXPECT_EQ(p.errors[0].column, "Аты-жөні");
    EXPECT_EQ(p.errors[0].params.at("value").as_string(), "Мадина");
}

TEST(RosterNumbers, GeneratedNumbersAreUniqueAndContinueTheSeries)
{
    std::vector<roster::Row> rows(3);
    rows[0].student_number = "K2026-0007";   // typed in the file
    rows[1].student_number = "";
    rows[2].student_number = "";
    roster::assign_student_numbers(rows, roster::generated_number_prefix(2026), { "K2026-0003", "K2026-0008", "A-1" });
    EXPECT_EQ(rows[0].student_number, "K2026-0007");
    EXPECT_FALSE(rows[0].number_generated);
    EXPECT_EQ(rows[1].student_number, "K2026-0009");
    EXPECT_EQ(rows[2].student_number, "K2026-0010");
    EXPECT_TRUE(rows[1].number_generated && rows[2].number_generated);
}
