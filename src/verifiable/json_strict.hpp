#pragma once
// Strict readers over Boost.JSON values for Belenios structures: exact field sets, numbers of Zq
// and G only as canonical decimal strings (spec 4.2). A reader returns nothing on any deviation,
// and the caller turns that into its own precise refusal.
#include "verifiable/num.hpp"
#include <boost/json.hpp>
#include <initializer_list>
#include <optional>
#include <string_view>

namespace kenes::verifiable::strict {

// The object if v is one whose keys are exactly `required` plus any of `optional`.
const boost::json::object* object(const boost::json::value& v, std::initializer_list<std::string_view> required,
    std::initializer_list<std::string_view> optional = {});
const boost::json::array* array(const boost::json::value* v);
std::optional<std::string_view> string(const boost::json::value* v);
std::optional<Num> number(const boost::json::value* v); // canonical decimal string
std::optional<long long> small_int(const boost::json::value* v);

}
