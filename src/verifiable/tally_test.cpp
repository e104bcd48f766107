#include "verifiable/archive.hpp"
#include "verifiable/credential.hpp"
#include "verifiable/tally.hpp"
#include "verifiable/test_support.hpp"
#include "verifiable/verify_archive.hpp"
#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace kenes::verifiable;
using namespace kenes::verifiable::testing;
namespace json = boost::json;

namespace {

// A whole election made by the library: a mandatory server key ("Single") and a 2-of-3 Pedersen
// commission, like Belenios' own threshold demo.
struct ThresholdElection {
    SingleTrusteeSecret server = generate_single_trustee();
    PedersenSecret commission = generate_pedersen_trustees(3, 2);
    Trustees trustees { server.public_key, commission.parameters };
    ElectionContext ctx;
    std::vector<std::string> creds;
    CredentialSet pub;
    std::vector<std::string> pub_list;

    static Election make(const Trustees& t)
    {
        Election e;
        e.name = "Студенттік кеңес сайлауы";
        // Characters JSON must escape, and non-ASCII: the archive keeps our bytes, the tool must agree.
        e.description = "Kenes test: \"quoted\" / back\\slash \t tab \n line \x01 ctl 😀";
        e.uuid = generate_uuid();
        e.public_key = election_public_key(t);
        e.questions.push_back({ { "Әлия", "Бекзат", "Dana", "Ерлан", "Жанар" }, false, 1, 1, "Төраға?" });
        e.questions.push_back({ { "Yes", "No" }, true, 1, 1, "Blank allowed?" });
        return e;
    }
    explicit ThresholdElection(int voters)
        : ctx(make(trustees))
    {
        for (int i = 0; i < voters; ++i) {
            creds.push_back(generate_credential());
            pub_list.push_back(public_credential(credential_secret(creds.back(), ctx.election.uuid)).str());
            pub.insert(pub_list.back());
        }
    }
    std::string public_credentials_json() const
    {
        json::array a;
        for (const auto& p : pub_list)
            a.emplace_back(p);
        return json::serialize(a);
    }
};

VerifiedBallot accept(const std::string& raw, const ThresholdElection& e)
{
    auto r = verify_ballot(raw, e.ctx, e.pub);
    EXPECT_TRUE(std::holds_alternative<VerifiedBallot>(r));
    return std::get<VerifiedBallot>(r);
}

}

TEST(VerifiableTally, LastBallotPerCredentialCounts)
{
    std::vector<VerifiedBallot> bs(4);
    bs[0].credential = "a";
    bs[1].credential = "b";
    bs[2].credential = "a";
    bs[3].credential = "c";
    EXPECT_EQ(last_ballots(bs), (std::vector<std::size_t> { 1, 2, 3 }));
}

TEST(VerifiableTally, ThresholdDecryptionGivesThePlaintextCounts)
{
    ThresholdElection e(3);
    std::vector<VerifiedBallot> accepted;
    accepted.push_back(accept(make_ballot(e.ctx, e.creds[0], { { 1, 0, 0, 0, 0 }, { 1, 0 } }), e));
    accepted.push_back(accept(make_ballot(e.ctx, e.creds[1], { { 0, 0, 1, 0, 0 }, { 0, 0 } }), e));
    accepted.push_back(accept(make_ballot(e.ctx, e.creds[0], { { 0, 0, 1, 0, 0 }, { 0, 1 } }), e)); // revote
    std::size_t n = 0;
    auto tally = tally_last_ballots(e.ctx.election, accepted, &n);
    EXPECT_EQ(n, 2u);
    auto parsed = parse_encrypted_tally(serialize(tally), e.ctx.election);
    ASSERT_TRUE(parsed);
    Decryptions ds;
    ds[1] = make_partial_decryption(e.ctx, tally, e.server.private_key);
    ds[2] = make_partial_decryption(e.ctx, tally, e.commission.shares[0]);
    ds[4] = make_partial_decryption(e.ctx, tally, e.commission.shares[2]);
    for (auto& [owner, d] : ds) {
        auto X = owner_public_key(e.trustees, owner);
        ASSERT_TRUE(X);
        EXPECT_TRUE(verify_partial_decryption(e.ctx, tally, *X, d)) << owner;
        auto reparsed = parse_partial_decryption(serialize(d), tally);
        ASSERT_TRUE(reparsed);
        EXPECT_EQ(serialize(*reparsed), serialize(d));
    }
    // A decryption checked against another trustee's key, or with a changed factor, fails.
    EXPECT_FALSE(verify_partial_decryption(e.ctx, tally, *owner_public_key(e.trustees, 3), ds[2]));
    auto forged = ds[2];
    forged.factors[0][0] = belenios_2048().mul(forged.factors[0][0], belenios_2048().g);
    EXPECT_FALSE(verify_partial_decryption(e.ctx, tally, *owner_public_key(e.trustees, 2), forged));

    auto result = combine(e.trustees, tally, ds, 10);
    ASSERT_TRUE(result);
    EXPECT_EQ(*result, (std::vector<std::vector<long long>> { { 0, 0, 2, 0, 0 }, { 1, 0, 1 } }));
    // One commission member absent: the threshold holds with the other two.
    Decryptions other { { 1, ds[1] }, { 3, make_partial_decryption(e.ctx, tally, e.commission.shares[1]) }, { 4, ds[4] } };
    EXPECT_EQ(combine(e.trustees, tally, other, 10), result);
    // Below the threshold, or without the mandatory key, there is no result.
    EXPECT_FALSE(combine(e.trustees, tally, Decryptions { { 1, ds[1] }, { 2, ds[2] } }, 10));
    EXPECT_FALSE(combine(e.trustees, tally, Decryptions { { 2, ds[2] }, { 4, ds[4] } }, 10));
    EXPECT_EQ(serialize_result(*result), R"({"result":[[0,0,2,0,0],[1,0,1]]})");
}

