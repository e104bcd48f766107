#include "verifiable/credential.hpp"
#include "verifiable/election.hpp"
#include "verifiable/group.hpp"
#include "verifiable/test_support.hpp"
#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <sstream>

using namespace kenes::verifiable;
using namespace kenes::verifiable::testing;

TEST(VerifiableNum, ParsesOnlyCanonicalDecimals)
{
    EXPECT_TRUE(Num::parse("0"));
    EXPECT_EQ(Num::parse("1234567890123456789012345678901234567890")->str(), "1234567890123456789012345678901234567890");
    for (const char* bad : { "", "-1", "+1", "01", "00", "1e3", " 1", "1 ", "0x10", "1.0" })
        EXPECT_FALSE(Num::parse(bad)) << bad;
    EXPECT_FALSE(Num::parse(std::string(701, '1')));
}

TEST(VerifiableGroup, Belenios2048ParametersAndMembership)
{
    const auto& G = belenios_2048();
    EXPECT_EQ(G.p.str().size(), 617u);
    EXPECT_EQ(G.q.str().size(), 77u);
    EXPECT_TRUE(G.is_member(G.g));
    EXPECT_TRUE(G.is_member(Num(1)));
    EXPECT_FALSE(G.is_member(Num(0)));
    EXPECT_FALSE(G.is_member(G.p));
    Num pm1 = G.p;
    mpz_sub_ui(pm1.get(), pm1.get(), 1);
    EXPECT_FALSE(G.is_member(pm1)); // order 2
    EXPECT_FALSE(G.is_member(Num(2)));
    Num x = G.random_zq();
    EXPECT_TRUE(x < G.q);
    // The fixed-base table agrees with plain exponentiation.
    EXPECT_EQ(G.g_pow(x), powm(G.g, x, G.p));
    EXPECT_EQ(G.g_pow(x), G.g_pow_sec(x));
    EXPECT_EQ(G.g_pow(Num(0)), Num(1));
}

TEST(VerifiableGroup, PowManyAgreesWithPowm)
{
    const auto& G = belenios_2048();
    Num base = G.g_pow(G.random_zq());
    Num a = G.random_zq(), b = G.random_zq(), zero(0), one(1), fifteen(15);
    auto r = pow_many(base, { &G.q, &a, &b, &zero, &one, &fifteen }, *G.mont);
    ASSERT_EQ(r.size(), 6u);
    EXPECT_EQ(r[0], Num(1));
    EXPECT_EQ(r[1], powm(base, a, G.p));
    EXPECT_EQ(r[2], powm(base, b, G.p));
    EXPECT_EQ(r[3], Num(1));
    EXPECT_EQ(r[4], base);
    EXPECT_EQ(r[5], powm(base, fifteen, G.p));
    Num pm1 = G.p;
    mpz_sub_ui(pm1.get(), pm1.get(), 1);
    EXPECT_EQ(pow_many(pm1, { &G.q }, *G.mont)[0], pm1); // (p-1)^q = p-1: not a member
}

TEST(VerifiableGroup, HashHelpers)
{
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_b64("abc"), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0");
}

TEST(VerifiableCredential, ChecksumAndFormat)
{
    for (int i = 0; i < 20; ++i) {
        std::string c = generate_credential();
        ASSERT_EQ(c.size(), 19u);
        EXPECT_EQ(normalize_credential(c), c);
        std::string raw;
        for (char ch : c)
            if (ch != '-')
                raw += ch;
        EXPECT_EQ(normalize_credential(raw), c);
        // One changed character breaks the checksum (a typing error is detected).
        std::string typo = c;
        typo[0] = typo[0] == 'a' ? 'b' : 'a';
        EXPECT_FALSE(normalize_credential(typo)) << typo;
    }
    EXPECT_FALSE(normalize_credential("SrC-Kj6-bsv-sN8-vc0")); // 0 is not Base58
    EXPECT_TRUE(normalize_credential("SrC-Kj6-bsv-sN8-vcg"));
    EXPECT_TRUE(is_uuid(generate_uuid()));
    EXPECT_FALSE(is_uuid("ZRWERNzyzoN57"));
    EXPECT_FALSE(is_uuid("ZRWERNzyzoN57O"));
}

