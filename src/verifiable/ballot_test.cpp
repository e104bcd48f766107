#include "verifiable/ballot.hpp"
#include "verifiable/credential.hpp"
#include "verifiable/test_support.hpp"
#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace kenes::verifiable;
using namespace kenes::verifiable::testing;
namespace json = boost::json;

namespace {

ElectionContext sample_election()
{
    std::string text = read_file(testdata("sample_election.json"));
    return ElectionContext(parse_election(text).value(), text);
}

CredentialSet sample_credentials()
{
    CredentialSet set;
    json::value list = json::parse(read_file(testdata("sample_public_creds.json")));
    for (const auto& v : list.as_array())
        set.insert(std::string(v.as_string()));
    return set;
}

BallotDefect defect(const std::variant<VerifiedBallot, BallotDefect>& r)
{
    return std::holds_alternative<BallotDefect>(r) ? std::get<BallotDefect>(r) : BallotDefect(-1);
}

// A fixed election with a one-of-three question and a blank-capable question, made here.
struct Fixture {
    Num x = belenios_2048().random_zq();
    ElectionContext ctx;
    std::string cred1 = generate_credential();
    std::string cred2 = generate_credential();
    CredentialSet creds;

    static Election election(const Num& x)
    {
        Election e;
        e.name = "Test";
        e.description = "Verifiable ballot tests";
        e.uuid = generate_uuid();
        e.public_key = belenios_2048().g_pow_sec(x);
        e.questions.push_back({ { "A", "B", "C" }, false, 1, 1, "One of three?" });
        e.questions.push_back({ { "X", "Y" }, true, 1, 2, "Blank allowed?" });
        return e;
    }
    Fixture()
        : ctx(election(x))
    {
        for (const auto& c : { cred1, cred2 })
            creds.insert(public_credential(credential_secret(c, ctx.election.uuid)).str());
    }
};

// Replaces the n-th occurrence of the JSON string value `from` by `to`.
std::string replace_value(std::string text, const std::string& from, const std::string& to)
{
    auto pos = text.find("\"" + from + "\"");
    EXPECT_NE(pos, std::string::npos);
    return text.replace(pos + 1, from.size(), to);
}

std::string flip_last_digit(const std::string& s)
{
    std::string t = s;
    t.back() = t.back() == '1' ? '2' : '1';
    return t;
}

}

TEST(VerifiableBallot, AcceptsTheBeleniosToolSampleBallot)
{
    auto ctx = sample_election();
    std::string raw = read_file(testdata("sample_ballot.json"));
    auto r = verify_ballot(raw, ctx, sample_credentials());
    ASSERT_TRUE(std::holds_alternative<VerifiedBallot>(r)) << defect_name(defect(r));
    const auto& b = std::get<VerifiedBallot>(r);
    EXPECT_EQ(b.choices.size(), 1u);
    EXPECT_EQ(b.choices[0].size(), 3u);
    std::string compact = json::serialize(json::parse(raw));
    EXPECT_EQ(b.text, compact);
    EXPECT_EQ(b.tracker, sha256_b64(compact));
    // Reformatting (here: indentation) keeps the ballot valid: the signature covers our own
    // serialization, not the submitter's bytes. The board keeps the canonical text, so the tracker
    // and the content hash (which refuses replays) stay those of the compact ballot.
    std::string pretty = compact;
    pretty.insert(1, "\n  ");
    auto r2 = verify_ballot(pretty, ctx, sample_credentials());
    ASSERT_TRUE(std::holds_alternative<VerifiedBallot>(r2));
    EXPECT_EQ(std::get<VerifiedBallot>(r2).text, compact);
    EXPECT_EQ(std::get<VerifiedBallot>(r2).tracker, b.tracker);
    EXPECT_EQ(std::get<VerifiedBallot>(r2).content_hash, b.content_hash);
    EXPECT_EQ(b.content_hash, "UEP3kJ3SemdlGZdeJ+67mZzboR03Tusacr+6WcpVyMY");
}

