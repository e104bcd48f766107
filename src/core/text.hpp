#pragma once
#include <string>
#include <string_view>

namespace kenes::text {

bool valid_utf8(std::string_view);

// Control characters other than tab and newline (which only multi-line fields accept).
bool has_control_chars(std::string_view, bool allow_newlines);

std::string_view trim(std::string_view);

// Number of Unicode code points (limits are stated to users in characters, not bytes).
size_t code_points(std::string_view utf8);

// The form names are compared in when searching: lower case, and the Kazakh-specific letters
// folded onto the Russian letters people type in their place on a Russian keyboard
// (ә→а, ғ→г, қ→к, ң→н, ө→о, ұ→у, ү→у, һ→х, і→и), ё→е.
std::string search_fold(std::string_view utf8);

// Escapes % _ and \ for use in LIKE ... ESCAPE '\'.
std::string like_escape(std::string_view);

}
