#include "verifiable/test_support.hpp"
#include "verifiable/trustees.hpp"
#include <gtest/gtest.h>

using namespace kenes::verifiable;
using namespace kenes::verifiable::testing;

TEST(VerifiableTrustees, SampleFromBeleniosToolVerifiesAndSerializesByteForByte)
{
    std::string text = read_file(testdata("sample_trustees.json"));
    auto t = parse_trustees(text);
    ASSERT_TRUE(t.ok());
    ASSERT_EQ(t->size(), 2u);
    EXPECT_EQ(serialize(*t), text);
    EXPECT_TRUE(verify_trustees(*t));
    auto e = parse_election(read_file(testdata("sample_election.json")));
    EXPECT_EQ(election_public_key(*t), e->public_key);
}

TEST(VerifiableTrustees, RejectsTamperedPublications)
{
    auto t = parse_trustees(read_file(testdata("sample_trustees.json"))).value();
    auto& single = std::get<TrusteePublicKey>(t[0]);
    auto& ped = std::get<ThresholdParameters>(t[1]);
    {
        auto k = single;
        k.pok.response = add_mod(k.pok.response, Num(1), belenios_2048().q);
        EXPECT_FALSE(verify_trustee_public_key(k));
    }
    {
        auto p = ped;
        p.certs[1].message[20] = p.certs[1].message[20] == '1' ? '2' : '1';
        EXPECT_FALSE(verify_threshold_parameters(p));
    }
    {
        auto p = ped;
        p.coefexps[2].signature.challenge = add_mod(p.coefexps[2].signature.challenge, Num(1), belenios_2048().q);
        EXPECT_FALSE(verify_threshold_parameters(p));
    }
    {
        // A verification key that is not the one the coefexps determine (keys of trustees 1 and 2 swapped).
        auto p = ped;
        std::swap(p.verification_keys[0], p.verification_keys[1]);
        EXPECT_FALSE(verify_threshold_parameters(p));
    }
}

TEST(VerifiableTrustees, GeneratedPedersenTrusteesVerify)
{
    auto ped = generate_pedersen_trustees(3, 2);
    EXPECT_TRUE(verify_threshold_parameters(ped.parameters));
    auto single = generate_single_trustee();
    Trustees t { single.public_key, ped.parameters };
    EXPECT_TRUE(verify_trustees(t));
    auto reparsed = parse_trustees(serialize(t));
    ASSERT_TRUE(reparsed.ok());
    EXPECT_EQ(serialize(*reparsed), serialize(t));
}
