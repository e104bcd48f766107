#pragma once
// The trustees' key ceremony of an election (Belenios spec 3.1.1 "Pedersen", 4.6): pure rules the
// server applies while it routes the trustees' messages. No database, no HTTP.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kenes::elections::ceremony {

// How many of n trustees are needed to decrypt: a majority (n / 2 + 1), so one absent member does
// not block the count. n = 1 is a Single key (threshold 1); n = 0 has no ceremony (0).
int threshold_for(int n);

// A trustee's step-3 message {"polynomial": opaque, "secrets": [n opaque], "coefexps": signed}
// with exactly these fields, or nullopt naming the first field that is wrong.
struct PolynomialCheck {
    bool ok = false;
    std::string field; // the wrong field when !ok
};
PolynomialCheck check_polynomial_shape(const boost::json::object& p, int n);

// Trustee j's (1-based) vinput (spec 4.6.5): P_j's own polynomial, secrets(P_i)_j for i = 1..n
// and every coefexps, in the trustees' order. `polynomials` are the n checked step-3 messages.
boost::json::object vinput_for(int j, const std::vector<boost::json::object>& polynomials);

}
