#include "modules/people/roster.hpp"
#include "core/text.hpp"
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <set>

namespace kenes::people::roster {

namespace {

const std::vector<std::string> person_fields { "student_number", "surname", "name", "patronymic", "full_name", "birth_date", "gender", "email", "phone",
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
        { "full_name", { "full name", "full_name", "фио", "ф.и.о.", "ф. и. о.", "фамилия имя отчество", "фамилия, имя, отчество", "аты-жөні", "аты жөні",
            "толық аты-жөні", "тегі, аты, әкесінің аты", "тегі аты әкесінің аты" } },
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
        if (!mapping.contains(f) && !mapping.contains("full_name"))
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

DateProblem date_problem(std::string_view s)
{
    s = text::trim(s);
    auto digits = [&](size_t from, size_t n) {
        return std::all_of(s.begin() + long(from), s.begin() + long(from + n), [](char c) { return c >= '0' && c <= '9'; });
    };
    bool iso_shape = s.size() == 10 && s[4] == '-' && s[7] == '-' && digits(0, 4) && digits(5, 2) && digits(8, 2);
    bool dotted_shape = s.size() == 10 && s[2] == '.' && s[5] == '.' && digits(0, 2) && digits(3, 2) && digits(6, 4);
    return iso_shape || dotted_shape ? DateProblem::NoSuchDay : DateProblem::NotADate;
}

std::optional<FullName> split_full_name(std::string_view s)
{
    std::vector<std::string> words;
    std::string current;
    auto flush = [&] {
        if (!current.empty())
            words.push_back(std::move(current));
        current.clear();
    };
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ' ' || s[i] == '\t')
            flush();
        else if (s.substr(i).starts_with("\xC2\xA0")) {   // a no-break space, as Excel pastes it
            flush();
            ++i;
        } else
            current += s[i];
    }
    flush();
    if (words.size() < 2)
        return std::nullopt;
    // ұлы/қызы (and their Russian spellings) written as a word of their own end the patronymic.
    static const std::vector<std::string> particles { "ұлы", "қызы", "улы", "кызы", "оглы", "оғлы", "уулу" };
    auto is_particle = [&](const std::string& w) {
        auto f = text::search_fold(w);
        return std::any_of(particles.begin(), particles.end(), [&](auto& p) { return f == text::search_fold(p); });
    };
    FullName out { words[0], words[1], std::nullopt };
    if (words.size() == 2)
        return out;
    size_t patronymic_words = words.size() >= 4 && is_particle(words.back()) ? 2 : 1;
    size_t name_end = words.size() - patronymic_words;
    for (size_t i = 2; i < name_end; ++i)
        out.name += " " + words[i];
    std::string patronymic;
    for (size_t i = name_end; i < words.size(); ++i)
        patronymic += (patronymic.empty() ? "" : " ") + words[i];
    out.patronymic = patronymic;
    return out;
}

std::string generated_number_prefix(int year) { return "K" + std::to_string(year) + "-"; }

void assign_student_numbers(std::vector<Row>& rows, const std::string& prefix, const std::vector<std::string>& used)
{
    std::set<std::string> taken(used.begin(), used.end());
    int64_t highest = 0;
    auto consider = [&](const std::string& number) {
        if (!number.starts_with(prefix))
            return;
        int64_t n = 0;
        auto tail = std::string_view(number).substr(prefix.size());
        auto [p, ec] = std::from_chars(tail.data(), tail.data() + tail.size(), n);
        if (ec == std::errc() && p == tail.data() + tail.size())
            highest = std::max(highest, n);
    };
    for (auto& u : used)
        consider(u);
    for (auto& r : rows) {
        consider(r.student_number);
        taken.insert(r.student_number);
    }
    for (auto& r : rows) {
        if (!r.student_number.empty())
            continue;
        std::string candidate;
        do {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(++highest));
            candidate = prefix + buf;
        } while (taken.contains(candidate));
        taken.insert(candidate);
        r.student_number = candidate;
        r.number_generated = true;
    }
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

namespace {

// What a person reads in an error: the cell as typed (shortened), the column as the file names it.
std::string shown_value(std::string_view v)
{
    v = text::trim(v);
    if (text::code_points(v) <= 60)
        return std::string(v);
    size_t points = 0, end = 0;
    for (; end < v.size(); ++end)
        if ((static_cast<unsigned char>(v[end]) & 0xC0) != 0x80 && ++points > 57)
            break;
    return std::string(v.substr(0, end)) + "…";
}

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
        auto column_name = [&](size_t col) { return col < header.size() && !text::trim(header[col]).empty() ? std::string(text::trim(header[col])) : std::to_string(col + 1); };
        auto raw = [&](const std::string& field) -> std::string {
            auto it = mapping.find(field);
            return it == mapping.end() || it->second >= rec.fields.size() ? std::string {} : shown_value(rec.fields[it->second]);
        };
        // Every row message names the column as the file does, the value and (below) the person.
        auto error = [&](const std::string& field, std::string code, boost::json::object params = {}) {
            auto column = column_name(mapping.at(field));
            params["column"] = column;
            params["value"] = raw(field);
            out.errors.push_back({ field, code, std::move(params), rec.line, column, "import.row." + code });
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
        auto has_error = [&](const std::string& field) {
            return std::any_of(out.errors.begin() + long(errors_before), out.errors.end(), [&](auto& e) { return e.field == field; });
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
        row.student_number = cell("student_number", 50).value_or("");
        // Separate surname and name columns win over the full-name column where both are filled.
        std::optional<FullName> full;
        if (auto f = cell("full_name", 300)) {
            full = split_full_name(*f);
            if (!full)
                error("full_name", "full_name_incomplete");
        }
        auto surname = cell("surname", 100), name = cell("name", 100);
        row.surname = surname ? *surname : full ? full->surname : "";
        row.name = name ? *name : full ? full->name : "";
        row.patronymic = cell("patronymic", 100);
        if (!row.patronymic && full && !surname && !name)
            row.patronymic = full->patronymic;
        if (row.surname.empty() && !has_error("surname") && !has_error("full_name"))
            error(mapping.contains("surname") ? "surname" : "full_name", "required");
        if (row.name.empty() && !has_error("name") && !has_error("full_name") && mapping.contains("name"))
            error("name", "required");
        if (auto d = cell("birth_date", 20)) {
            row.birth_date = normalize_date(*d);
            if (!row.birth_date)
                error("birth_date", date_problem(*d) == DateProblem::NoSuchDay ? "no_such_date" : "bad_date");
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
            auto rep_surname = cell(p + "surname", 100), rep_name = cell(p + "name", 100);
            auto patronymic = cell(p + "patronymic", 100), phone = cell(p + "phone", 50), email = cell(p + "email", 200);
            auto kind = choice(p + "kind", normalize_kind);
            if (!rep_surname && !rep_name && !phone && !email)
                continue;
            if (!rep_surname && mapping.contains(p + "surname") && !has_error(p + "surname"))
                error(p + "surname", "required");
            if (!rep_name && mapping.contains(p + "name") && !has_error(p + "name"))
                error(p + "name", "required");
            if (rep_surname && rep_name)
                row.representatives.push_back({ kind.value_or("other"), *rep_surname, *rep_name, patronymic, phone, email });
        }
        if (!row.student_number.empty()) {
            auto [it, fresh] = first_line_of_number.emplace(row.student_number, rec.line);
            if (!fresh)
                error("student_number", "duplicate", { { "line", it->second } });
        }
        // The person the row is about, for every message of the row (known once names are read).
        std::string both = row.surname + " " + row.name;
        std::string person(text::trim(both));
        for (auto e = out.errors.begin() + long(errors_before); e != out.errors.end(); ++e) {
            e->params["person"] = person;
            e->params["has_person"] = person.empty() ? "no" : "yes";
        }
        if (out.errors.size() == errors_before)
            out.rows.push_back(std::move(row));
    }
    return out;
}

}
