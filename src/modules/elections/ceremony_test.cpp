// The key ceremony's pure rules (issue 13; Belenios spec 3.1.1, 4.6.5).
#include "modules/elections/ceremony.hpp"
#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

using namespace kenes::elections::ceremony;
using boost::json::object;

TEST(KeyCeremony, ThresholdIsAMajoritySoOneAbsentMemberDoesNotBlockTheCount)
{
    EXPECT_EQ(threshold_for(0), 0);
    EXPECT_EQ(threshold_for(1), 1);
    EXPECT_EQ(threshold_for(2), 2);
    EXPECT_EQ(threshold_for(3), 2);
    EXPECT_EQ(threshold_for(4), 3);
    EXPECT_EQ(threshold_for(5), 3);
    EXPECT_EQ(threshold_for(7), 4);
    for (int n = 3; n <= 15; ++n) {
        EXPECT_LE(threshold_for(n), n - 1) << n;     // one may be absent
        EXPECT_GT(2 * threshold_for(n), n) << n;     // a majority
    }
}

static object poly(const std::string& who, int n)
{
    boost::json::array secrets;
    for (int j = 1; j <= n; ++j)
        secrets.push_back(boost::json::string(who + "->" + std::to_string(j)));
    return object { { "polynomial", who + ".poly" }, { "secrets", secrets }, { "coefexps", object { { "message", who + ".A" }, { "signature", object {} } } } };
}

TEST(KeyCeremony, VinputOfTrusteeJCarriesItsOwnPolynomialTheSecretsMeantForItAndAllCoefexps)
{
    std::vector<object> ps { poly("P1", 3), poly("P2", 3), poly("P3", 3) };
    auto v = vinput_for(2, ps);
    EXPECT_EQ(v.at("polynomial").as_string(), "P2.poly");
    auto& s = v.at("secrets").as_array();
    ASSERT_EQ(s.size(), 3u);
    EXPECT_EQ(s[0].as_string(), "P1->2");
    EXPECT_EQ(s[1].as_string(), "P2->2");
    EXPECT_EQ(s[2].as_string(), "P3->2");
    auto& c = v.at("coefexps").as_array();
    ASSERT_EQ(c.size(), 3u);
    EXPECT_EQ(c[2].at("message").as_string(), "P3.A");
    // Belenios' field order (step 4 of belenios-tool writes the same keys in this order).
    auto it = v.begin();
    EXPECT_EQ(it->key(), "polynomial");
}

TEST(KeyCeremony, PolynomialShapeNamesTheWrongField)
{
    EXPECT_TRUE(check_polynomial_shape(poly("P", 3), 3).ok);
    EXPECT_EQ(check_polynomial_shape(poly("P", 2), 3).field, "secrets");
    auto p = poly("P", 3);
    p["polynomial"] = "";
    EXPECT_EQ(check_polynomial_shape(p, 3).field, "polynomial");
    p = poly("P", 3);
    p.erase("coefexps");
    EXPECT_EQ(check_polynomial_shape(p, 3).field, "coefexps");
    p = poly("P", 3);
    p["extra"] = 1;
    EXPECT_EQ(check_polynomial_shape(p, 3).field, "extra");
}
