// Ballots cross between Kenes and belenios-tool 2.0 in both directions, on an election whose
// files (election.json, trustees.json, public_creds.json) Kenes wrote and the tool imported.
#include "verifiable/ballot.hpp"
#include "verifiable/credential.hpp"
#include "verifiable/test_support.hpp"
#include "verifiable/trustees.hpp"
#include <boost/json.hpp>
#include <gtest/gtest.h>

using namespace kenes::verifiable;
using namespace kenes::verifiable::testing;
namespace json = boost::json;

TEST(VerifiableInterop, BallotsCrossBetweenKenesAndBeleniosTool)
{
    if (!have_belenios_tool())
        GTEST_SKIP() << "belenios-tool not installed";
    auto server = generate_single_trustee();
    Trustees trustees { server.public_key };
    Election e;
    e.name = "Interop";
    e.description = "Kenes <-> belenios-tool";
    e.uuid = generate_uuid();
    e.public_key = election_public_key(trustees);
    e.questions.push_back({ { "A", "B", "C", "D", "E" }, false, 1, 1, "One of five?" });
    e.questions.push_back({ { "Yes", "No", "Maybe" }, true, 1, 2, "Blank allowed, one or two?" });
    e.questions.push_back({ { "P", "Q", "R" }, false, 0, 2, "Up to two?" });
    ElectionContext ctx(e);
    std::vector<std::string> creds { generate_credential(), generate_credential() };
    CredentialSet pub;
    json::array list; // plain public credentials: no weights, no voter ids
    for (const auto& c : creds) {
        pub.insert(public_credential(credential_secret(c, e.uuid)).str());
        list.emplace_back(public_credential(credential_secret(c, e.uuid)).str());
    }
    TempDir dir;
    write_file(dir.path / "election.json", ctx.serialized);
    write_file(dir.path / "trustees.json", serialize(trustees));
    write_file(dir.path / "public_creds.json", json::serialize(list));
    auto init = belenios_tool(dir.path, "archive init");
    ASSERT_EQ(init.exit_code, 0) << init.all();

    // belenios-tool's ballots are accepted by Kenes (a chosen answer and a blank).
    write_file(dir.path / "cred0", creds[0] + "\n");
    // For a blank-capable question the tool's plaintext has the blank flag first.
    write_file(dir.path / "vote0", "[[0,0,1,0,0],[1,0,0,0],[0,1,1]]\n");
    auto gen = belenios_tool(dir.path, "election generate-ballot --privcred cred0 --ballot vote0");
    ASSERT_EQ(gen.exit_code, 0) << gen.all();
    std::string tool_ballot = gen.out;
    while (!tool_ballot.empty() && tool_ballot.back() == '\n')
        tool_ballot.pop_back();
    auto r = verify_ballot(tool_ballot, ctx, pub);
    ASSERT_TRUE(std::holds_alternative<VerifiedBallot>(r)) << defect_name(std::get<BallotDefect>(r)) << "\n"
                                                           << tool_ballot;
    EXPECT_EQ(std::get<VerifiedBallot>(r).choices[1].size(), 4u);
    write_file(dir.path / "vote1", "[[1,0,0,0,0],[0,1,0,1],[0,0,0]]\n");
    auto gen1 = belenios_tool(dir.path, "election generate-ballot --privcred cred0 --ballot vote1");
    ASSERT_EQ(gen1.exit_code, 0) << gen1.all();
    EXPECT_TRUE(std::holds_alternative<VerifiedBallot>(verify_ballot(gen1.out, ctx, pub)));

    // Kenes' ballots are accepted by belenios-tool.
    for (auto sel : std::vector<std::vector<std::vector<int>>> { { { 1, 0, 0, 0, 0 }, { 0, 0, 0 }, { 0, 0, 0 } }, { { 0, 0, 0, 0, 1 }, { 1, 0, 1 }, { 1, 1, 0 } } }) {
        std::string ours = make_ballot(ctx, creds[1], sel);
        auto add = belenios_tool(dir.path, "archive add-event --type=Ballot", ours);
        ASSERT_EQ(add.exit_code, 0) << add.all();
    }
    auto add = belenios_tool(dir.path, "archive add-event --type=Ballot", tool_ballot);
    ASSERT_EQ(add.exit_code, 0) << add.all();
    auto verify = belenios_tool(dir.path, "election verify");
    EXPECT_EQ(verify.exit_code, 0) << verify.all();
    EXPECT_NE(verify.all().find("all checks passed"), std::string::npos) << verify.all();

    // And belenios-tool's verifier refuses a ballot with two choices in a one-of-five, as Kenes does
    // (add-event itself appends without checking).
    std::string bad = make_ballot(ctx, creds[1], { { 1, 1, 0, 0, 0 }, { 1, 0, 0 }, { 0, 0, 1 } });
    EXPECT_EQ(std::get<BallotDefect>(verify_ballot(bad, ctx, pub)), BallotDefect::bad_overall_proof);
    ASSERT_EQ(belenios_tool(dir.path, "archive add-event --type=Ballot", bad).exit_code, 0);
    auto refused = belenios_tool(dir.path, "election verify");
    EXPECT_NE(refused.exit_code, 0) << refused.all();
    EXPECT_EQ(refused.all().find("all checks passed"), std::string::npos) << refused.all();
}
