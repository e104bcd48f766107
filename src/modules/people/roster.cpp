#include "modules/people/roster.hpp"
#include "core/text.hpp"
#include <charconv>
#include <set>

namespace kenes::people::roster {

namespace {

const std::vector<std::string> person_fields { "student_number", "surname", "name", "patronymic", "birth_date", "gender", "email", "phone",
    "group", "course", "grade", "status", "academic_debt" };
const std::vector<std::string> rep_parts { "kind", "surname", "name", "patronymic", "phone", "email" };

// Header texts people use for each field, compared after search_fold (case and Kazakh letters).
const std::map<std::string, std::vector<std::string>>& synonyms()
{
    static const std::map<std::string, std::vector<std::string>> s {
        { "student_number", { "student number", "student id", "student no", "id", "№ студента", "номер студента", "студенческий билет", "номер студенческого билета", "студенттік нөмір", "студенттік билет", "билет нөмірі", "жеке нөмір" } },
        { "surname", { "surname", "last name", "family name", "фамилия", "тегі" } },
        { "name", { "name", "first name", "given name", "имя", "аты" } },
        { "patronymic", { "patronymic", "middle name", "отчество", "әкесінің аты" } },
        { "birth_date", { "birth date", "date of birth", "birthday", "дата рождения", "туған күні", "туған күн" } },
        { "gender", { "gender", "sex", "пол", "жынысы" } },
        { "email", { "email", "e-mail", "почта", "электронная почта", "эл. почта", "электрондық пошта" } },
        { "phone", { "phone", "telephone", "телефон", "тел." } },
        { "group", { "group", "class", "группа", "класс", "топ", "сынып" } },
        { "course", { "course", "year of study", "курс" } },
        { "grade", { "grade", "параллель", "сынып деңгейі" } },
        { "status", { "status", "статус", "мәртебе", "мәртебесі" } },
        { "academic_debt", { "academic debt", "debt", "академическая задолженность", "задолженность", "академиялық қарыз", "қарыз" } },
        { "rep1_kind", { "representative", "representative kind", "parent", "кем приходится", "представитель", "заңды өкіл", "ата-ана" } },
        { "rep1_surname", { "representative surname", "parent surname", "фамилия представителя", "фамилия родителя", "өкілдің тегі", "ата-ананың тегі" } },
        { "rep1_name", { "representative name", "parent name", "имя представителя", "имя родителя", "өкілдің аты", "ата-ананың аты" } },
        { "rep1_patronymic", { "representative patronymic", "parent patronymic", "отчество представителя", "отчество родителя", "өкілдің әкесінің аты" } },
        { "rep1_phone", { "representative phone", "parent phone", "телефон представителя", "телефон родителя", "өкілдің телефоны", "ата-ананың телефоны" } },
        { "rep1_email", { "representative email", "parent email", "почта представителя", "почта родителя", "өкілдің поштасы" } },
    };
    return s;
}

std::string fold(std::string_view s) { return text::search_fold(text::trim(s)); }

}

const std::vector<std::string>& known_fields()
{
    static const std::vector<std::string> all = [] {
        std::vector<std::string> v = person_fields;
        for (auto prefix : { "rep1_", "rep2_" })
            for (auto& part : rep_parts)
                v.push_back(prefix + part);
        return v;
    }();
    return all;
}

Mapping suggest_mapping(const std::vector<std::string>& header)
{
    Mapping m;
    std::set<size_t> used;
    for (auto& field : known_fields()) {
        std::vector<std::string> names { field };
        if (auto it = synonyms().find(field); it != synonyms().end())
            names.insert(names.end(), it->second.begin(), it->second.end());
        for (size_t col = 0; col < header.size() && !m.contains(field); ++col) {
            if (used.contains(col))
                continue;
            auto h = fold(header[col]);
            for (auto& n : names)
                if (h == fold(n)) {
                    m[field] = col;
                    used.insert(col);
                    break;
                }
        }
    }
    return m;
}

std::vector<FieldError> check_mapping(const Mapping& mapping, size_t column_count)
{
    std::vector<FieldError> errors;
    for (auto& f : required_fields)
        if (!mapping.contains(f))
            errors.push_back({ "mapping." + f, "required", { { "field", f } }, {}, {}, "import.mapping_missing" });
    auto& known = known_fields();
    for (auto& [field, col] : mapping) {
        if (std::find(known.begin(), known.end(), field) == known.end())
            errors.push_back({ "mapping." + field, "unknown_field" });
        else if (col >= column_count)
            errors.push_back({ "mapping." + field, "out_of_range", { { "min", 0 }, { "max", int64_t(column_count) - 1 } } });
    }
    return errors;
}

std::optional<std::string> normalize_date(std::string_view s)
{
    s = text::trim(s);
    if (auto d = parse_iso_date(s))
        return d->iso();
    // 05.09.2008 as Excel shows dates in kk/ru locales
    if (s.size() == 10 && s[2] == '.' && s[5] == '.') {
        std::string iso = std::string(s.substr(6, 4)) + "-" + std::string(s.substr(3, 2)) + "-" + std::string(s.substr(0, 2));
        if (auto d = parse_iso_date(iso))
            return d->iso();
    }
    return std::nullopt;
}

static std::optional<std::string> lookup(std::string_view value, const std::map<std::string, std::vector<std::string>>& table)
{
    auto v = fold(value);
    for (auto& [canonical, words] : table)
        for (auto& w : words)
            if (v == fold(w))
                return canonical;
    return std::nullopt;
}

std::optional<std::string> normalize_gender(std::string_view s)
{
    static const std::map<std::string, std::vector<std::string>> t {
        { "female", { "female", "f", "ж", "жен", "женский", "әйел", "қыз" } },
        { "male", { "male", "m", "м", "муж", "мужской", "ер", "ұл" } },
    };
    return lookup(s, t);
}

std::optional<std::string> normalize_status(std::string_view s)
{
    static const std::map<std::string, std::vector<std::string>> t {
        { "studying", { "studying", "обучается", "учится", "оқиды", "білім алуда" } },
        { "academic_leave", { "academic_leave", "academic leave", "академический отпуск", "академиялық демалыс" } },
        { "expelled", { "expelled", "отчислен", "отчислена", "шығарылды", "оқудан шығарылды" } },
        { "graduated", { "graduated", "выпускник", "окончил", "түлек", "бітірді" } },
    };
    return lookup(s, t);
}

std::optional<bool> normalize_flag(std::string_view s)
{
    static const std::map<std::string, std::vector<std::string>> t {
        { "1", { "1", "yes", "true", "да", "есть", "иә", "бар" } },
        { "0", { "0", "no", "false", "нет", "жоқ" } },
    };
    auto v = lookup(s, t);
    if (!v)
        return std::nullopt;
    return *v == "1";
}

std::optional<std::string> normalize_kind(std::string_view s)
{
    static const std::map<std::string, std::vector<std::string>> t {
        { "mother", { "mother", "мать", "мама", "анасы", "ана" } },
        { "father", { "father", "отец", "папа", "әкесі", "әке" } },
        { "guardian", { "guardian", "опекун", "қамқоршы" } },
        { "other", { "other", "другое", "иное", "басқа" } },
    };
    return lookup(s, t);
}

Parsed parse_rows(const std::vector<csv::Record>& records, const Mapping& mapping)
{
    Parsed out;
    if (records.empty())
        return out;
    const auto& header = records[0].fields;
    std::map<std::string, int64_t> first_line_of_number;
    for (size_t i = 1; i < records.size(); ++i) {
        const auto& rec = records[i];
        size_t errors_before = out.errors.size();
        auto column_name = [&](size_t col) { return col < header.size() ? std::string(text::trim(header[col])) : std::to_string(col + 1); };
        auto error = [&](const std::string& field, std::string code, boost::json::object params = {}, std::string key = {}) {
            out.errors.push_back({ field, std::move(code), std::move(params), rec.line, column_name(mapping.at(field)), std::move(key) });
        };
        // A mapped cell, trimmed; nullopt when empty.
        auto cell = [&](const std::string& field, size_t max_chars = 200) -> std::optional<std::string> {
            auto it = mapping.find(field);
            if (it == mapping.end() || it->second >= rec.fields.size())
                return std::nullopt;
            std::string v(text::trim(rec.fields[it->second]));
            if (v.empty())
                return std::nullopt;
            if (text::has_control_chars(v, false)) {
                error(field, "control_chars");
                return std::nullopt;
            }
            if (text::code_points(v) > max_chars) {
                error(field, "too_long", { { "max", max_chars } });
                return std::nullopt;
            }
            return v;
        };
        auto required = [&](const std::string& field, size_t max_chars) {
            auto v = cell(field, max_chars);
            if (!v && mapping.contains(field) && std::none_of(out.errors.begin() + long(errors_before), out.errors.end(), [&](auto& e) { return e.field == field; }))
                error(field, "required");
            return v.value_or("");
        };
        auto number = [&](const std::string& field, int64_t min, int64_t max) -> std::optional<int64_t> {
            auto v = cell(field, 10);
            if (!v)
                return std::nullopt;
            int64_t n = 0;
            auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
            if (ec != std::errc() || p != v->data() + v->size()) {
                error(field, "invalid");
                return std::nullopt;
            }
            if (n < min || n > max) {
                error(field, "out_of_range", { { "min", min }, { "max", max } });
                return std::nullopt;
            }
            return n;
        };
        auto choice = [&](const std::string& field, auto normalize) -> std::optional<std::string> {
            auto v = cell(field, 100);
            if (!v)
                return std::nullopt;
            auto n = normalize(*v);
            if (!n)
                error(field, "invalid");
            return n;
        };

        Row row;
        row.line = rec.line;
        row.student_number = required("student_number", 50);
        row.surname = required("surname", 100);
        row.name = required("name", 100);
        row.patronymic = cell("patronymic", 100);
        if (auto d = cell("birth_date", 20)) {
            row.birth_date = normalize_date(*d);
            if (!row.birth_date)
                error("birth_date", "bad_date");
        }
        row.gender = choice("gender", normalize_gender);
        row.email = cell("email", 200);
        if (row.email && row.email->find('@') == std::string::npos)
            error("email", "invalid");
        row.phone = cell("phone", 50);
        row.group = cell("group", 100);
        row.course = number("course", 1, 6);
        row.grade = number("grade", 1, 12);
        row.status = choice("status", normalize_status);
        if (auto f = cell("academic_debt", 20)) {
            row.academic_debt = normalize_flag(*f);
            if (!row.academic_debt)
                error("academic_debt", "invalid");
        }
        for (auto prefix : { "rep1_", "rep2_" }) {
            std::string p(prefix);
            auto surname = cell(p + "surname", 100), name = cell(p + "name", 100);
            auto patronymic = cell(p + "patronymic", 100), phone = cell(p + "phone", 50), email = cell(p + "email", 200);
            auto kind = choice(p + "kind", normalize_kind);
            if (!surname && !name && !phone && !email)
                continue;
            if (!surname && mapping.contains(p + "surname"))
                error(p + "surname", "required");
            if (!name && mapping.contains(p + "name"))
                error(p + "name", "required");
            if (surname && name)
                row.representatives.push_back({ kind.value_or("other"), *surname, *name, patronymic, phone, email });
        }
        if (!row.student_number.empty()) {
            auto [it, fresh] = first_line_of_number.emplace(row.student_number, rec.line);
            if (!fresh)
                error("student_number", "duplicate", { { "line", it->second } }, "import.duplicate_in_file");
        }
        if (out.errors.size() == errors_before)
            out.rows.push_back(std::move(row));
    }
    return out;
}

}