TEST(VerifiableCredential, DerivesTheSamplePublicCredentials)
{
    boost::json::value list = boost::json::parse(read_file(testdata("sample_public_creds.json")));
    const auto& pub = list.as_array();
    std::istringstream in(read_file(testdata("sample_private_creds.txt")));
    std::string id, cred;
    int found = 0;
    while (in >> id >> cred) {
        auto c = normalize_credential(cred);
        ASSERT_TRUE(c);
        std::string p = public_credential(credential_secret(*c, "ZRWERNzyzoN57g")).str();
        bool hit = false;
        for (const auto& v : pub)
            hit = hit || v.as_string() == p;
        EXPECT_TRUE(hit) << cred;
        found += hit;
        // Another uuid (salt) gives another credential.
        EXPECT_NE(public_credential(credential_secret(*c, "ZRWERNzyzoN57h")).str(), p);
    }
    EXPECT_EQ(found, 3);
}

TEST(VerifiableElection, SerializesTheSampleByteForByte)
{
    std::string text = read_file(testdata("sample_election.json"));
    auto e = parse_election(text);
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(serialize(*e), text);
    EXPECT_EQ(fingerprint(text), "yWK6ZQ0jRZZJUfEobqahV7EMSncAY/Lo7MKhdiciaWM");
    Election b = *e;
    b.questions[0].blank = true;
    std::string s = serialize(b);
    EXPECT_NE(s.find(R"("answers":["A","B","C"],"blank":true,"min":1)"), std::string::npos) << s;
    EXPECT_TRUE(parse_election(s).ok());
    EXPECT_FALSE(parse_election(R"({"version":1})").ok());
    std::string other_group = text;
    other_group.replace(other_group.find("BELENIOS-2048"), 13, "RFC-3526-2048");
    EXPECT_FALSE(parse_election(other_group).ok());
}

TEST(VerifiableMontgomery, AgreesWithMpzArithmetic)
{
    const auto& G = belenios_2048();
    const Montgomery& M = *G.mont;
    Num pm1 = G.p;
    mpz_sub_ui(pm1.get(), pm1.get(), 1);
    std::vector<Num> values { Num(0), Num(1), Num(2), pm1, G.g, G.q };
    for (int i = 0; i < 20; ++i)
        values.push_back(G.g_pow_sec(G.random_zq()));
    std::vector<mp_limb_t> a(M.size()), b(M.size()), r(M.size());
    for (const auto& x : values) {
        M.to(a.data(), x);
        EXPECT_EQ(M.from(a.data()), x); // all below p
        for (const auto& y : values) {
            M.to(b.data(), y);
            M.mul(r.data(), a.data(), b.data());
            EXPECT_EQ(M.from(r.data()), mul_mod(x, y, G.p));
        }
        M.sqr(r.data(), a.data());
        EXPECT_EQ(M.from(r.data()), mul_mod(x, x, G.p));
        M.mul(a.data(), a.data(), a.data()); // aliasing
        EXPECT_EQ(M.from(a.data()), mul_mod(x, x, G.p));
    }
    // Inputs above the modulus are reduced first.
    Num big = G.p;
    mpz_mul_2exp(big.get(), big.get(), 5);
    mpz_add_ui(big.get(), big.get(), 7);
    M.to(a.data(), big);
    EXPECT_EQ(M.from(a.data()), Num(7));
    EXPECT_EQ(M.from(M.one()), Num(1));
}

TEST(VerifiableMontgomery, OtherModuliAndRefusals)
{
    // A modulus whose top limb is small: the reduction's final subtraction is exercised often.
    Num m = *Num::parse("340282366920938463463374607431768211507"); // 2^128 + 51
    Montgomery M(m);
    EXPECT_EQ(M.size(), 3u);
    std::vector<mp_limb_t> a(3), b(3);
    Num x = *Num::parse("340282366920938463463374607431768211500"), y = *Num::parse("123456789012345678901234567890");
    M.to(a.data(), x);
    M.to(b.data(), y);
    M.mul(a.data(), a.data(), b.data());
    EXPECT_EQ(M.from(a.data()), mul_mod(x, y, m));
    FixedBase table(y, M, 64);
    Num e = *Num::parse("18446744073709551615");
    EXPECT_EQ(table.pow(e), powm(y, e, m));
    Num wide = *Num::parse("18446744073709551616"); // wider than the table: plain powm
    EXPECT_EQ(table.pow(wide), powm(y, wide, m));
    EXPECT_THROW(Montgomery(Num(10)), std::invalid_argument);
    EXPECT_THROW(Montgomery(Num(1)), std::invalid_argument);
}
