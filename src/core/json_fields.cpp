#include "core/json_fields.hpp"
#include "core/text.hpp"

namespace kenes {

FieldReader::FieldReader(const boost::json::object& object, std::string prefix)
    : m_object(object)
    , m_prefix(std::move(prefix))
{
}

std::string FieldReader::path(std::string_view key) const
{
    return m_prefix.empty() ? std::string(key) : m_prefix + "." + std::string(key);
}

bool FieldReader::has(std::string_view key) const { return m_object.contains(key); }

bool FieldReader::is_null(std::string_view key) const
{
    auto it = m_object.find(key);
    return it != m_object.end() && it->value().is_null();
}

void FieldReader::add_error(std::string_view key, std::string code, boost::json::object params)
{
    m_errors.push_back(FieldError { path(key), std::move(code), std::move(params) });
}

const boost::json::value* FieldReader::lookup(std::string_view key, Presence presence)
{
    m_read.emplace(key);
    auto it = m_object.find(key);
    if (it == m_object.end() || it->value().is_null()) {
        if (presence == Presence::Required || (presence == Presence::IfGiven && it != m_object.end()))
            add_error(key, "required");
        return nullptr;
    }
    return &it->value();
}

const boost::json::value* FieldReader::string_value(std::string_view key, Presence presence)
{
    auto* v = lookup(key, presence);
    if (v && !v->is_string()) {
        add_error(key, "wrong_type");
        return nullptr;
    }
    return v;
}

std::optional<std::string> FieldReader::text(std::string_view key, Presence presence, size_t max_chars, Lines lines, size_t min_chars)
{
    auto* v = string_value(key, presence);
    if (!v)
        return std::nullopt;
    std::string_view raw = v->get_string();
    // Boost.JSON validates UTF-8 while parsing; escaped lone surrogates are checked here.
    if (!text::valid_utf8(raw)) {
        add_error(key, "bad_utf8");
        return std::nullopt;
    }
    if (text::has_control_chars(raw, lines == Lines::Multi)) {
        add_error(key, "control_chars");
        return std::nullopt;
    }
    std::string value(text::trim(raw));
    if (value.empty() && presence != Presence::Optional) {
        add_error(key, "required");
        return std::nullopt;
    }
    size_t n = text::code_points(value);
    if (n > max_chars) {
        add_error(key, "too_long", { { "max", max_chars } });
        return std::nullopt;
    }
    if (n < min_chars) {
        add_error(key, "too_short", { { "min", min_chars } });
        return std::nullopt;
    }
    if (value.empty())
        return std::nullopt;
    return value;
}

std::optional<int64_t> FieldReader::integer(std::string_view key, Presence presence, int64_t min, int64_t max)
{
    auto* v = lookup(key, presence);
    if (!v)
        return std::nullopt;
    int64_t n;
    if (v->is_int64())
        n = v->get_int64();
    else if (v->is_uint64() && v->get_uint64() <= uint64_t(INT64_MAX))
        n = int64_t(v->get_uint64());
    else if (v->is_double() && v->get_double() == double(int64_t(v->get_double())))
        n = int64_t(v->get_double());
    else {
        add_error(key, "wrong_type");
        return std::nullopt;
    }
    if (n < min || n > max) {
        add_error(key, "out_of_range", { { "min", min }, { "max", max } });
        return std::nullopt;
    }
    return n;
}

std::optional<bool> FieldReader::boolean(std::string_view key, Presence presence)
{
    auto* v = lookup(key, presence);
    if (!v)
        return std::nullopt;
    if (!v->is_bool()) {
        add_error(key, "wrong_type");
        return std::nullopt;
    }
    return v->get_bool();
}

std::optional<CivilDate> FieldReader::date(std::string_view key, Presence presence)
{
    auto* v = string_value(key, presence);
    if (!v)
        return std::nullopt;
    auto d = parse_iso_date(v->get_string());
    if (!d)
        add_error(key, "bad_date");
    return d;
}

std::optional<std::string> FieldReader::one_of(std::string_view key, Presence presence, std::initializer_list<std::string_view> allowed)
{
    return one_of(key, presence, std::vector<std::string_view>(allowed));
}

std::optional<std::string> FieldReader::one_of(std::string_view key, Presence presence, const std::vector<std::string_view>& allowed)
{
    auto* v = string_value(key, presence);
    if (!v)
        return std::nullopt;
    std::string_view s = v->get_string();
    for (auto a : allowed)
        if (a == s)
            return std::string(s);
    add_error(key, "invalid");
    return std::nullopt;
}

std::optional<std::vector<std::string>> FieldReader::string_list(std::string_view key, Presence presence, std::initializer_list<std::string_view> allowed)
{
    auto* v = lookup(key, presence);
    if (!v)
        return std::nullopt;
    if (!v->is_array()) {
        add_error(key, "wrong_type");
        return std::nullopt;
    }
    std::vector<std::string> out;
    for (auto& item : v->get_array()) {
        if (!item.is_string()) {
            add_error(key, "wrong_type");
            return std::nullopt;
        }
        std::string_view s = item.get_string();
        bool known = allowed.size() == 0;
        for (auto a : allowed)
            known = known || a == s;
        if (!known) {
            add_error(key, "invalid");
            return std::nullopt;
        }
        if (std::find(out.begin(), out.end(), s) == out.end())
            out.emplace_back(s);
    }
    return out;
}

std::optional<std::vector<int64_t>> FieldReader::id_list(std::string_view key, Presence presence, size_t max_items)
{
    auto* v = lookup(key, presence);
    if (!v)
        return std::nullopt;
    if (!v->is_array()) {
        add_error(key, "wrong_type");
        return std::nullopt;
    }
    if (v->get_array().size() > max_items) {
        add_error(key, "out_of_range", { { "min", 0 }, { "max", max_items } });
        return std::nullopt;
    }
    std::vector<int64_t> out;
    for (auto& item : v->get_array()) {
        if (!item.is_int64() || item.get_int64() <= 0) {
            add_error(key, "wrong_type");
            return std::nullopt;
        }
        out.push_back(item.get_int64());
    }
    return out;
}

const boost::json::object* FieldReader::object(std::string_view key, Presence presence)
{
    auto* v = lookup(key, presence);
    if (!v)
        return nullptr;
    if (!v->is_object()) {
        add_error(key, "wrong_type");
        return nullptr;
    }
    return &v->get_object();
}

const boost::json::array* FieldReader::array(std::string_view key, Presence presence, size_t max_items)
{
    auto* v = lookup(key, presence);
    if (!v)
        return nullptr;
    if (!v->is_array()) {
        add_error(key, "wrong_type");
        return nullptr;
    }
    if (v->get_array().size() > max_items) {
        add_error(key, "out_of_range", { { "min", 0 }, { "max", int64_t(max_items) } });
        return nullptr;
    }
    return &v->get_array();
}

void FieldReader::merge(FieldReader&& nested)
{
    for (auto& [key, value] : nested.m_object)
        if (!nested.m_read.contains(key))
            nested.add_error(key, "unknown_field");
    for (auto& e : nested.m_errors)
        m_errors.push_back(std::move(e));
    nested.m_errors.clear();
}

Status FieldReader::finish()
{
    for (auto& [key, value] : m_object)
        if (!m_read.contains(key))
            add_error(key, "unknown_field");
    m_read.clear();
    for (auto& [key, value] : m_object)
        m_read.emplace(key);
    if (!m_errors.empty())
        return Error::validation(std::move(m_errors));
    return Ok {};
}

}
