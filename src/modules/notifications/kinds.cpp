// The registry of notice kinds. Modules declare theirs at start-up (register_module runs before
// any request or job), so the list is only read afterwards and needs no lock.
#include "modules/notifications/notifications.hpp"
#include "i18n/dates.hpp"
#include <algorithm>

namespace kenes::notifications {

namespace {

std::vector<Kind>& registry()
{
    static std::vector<Kind> kinds;
    return kinds;
}

std::string param_text(const boost::json::value& v)
{
    if (v.is_string())
        return std::string(v.as_string());
    if (v.is_int64())
        return std::to_string(v.as_int64());
    if (v.is_uint64())
        return std::to_string(v.as_uint64());
    return {};
}

}

void register_kind(Kind kind)
{
    auto& all = registry();
    auto it = std::find_if(all.begin(), all.end(), [&](const Kind& k) { return k.key == kind.key; });
    if (it != all.end())
        *it = std::move(kind);
    else
        all.push_back(std::move(kind));
}

const std::vector<Kind>& kinds() { return registry(); }

std::string message(const Catalog& catalog, Lang lang, std::string_view prefix, std::string_view kind, const boost::json::object& params)
{
    boost::json::object readable = params;
    for (auto& [name, value] : readable)
        if (value.is_string())
            if (auto day = parse_iso_date(value.as_string()))
                value = i18n::long_date(lang, *day);
    return catalog.format(lang, std::string(prefix) + std::string(kind), readable);
}

const Kind* find_kind(std::string_view key)
{
    for (auto& k : registry())
        if (k.key == key)
            return &k;
    return nullptr;
}

std::string link_for(const Kind& kind, const boost::json::object& params)
{
    std::string out;
    const std::string& t = kind.link;
    for (size_t i = 0; i < t.size(); ++i) {
        size_t close = t[i] == '{' ? t.find('}', i) : std::string::npos;
        if (close == std::string::npos) {
            out += t[i];
            continue;
        }
        auto name = t.substr(i + 1, close - i - 1);
        auto it = params.find(name);
        out += it == params.end() ? std::string() : param_text(it->value());
        i = close;
    }
    return out;
}

}