TEST(VerifiableBallot, RejectsSampleBallotDefects)
{
    auto ctx = sample_election();
    auto creds = sample_credentials();
    std::string raw = read_file(testdata("sample_ballot.json"));
    auto v = json::parse(raw).as_object();
    auto& choice0 = v["answers"].as_array()[0].as_object()["choices"].as_array()[0].as_object();
    auto& iproof0 = v["answers"].as_array()[0].as_object()["individual_proofs"].as_array()[0].as_array()[0].as_object();
    auto& overall = v["answers"].as_array()[0].as_object()["overall_proof"].as_array()[0].as_object();
    auto& sig = v["signature"].as_object()["proof"].as_object();
    auto with = [&](auto mutate) {
        json::object copy = v;
        mutate(copy);
        return defect(verify_ballot(json::serialize(copy), ctx, creds));
    };
    auto& a0 = v["answers"].as_array()[0].as_object();
    (void)a0;
    EXPECT_EQ(defect(verify_ballot("{", ctx, creds)), BallotDefect::malformed);
    EXPECT_EQ(defect(verify_ballot("[]", ctx, creds)), BallotDefect::malformed);
    std::string alpha = std::string(choice0["alpha"].as_string());
    EXPECT_EQ(defect(verify_ballot(replace_value(raw, alpha, "0" + alpha), ctx, creds)), BallotDefect::malformed);
    EXPECT_EQ(defect(verify_ballot(replace_value(raw, alpha, "+" + alpha), ctx, creds)), BallotDefect::malformed);
    EXPECT_EQ(with([](json::object& o) { o["extra"] = 1; }), BallotDefect::malformed);
    // A duplicate key (a JSON reader may take either value) and an escaped character are refused.
    std::string dup = raw;
    dup.insert(1, R"("election_uuid":"ZRWERNzyzoN57h",)");
    EXPECT_EQ(defect(verify_ballot(dup, ctx, creds)), BallotDefect::malformed);
    std::string escaped = raw;
    escaped.replace(escaped.find("ZRWERNzyzoN57g"), 1, "\\u005A");
    EXPECT_EQ(defect(verify_ballot(escaped, ctx, creds)), BallotDefect::malformed);
    EXPECT_EQ(with([](json::object& o) { o["answers"].as_array()[0].as_object()["choices"].as_array().pop_back(); }),
        BallotDefect::malformed);
    EXPECT_EQ(with([](json::object& o) { o["election_uuid"] = "ZRWERNzyzoN57h"; }), BallotDefect::wrong_election);
    EXPECT_EQ(with([](json::object& o) { o["election_hash"] = "yWK6ZQ0jRZZJUfEobqahV7EMSncAY/Lo7MKhdiciaWN"; }),
        BallotDefect::wrong_election);
    CredentialSet none;
    EXPECT_EQ(defect(verify_ballot(raw, ctx, none)), BallotDefect::unknown_credential);
    const auto& G = belenios_2048();
    Num pm1 = G.p;
    mpz_sub_ui(pm1.get(), pm1.get(), 1);
    std::string beta = std::string(choice0["beta"].as_string());
    EXPECT_EQ(defect(verify_ballot(replace_value(raw, alpha, pm1.str()), ctx, creds)), BallotDefect::not_in_group);
    EXPECT_EQ(defect(verify_ballot(replace_value(raw, beta, "2"), ctx, creds)), BallotDefect::not_in_group);
    EXPECT_EQ(defect(verify_ballot(replace_value(raw, alpha, G.p.str()), ctx, creds)), BallotDefect::not_in_group);
    std::string ir = std::string(iproof0["response"].as_string());
    EXPECT_EQ(defect(verify_ballot(replace_value(raw, ir, flip_last_digit(ir)), ctx, creds)),
        BallotDefect::bad_individual_proof);
    std::string orr = std::string(overall["response"].as_string());
    EXPECT_EQ(defect(verify_ballot(replace_value(raw, orr, flip_last_digit(orr)), ctx, creds)),
        BallotDefect::bad_overall_proof);
    std::string sr = std::string(sig["response"].as_string());
    EXPECT_EQ(defect(verify_ballot(replace_value(raw, sr, flip_last_digit(sr)), ctx, creds)), BallotDefect::bad_signature);
    std::string sh = std::string(v["signature"].as_object()["hash"].as_string());
    EXPECT_EQ(defect(verify_ballot(replace_value(raw, sh, flip_last_digit(sh)), ctx, creds)), BallotDefect::bad_signature);
}

TEST(VerifiableBallot, MakeBallotRoundTripAndDefects)
{
    Fixture f;
    for (auto sel : std::vector<std::vector<std::vector<int>>> { { { 1, 0, 0 }, { 1, 0 } }, { { 0, 0, 1 }, { 1, 1 } }, { { 0, 1, 0 }, { 0, 0 } } }) {
        std::string raw = make_ballot(f.ctx, f.cred1, sel);
        auto r = verify_ballot(raw, f.ctx, f.creds);
        ASSERT_TRUE(std::holds_alternative<VerifiedBallot>(r)) << defect_name(defect(r));
        EXPECT_EQ(std::get<VerifiedBallot>(r).choices[1].size(), 3u); // blank first
    }
    // Choice 2: the 0-or-1 proof cannot hold.
    EXPECT_EQ(defect(verify_ballot(make_ballot(f.ctx, f.cred1, { { 2, 0, 0 }, { 1, 0 } }), f.ctx, f.creds)),
        BallotDefect::bad_individual_proof);
    // Two choices in a one-of-three.
    EXPECT_EQ(defect(verify_ballot(make_ballot(f.ctx, f.cred1, { { 1, 1, 0 }, { 1, 0 } }), f.ctx, f.creds)),
        BallotDefect::bad_overall_proof);
    // No choice where at least one is required and blank is not allowed.
    EXPECT_EQ(defect(verify_ballot(make_ballot(f.ctx, f.cred1, { { 0, 0, 0 }, { 1, 0 } }), f.ctx, f.creds)),
        BallotDefect::bad_overall_proof);
    // A credential not in the published list.
    EXPECT_EQ(defect(verify_ballot(make_ballot(f.ctx, generate_credential(), { { 1, 0, 0 }, { 1, 0 } }), f.ctx, f.creds)),
        BallotDefect::unknown_credential);
    // A ballot of another election (same questions and key, other uuid).
    Election other = f.ctx.election;
    other.uuid = generate_uuid();
    ElectionContext octx(other);
    EXPECT_EQ(defect(verify_ballot(make_ballot(octx, f.cred1, { { 1, 0, 0 }, { 1, 0 } }), f.ctx, f.creds)),
        BallotDefect::wrong_election);
}

TEST(VerifiableBallot, BlankProofIsChecked)
{
    Fixture f;
    std::string raw = make_ballot(f.ctx, f.cred2, { { 1, 0, 0 }, { 0, 0 } });
    auto v = json::parse(raw).as_object();
    auto& bp = v["answers"].as_array()[1].as_object()["blank_proof"].as_array()[1].as_object();
    std::string r = std::string(bp["response"].as_string());
    EXPECT_EQ(defect(verify_ballot(replace_value(raw, r, flip_last_digit(r)), f.ctx, f.creds)), BallotDefect::bad_blank_proof);
}
