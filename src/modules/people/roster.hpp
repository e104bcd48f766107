#pragma once
// Roster import rules, pure: which known field each column holds (suggested from the header in
// kk/ru/en), and each row turned into a student with up to two legal representatives, or into
// per-cell errors with the line and column a person can find in the file.
#include "core/clock.hpp"
#include "core/error.hpp"
#include "modules/people/csv.hpp"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kenes::people::roster {

// Known fields, in the order the import wizard lists them.
const std::vector<std::string>& known_fields();
// Surname and name are required, either as two columns or inside one full-name column
// (ФИО / Аты-жөні). The student number is optional: schools without one get a generated one.
inline const std::vector<std::string> required_fields { "surname", "name" };

using Mapping = std::map<std::string, size_t>;   // field -> column index

Mapping suggest_mapping(const std::vector<std::string>& header);

struct Representative {
    std::string kind = "other";
    std::string surname, name;
    std::optional<std::string> patronymic, phone, email;
};

struct Row {
    int64_t line;
    std::string student_number, surname, name;   // student_number empty: to be generated
    bool number_generated = false;
    std::optional<std::string> patronymic, birth_date, gender, email, phone, group, status;
    std::optional<int64_t> course, grade;
    std::optional<bool> academic_debt;
    std::vector<Representative> representatives;
};

struct Parsed {
    std::vector<Row> rows;
    std::vector<FieldError> errors;   // line, column (header text), field, code
};

// Checks the mapping itself (required fields mapped, columns exist).
std::vector<FieldError> check_mapping(const Mapping&, size_t column_count);
// records[0] is the header. Duplicate student numbers within the file are errors.
Parsed parse_rows(const std::vector<csv::Record>& records, const Mapping&);

// Value readers shared with the API (also accept what Excel users type: 05.09.2008, "жоқ", ...).
std::optional<std::string> normalize_date(std::string_view);
// Why a value is not a date: written like one but no such day (30.02.2008), or not a date at all.
enum class DateProblem { NoSuchDay, NotADate };
DateProblem date_problem(std::string_view);

// "Surname Name Patronymic" from one cell. The patronymic is optional; a Kazakh patronymic
// written apart from its particle ("Ерлан қызы", "Нұрлан ұлы") stays whole; several words
// between the surname and the patronymic are a double given name. nullopt: fewer than two words.
struct FullName {
    std::string surname, name;
    std::optional<std::string> patronymic;
    bool operator==(const FullName&) const = default;
};
std::optional<FullName> split_full_name(std::string_view);

// Student numbers for rows without one: "<prefix><NNNN>", counting on from the highest number
// with that prefix in use (in the institution or in the file), so they are unique and a second
// import continues the series. `used` holds every number already taken.
void assign_student_numbers(std::vector<Row>&, const std::string& prefix, const std::vector<std::string>& used);
std::string generated_number_prefix(int year);   // "K2026-"
std::optional<std::string> normalize_gender(std::string_view);
std::optional<std::string> normalize_status(std::string_view);
std::optional<bool> normalize_flag(std::string_view);
std::optional<std::string> normalize_kind(std::string_view);

}
