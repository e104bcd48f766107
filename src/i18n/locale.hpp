#pragma once
#include <array>
#include <optional>
#include <string_view>

namespace kenes {

// The three working languages (GEN-1); Kazakh, the state language, comes first and is the default.
enum class Lang { Kk, Ru, En };
inline constexpr std::array<Lang, 3> all_langs { Lang::Kk, Lang::Ru, Lang::En };

std::string_view lang_code(Lang);
std::optional<Lang> parse_lang(std::string_view code);
// First supported language in an Accept-Language header ("ru-RU,ru;q=0.9,en;q=0.8" -> ru).
std::optional<Lang> negotiate_lang(std::string_view accept_language);

}