TEST(VerifiableArchive, WholeElectionVerifiesWithBeleniosTool)
{
    if (!have_belenios_tool())
        GTEST_SKIP() << "belenios-tool not installed";
    ThresholdElection e(3);
    TempDir dir;
    std::string uuid = e.ctx.election.uuid;
    auto path = dir.path / (uuid + ".bel");
    auto w = ArchiveWriter::create(path, 1796588171);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(w->setup(e.ctx.serialized, serialize(e.trustees), e.public_credentials_json()).ok());
    std::vector<VerifiedBallot> accepted;
    std::vector<std::vector<std::vector<int>>> votes {
        { { 0, 1, 0, 0, 0 }, { 1, 0 } }, { { 0, 0, 0, 0, 1 }, { 0, 0 } }, { { 1, 0, 0, 0, 0 }, { 0, 1 } }, { { 0, 0, 0, 0, 1 }, { 0, 1 } }
    };
    std::vector<int> voter { 0, 1, 2, 0 }; // voter 0 votes again: the last ballot counts
    for (std::size_t i = 0; i < votes.size(); ++i) {
        std::string raw = make_ballot(e.ctx, e.creds[voter[i]], votes[i]);
        accepted.push_back(accept(raw, e));
        ASSERT_TRUE(w->ballot(raw).ok());
    }
    auto mid = belenios_tool(dir.path, "election verify --dir .");
    EXPECT_EQ(mid.exit_code, 0) << mid.all();
    EXPECT_NE(mid.all().find("all checks passed"), std::string::npos) << mid.all();

    // The server restarts: the archive is reopened and the chain continues.
    w = ArchiveWriter::open(path);
    ASSERT_TRUE(w.ok());
    EXPECT_EQ(w->height(), 4);
    ASSERT_TRUE(w->end_ballots().ok());
    std::size_t n = 0;
    auto tally = tally_last_ballots(e.ctx.election, accepted, &n);
    ASSERT_TRUE(w->encrypted_tally(serialize(tally), n, n).ok());
    Decryptions ds;
    ds[1] = make_partial_decryption(e.ctx, tally, e.server.private_key);
    ds[3] = make_partial_decryption(e.ctx, tally, e.commission.shares[1]);
    ds[4] = make_partial_decryption(e.ctx, tally, e.commission.shares[2]);
    for (const auto& [owner, d] : ds)
        ASSERT_TRUE(w->partial_decryption(owner, serialize(d)).ok());
    auto result = combine(e.trustees, tally, ds, static_cast<long long>(n));
    ASSERT_TRUE(result);
    EXPECT_EQ(*result, (std::vector<std::vector<long long>> { { 1, 0, 0, 0, 2 }, { 1, 0, 2 } }));
    ASSERT_TRUE(w->result(serialize_result(*result)).ok());

    // Kenes' own verifier agrees.
    auto report = verify_archive(path);
    ASSERT_TRUE(report.ok()) << report.error().log_message;
    EXPECT_EQ(report->ballots, 4u);
    EXPECT_EQ(report->num_tallied, 3u);
    EXPECT_EQ(report->result, result);

    auto run = belenios_tool(dir.path, "election verify --dir .");
    EXPECT_EQ(run.exit_code, 0) << run.all();
    EXPECT_NE(run.all().find("all checks passed"), std::string::npos) << run.all();
    // belenios-tool computes the same result from our archive.
    auto its = belenios_tool(dir.path, "election compute-result --dir .");
    EXPECT_EQ(its.exit_code, 0) << its.all();
    EXPECT_NE(its.out.find(R"({"result":[[1,0,0,0,2],[1,0,2]]})"), std::string::npos) << its.all();
}

