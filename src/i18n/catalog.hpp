#pragma once
// The kk/ru/en message catalogs shared with the web UI (web/locales/*.json): ICU MessageFormat
// strings with each language's plural rules. The server uses them for errors, documents, e-mail.
#include "i18n/locale.hpp"
#include <boost/json/object.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kenes {

class Catalog {
public:
    // Reads <dir>/kk.json, ru.json, en.json. Throws when a file is missing or not a flat object.
    static Catalog load(const std::filesystem::path& dir);

    // Formats `key` with named arguments; a missing key falls back to Kazakh, then to the key itself
    // (never to an exception: a missing translation must not turn a 4xx into a 500).
    std::string format(Lang, std::string_view key, const boost::json::object& args = {}) const;
    bool has(Lang, std::string_view key) const;

    // Problems found in the catalogs: keys missing in a language, messages ICU cannot parse.
    std::vector<std::string> check() const;

private:
    std::map<std::string, std::string, std::less<>> m_messages[3];
};

}
