#include "storage/value.hpp"
#include <charconv>

namespace kenes::db {

int64_t Row::i64(size_t i) const
{
    const auto& v = m_values.at(i);
    if (auto n = std::get_if<int64_t>(&v))
        return *n;
    if (auto d = std::get_if<double>(&v))
        return int64_t(*d);
    if (auto s = std::get_if<std::string>(&v)) {
        if (*s == "t") return 1;   // PostgreSQL boolean text form
        if (*s == "f") return 0;
        int64_t n = 0;
        auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), n);
        if (ec != std::errc())
            throw DbError("column " + std::to_string(i) + " is not an integer");
        return n;
    }
    throw DbError("column " + std::to_string(i) + " is null or binary");
}

std::string Row::str(size_t i) const
{
    const auto& v = m_values.at(i);
    if (auto s = std::get_if<std::string>(&v))
        return *s;
    if (auto n = std::get_if<int64_t>(&v))
        return std::to_string(*n);
    if (auto b = std::get_if<Blob>(&v))
        return b->bytes;
    if (std::holds_alternative<Null>(v))
        return {};
    return std::to_string(std::get<double>(v));
}

std::string Row::blob(size_t i) const
{
    const auto& v = m_values.at(i);
    if (auto b = std::get_if<Blob>(&v))
        return b->bytes;
    if (auto s = std::get_if<std::string>(&v)) {
        // PostgreSQL bytea in text (hex) output: \x0a1b...
        if (s->size() >= 2 && (*s)[0] == '\\' && (*s)[1] == 'x') {
            std::string out;
            out.reserve((s->size() - 2) / 2);
            auto hex = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
            for (size_t k = 2; k + 1 < s->size(); k += 2)
                out.push_back(char(hex((*s)[k]) << 4 | hex((*s)[k + 1])));
            return out;
        }
        return *s;
    }
    return {};
}

}