TEST(VerifiableArchive, ReopensBeleniosToolArchive)
{
    TempDir dir;
    std::filesystem::copy_file(testdata("sample.bel"), dir.path / "sample.bel");
    auto w = ArchiveWriter::open(dir.path / "sample.bel");
    ASSERT_TRUE(w.ok());
    EXPECT_EQ(w->height(), 1);
    EXPECT_EQ(w->last_event(), "fae616fbae3f0ff74b8d0258ed782f3395c06b4dd87be9220a03ae133419cdbd");
    ASSERT_TRUE(w->end_ballots().ok());
    auto entries = read_archive(dir.path / "sample.bel");
    ASSERT_TRUE(entries.ok());
    ASSERT_EQ(entries->size(), 9u);
    EXPECT_EQ(entries->back().bytes,
        R"({"parent":"fae616fbae3f0ff74b8d0258ed782f3395c06b4dd87be9220a03ae133419cdbd","height":2,"type":"EndBallots"})");
    // Byte-identical to the event belenios-tool appended for the same step (its name is its hash).
    EXPECT_EQ(entries->back().name, "fb143dbabdf1bf6094c6134f5733ff662c4d2f3afe7a8f5378bd5ad67c5cf4ed.event.json");
    for (const auto& e : *entries) {
        if (e.name != "BELENIOS") {
            EXPECT_EQ(e.name.substr(0, 64), sha256_hex(e.bytes)) << e.name;
        }
    }
}

TEST(VerifiableArchive, WritesTheSameBytesAsBeleniosTool)
{
    // Re-create belenios-tool's sample archive (setup and one ballot) from its own data files:
    // the result must be byte-identical, tar headers included.
    std::string sample = read_file(testdata("sample.bel"));
    TempDir dir;
    auto w = ArchiveWriter::create(dir.path / "ours.bel", 1796588171);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE(w->setup(read_file(testdata("sample_election.json")), read_file(testdata("sample_trustees.json")),
                     read_file(testdata("sample_public_creds.json")))
                    .ok());
    std::string ballot = read_file(testdata("sample_ballot.json"));
    ballot.pop_back(); // the tool's output ends with a newline, the archived ballot does not
    ASSERT_TRUE(w->ballot(ballot).ok());
    w = ArchiveWriter::create(dir.path / "unused.bel", 0); // closes ours.bel
    std::string ours = read_file(dir.path / "ours.bel");
    EXPECT_EQ(ours.size(), sample.size());
    EXPECT_TRUE(ours == sample);
}

TEST(VerifiableArchive, OwnVerifierChecksTheSampleAndRefusesAReplay)
{
    TempDir dir;
    auto path = dir.path / "sample.bel";
    std::filesystem::copy_file(testdata("sample.bel"), path);
    auto report = verify_archive(path);
    ASSERT_TRUE(report.ok()) << report.error().log_message;
    EXPECT_EQ(report->ballots, 1u);
    // The same ballot again (re-indented so its bytes and tracker differ): a replay.
    std::string ballot = read_file(testdata("sample_ballot.json"));
    ballot.insert(1, " ");
    {
        auto w = ArchiveWriter::open(path);
        ASSERT_TRUE(w.ok());
        ASSERT_TRUE(w->ballot(ballot).ok());
    }
    auto replayed = verify_archive(path);
    ASSERT_FALSE(replayed.ok());
    EXPECT_NE(replayed.error().log_message.find("replayed"), std::string::npos) << replayed.error().log_message;
}

TEST(VerifiableArchive, OwnVerifierRefusesAWrongTallyOrResult)
{
    ThresholdElection e(2);
    auto run = [&](bool wrong_tally, bool wrong_result) {
        TempDir dir;
        auto path = dir.path / "e.bel";
        auto w = ArchiveWriter::create(path, 1796588171);
        EXPECT_TRUE(w->setup(e.ctx.serialized, serialize(e.trustees), e.public_credentials_json()).ok());
        std::vector<VerifiedBallot> accepted;
        for (int v = 0; v < 2; ++v) {
            std::string raw = make_ballot(e.ctx, e.creds[v], { { 0, 0, 0, 1, 0 }, { 1, 0 } });
            accepted.push_back(accept(raw, e));
            EXPECT_TRUE(w->ballot(raw).ok());
        }
        EXPECT_TRUE(w->end_ballots().ok());
        std::size_t n = 0;
        auto tally = tally_last_ballots(e.ctx.election, accepted, &n);
        if (wrong_tally) // one ballot left out
            tally = encrypted_tally(e.ctx.election, { &accepted[0] });
        EXPECT_TRUE(w->encrypted_tally(serialize(tally), n, n).ok());
        Decryptions ds;
        ds[1] = make_partial_decryption(e.ctx, tally, e.server.private_key);
        ds[2] = make_partial_decryption(e.ctx, tally, e.commission.shares[0]);
        ds[3] = make_partial_decryption(e.ctx, tally, e.commission.shares[1]);
        for (const auto& [owner, d] : ds)
            EXPECT_TRUE(w->partial_decryption(owner, serialize(d)).ok());
        auto result = combine(e.trustees, tally, ds, 2).value();
        if (wrong_result)
            result[0][3] -= 1, result[0][0] += 1;
        EXPECT_TRUE(w->result(serialize_result(result)).ok());
        w = ArchiveWriter::create(dir.path / "unused.bel", 0);
        auto r = verify_archive(path);
        return r.ok() ? std::string("ok") : r.error().log_message;
    };
    EXPECT_EQ(run(false, false), "ok");
    EXPECT_NE(run(true, false).find("encrypted tally differs"), std::string::npos);
    EXPECT_NE(run(false, true).find("result differs"), std::string::npos);
}
