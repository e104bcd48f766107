#include "i18n/catalog.hpp"
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <unicode/msgfmt.h>

namespace kenes {

Catalog Catalog::load(const std::filesystem::path& dir)
{
    Catalog c;
    for (auto lang : all_langs) {
        auto path = dir / (std::string(lang_code(lang)) + ".json");
        std::ifstream in(path, std::ios::binary);
        if (!in)
            throw std::runtime_error("cannot read catalog " + path.string());
        std::stringstream ss;
        ss << in.rdbuf();
        auto value = boost::json::parse(ss.str());
        if (!value.is_object())
            throw std::runtime_error("catalog " + path.string() + " is not a JSON object");
        for (auto& [k, v] : value.get_object()) {
            if (!v.is_string())
                throw std::runtime_error("catalog " + path.string() + ": " + std::string(k) + " is not a string");
            c.m_messages[int(lang)].emplace(std::string(k), std::string(v.get_string()));
        }
    }
    return c;
}

bool Catalog::has(Lang lang, std::string_view key) const
{
    return m_messages[int(lang)].find(key) != m_messages[int(lang)].end();
}

static icu::Formattable to_formattable(const boost::json::value& v)
{
    if (v.is_int64())
        return icu::Formattable(v.get_int64());
    if (v.is_uint64())
        return icu::Formattable(int64_t(v.get_uint64()));
    if (v.is_double())
        return icu::Formattable(v.get_double());
    if (v.is_string()) {
        auto s = v.get_string();
        return icu::Formattable(icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), int32_t(s.size()))));
    }
    return icu::Formattable(icu::UnicodeString::fromUTF8(boost::json::serialize(v)));
}

std::string Catalog::format(Lang lang, std::string_view key, const boost::json::object& args) const
{
    const std::string* pattern = nullptr;
    for (auto l : { lang, Lang::Kk }) {
        auto it = m_messages[int(l)].find(key);
        if (it != m_messages[int(l)].end()) {
            pattern = &it->second;
            lang = l;
            break;
        }
    }
    if (!pattern)
        return std::string(key);
    UErrorCode status = U_ZERO_ERROR;
    icu::MessageFormat fmt(icu::UnicodeString::fromUTF8(*pattern), icu::Locale(std::string(lang_code(lang)).c_str()), status);
    if (U_FAILURE(status))
        return *pattern;
    std::vector<icu::UnicodeString> names;
    std::vector<icu::Formattable> values;
    for (auto& [k, v] : args) {
        names.push_back(icu::UnicodeString::fromUTF8(icu::StringPiece(k.data(), int32_t(k.size()))));
        values.push_back(to_formattable(v));
    }
    icu::UnicodeString out;
    fmt.format(names.data(), values.data(), int32_t(names.size()), out, status);
    if (U_FAILURE(status))
        return *pattern;
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
}

std::vector<std::string> Catalog::check() const
{
    std::vector<std::string> problems;
    std::set<std::string> all;
    for (auto& m : m_messages)
        for (auto& [k, v] : m)
            all.insert(k);
    for (auto lang : all_langs) {
        for (auto& k : all)
            if (!has(lang, k))
                problems.push_back(std::string(lang_code(lang)) + ": missing " + k);
        for (auto& [k, v] : m_messages[int(lang)]) {
            UErrorCode status = U_ZERO_ERROR;
            icu::MessageFormat fmt(icu::UnicodeString::fromUTF8(v), icu::Locale(std::string(lang_code(lang)).c_str()), status);
            if (U_FAILURE(status))
                problems.push_back(std::string(lang_code(lang)) + ": cannot parse " + k);
        }
    }
    return problems;
}

}
