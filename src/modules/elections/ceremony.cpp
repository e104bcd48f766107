#include "modules/elections/ceremony.hpp"
#include <boost/json/array.hpp>

namespace kenes::elections::ceremony {

using boost::json::array;
using boost::json::object;

int threshold_for(int n)
{
    if (n <= 0)
        return 0;
    return n / 2 + 1;
}

PolynomialCheck check_polynomial_shape(const object& p, int n)
{
    for (auto& [k, v] : p)
        if (k != "polynomial" && k != "secrets" && k != "coefexps")
            return { false, std::string(k) };
    auto* poly = p.if_contains("polynomial");
    if (!poly || !poly->is_string() || poly->as_string().empty())
        return { false, "polynomial" };
    auto* secrets = p.if_contains("secrets");
    if (!secrets || !secrets->is_array() || secrets->as_array().size() != size_t(n))
        return { false, "secrets" };
    for (auto& s : secrets->as_array())
        if (!s.is_string() || s.as_string().empty())
            return { false, "secrets" };
    auto* coefexps = p.if_contains("coefexps");
    if (!coefexps || !coefexps->is_object())
        return { false, "coefexps" };
    return { true, {} };
}

object vinput_for(int j, const std::vector<object>& polynomials)
{
    array secrets, coefexps;
    for (auto& p : polynomials) {
        secrets.push_back(p.at("secrets").as_array().at(size_t(j - 1)));
        coefexps.push_back(p.at("coefexps"));
    }
    return object { { "polynomial", polynomials.at(size_t(j - 1)).at("polynomial") }, { "secrets", std::move(secrets) }, { "coefexps", std::move(coefexps) } };
}

}
