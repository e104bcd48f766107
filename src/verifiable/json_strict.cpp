#include "verifiable/json_strict.hpp"
#include <algorithm>

namespace kenes::verifiable::strict {

const boost::json::object* object(const boost::json::value& v, std::initializer_list<std::string_view> required,
    std::initializer_list<std::string_view> optional)
{
    const auto* o = v.if_object();
    if (!o)
        return nullptr;
    for (auto k : required)
        if (!o->contains(k))
            return nullptr;
    for (const auto& kv : *o) {
        std::string_view k = kv.key();
        if (std::find(required.begin(), required.end(), k) == required.end()
            && std::find(optional.begin(), optional.end(), k) == optional.end())
            return nullptr;
    }
    return o;
}

const boost::json::array* array(const boost::json::value* v) { return v ? v->if_array() : nullptr; }

std::optional<std::string_view> string(const boost::json::value* v)
{
    if (!v || !v->is_string())
        return std::nullopt;
    return std::string_view(v->get_string());
}

std::optional<Num> number(const boost::json::value* v)
{
    auto s = string(v);
    if (!s)
        return std::nullopt;
    return Num::parse(*s);
}

std::optional<long long> small_int(const boost::json::value* v)
{
    if (!v)
        return std::nullopt;
    if (v->is_int64())
        return v->get_int64();
    if (v->is_uint64() && v->get_uint64() < (1ull << 62))
        return (long long)v->get_uint64();
    return std::nullopt;
}

}
