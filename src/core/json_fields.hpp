#pragma once
// Strict reading of JSON request bodies: every field is checked for type, size and text hygiene,
// errors are collected per field (so the UI can show each next to its input), and fields the
// handler did not ask for are refused as unknown.
#include "core/clock.hpp"
#include "core/result.hpp"
#include <boost/json/object.hpp>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>

namespace kenes {

// IfGiven: may be absent, but when present it must not be null or blank (PATCH of a required field).
enum class Presence { Required, Optional, IfGiven };
enum class Lines { Single, Multi };

class FieldReader {
public:
    explicit FieldReader(const boost::json::object& object, std::string prefix = {});

    bool has(std::string_view key) const;      // present, possibly null
    bool is_null(std::string_view key) const;

    std::optional<std::string> text(std::string_view key, Presence, size_t max_chars, Lines = Lines::Single, size_t min_chars = 0);
    std::optional<int64_t> integer(std::string_view key, Presence, int64_t min, int64_t max);
    std::optional<bool> boolean(std::string_view key, Presence);
    std::optional<CivilDate> date(std::string_view key, Presence);
    std::optional<std::string> one_of(std::string_view key, Presence, std::initializer_list<std::string_view> allowed);
    std::optional<std::string> one_of(std::string_view key, Presence, const std::vector<std::string_view>& allowed);
    std::optional<std::vector<std::string>> string_list(std::string_view key, Presence, std::initializer_list<std::string_view> allowed);
    std::optional<std::vector<int64_t>> id_list(std::string_view key, Presence, size_t max_items);
    const boost::json::object* object(std::string_view key, Presence);
    const boost::json::array* array(std::string_view key, Presence, size_t max_items);

    void add_error(std::string_view key, std::string code, boost::json::object params = {});
    void merge(FieldReader&& nested);
    // Adds unknown_field for every key nobody read, then returns the collected errors, if any.
    Status finish();
    std::vector<FieldError>& errors() { return m_errors; }

private:
    const boost::json::value* lookup(std::string_view key, Presence);
    const boost::json::value* string_value(std::string_view key, Presence);   // wrong_type unless a string
    std::string path(std::string_view key) const;

    const boost::json::object& m_object;
    std::string m_prefix;
    std::set<std::string, std::less<>> m_read;
    std::vector<FieldError> m_errors;
};

}
