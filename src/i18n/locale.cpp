#include "i18n/locale.hpp"
#include <algorithm>
#include <string>
#include <vector>

namespace kenes {

std::string_view lang_code(Lang lang)
{
    switch (lang) {
    case Lang::Kk: return "kk";
    case Lang::Ru: return "ru";
    case Lang::En: return "en";
    }
    return "kk";
}

std::optional<Lang> parse_lang(std::string_view code)
{
    for (auto l : all_langs)
        if (lang_code(l) == code)
            return l;
    return std::nullopt;
}

std::optional<Lang> negotiate_lang(std::string_view header)
{
    struct Choice { Lang lang; double q; size_t order; };
    std::vector<Choice> choices;
    size_t order = 0;
    while (!header.empty()) {
        auto comma = header.find(',');
        auto item = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view {} : header.substr(comma + 1);
        auto semi = item.find(';');
        auto tag = item.substr(0, semi);
        while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
        while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
        double q = 1.0;
        if (semi != std::string_view::npos) {
            auto params = item.substr(semi + 1);
            auto qpos = params.find("q=");
            if (qpos != std::string_view::npos) {
                try { q = std::stod(std::string(params.substr(qpos + 2))); } catch (...) { q = 0; }
            }
        }
        std::string primary(tag.substr(0, tag.find('-')));
        std::transform(primary.begin(), primary.end(), primary.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        if (auto lang = parse_lang(primary); lang && q > 0)
            choices.push_back({ *lang, q, order });
        ++order;
    }
    if (choices.empty())
        return std::nullopt;
    return std::min_element(choices.begin(), choices.end(), [](auto& a, auto& b) {
        return a.q != b.q ? a.q > b.q : a.order < b.order;
    })->lang;
}

}
