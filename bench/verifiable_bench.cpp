// Verifiable ballots (src/verifiable): the server's per-ballot check, the encrypted tally of
// 30,000 ballots, and a trustee's decryption. Targets from issue 13: >= 100 ballots/s per core
// (<= 10 ms per one-of-five ballot), tally of 30,000 ballots < 2 s, trustee decryption < 5 s.
#include "verifiable/archive.hpp"
#include "verifiable/ballot.hpp"
#include "verifiable/credential.hpp"
#include "verifiable/tally.hpp"
#include "verifiable/trustees.hpp"
#include "verifiable/verify_archive.hpp"
#include <benchmark/benchmark.h>
#include <filesystem>

using namespace kenes::verifiable;

namespace {

struct Setup {
    SingleTrusteeSecret server = generate_single_trustee();
    PedersenSecret commission = generate_pedersen_trustees(3, 2);
    Trustees trustees { server.public_key, commission.parameters };
    ElectionContext ctx { make() };
    std::vector<std::string> creds;
    CredentialSet pub;
    std::vector<VerifiedBallot> ballots; // 50 distinct ballots

    Election make()
    {
        Election e;
        e.name = "Bench";
        e.uuid = generate_uuid();
        e.public_key = election_public_key(trustees);
        e.questions.push_back({ { "A", "B", "C", "D", "E" }, false, 1, 1, "One of five?" });
        return e;
    }
    Setup()
    {
        for (int i = 0; i < 50; ++i) {
            creds.push_back(generate_credential());
            pub.insert(public_credential(credential_secret(creds.back(), ctx.election.uuid)).str());
        }
        for (int i = 0; i < 50; ++i) {
            std::vector<int> sel(5, 0);
            sel[i % 5] = 1;
            ballots.push_back(std::get<VerifiedBallot>(verify_ballot(make_ballot(ctx, creds[i], { sel }), ctx, pub)));
        }
    }
};

const Setup& setup()
{
    static const Setup s;
    return s;
}

// 30,000 ballots: the 50 distinct ones repeated (the cost per product does not depend on values).
std::vector<const VerifiedBallot*> many(std::size_t n)
{
    std::vector<const VerifiedBallot*> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(&setup().ballots[i % setup().ballots.size()]);
    return out;
}

}

static void VerifiableVerifyBallotOneOfFive(benchmark::State& state)
{
    const auto& s = setup();
    std::string raw = make_ballot(s.ctx, s.creds[0], { { 0, 0, 1, 0, 0 } });
    for (auto _ : state)
        benchmark::DoNotOptimize(verify_ballot(raw, s.ctx, s.pub));
}
BENCHMARK(VerifiableVerifyBallotOneOfFive)->Unit(benchmark::kMillisecond);

static void VerifiableMakeBallotOneOfFive(benchmark::State& state)
{
    const auto& s = setup();
    for (auto _ : state)
        benchmark::DoNotOptimize(make_ballot(s.ctx, s.creds[0], { { 0, 0, 1, 0, 0 } }));
}
BENCHMARK(VerifiableMakeBallotOneOfFive)->Unit(benchmark::kMillisecond);

static void VerifiableEncryptedTally30k(benchmark::State& state)
{
    auto ballots = many(30000);
    for (auto _ : state)
        benchmark::DoNotOptimize(encrypted_tally(setup().ctx.election, ballots));
}
BENCHMARK(VerifiableEncryptedTally30k)->Unit(benchmark::kMillisecond)->Iterations(3);

static void VerifiablePartialDecryption(benchmark::State& state)
{
    const auto& s = setup();
    auto tally = encrypted_tally(s.ctx.election, many(30000));
    for (auto _ : state)
        benchmark::DoNotOptimize(make_partial_decryption(s.ctx, tally, s.commission.shares[0]));
}
BENCHMARK(VerifiablePartialDecryption)->Unit(benchmark::kMillisecond);

static void VerifiablePartialDecryptionCheck(benchmark::State& state)
{
    const auto& s = setup();
    auto tally = encrypted_tally(s.ctx.election, many(30000));
    auto d = make_partial_decryption(s.ctx, tally, s.commission.shares[0]);
    Num X = s.commission.parameters.verification_keys[0].public_key;
    for (auto _ : state)
        benchmark::DoNotOptimize(verify_partial_decryption(s.ctx, tally, X, d));
}
BENCHMARK(VerifiablePartialDecryptionCheck)->Unit(benchmark::kMillisecond);

// Combining 1 mandatory + 2 of 3 commission decryptions and the discrete logarithms of counts
// summing to 30,000.
static void VerifiableCombine30k(benchmark::State& state)
{
    const auto& s = setup();
    auto tally = encrypted_tally(s.ctx.election, many(30000));
    Decryptions ds;
    ds[1] = make_partial_decryption(s.ctx, tally, s.server.private_key);
    ds[2] = make_partial_decryption(s.ctx, tally, s.commission.shares[0]);
    ds[4] = make_partial_decryption(s.ctx, tally, s.commission.shares[2]);
    for (auto _ : state)
        benchmark::DoNotOptimize(combine(s.trustees, tally, ds, 30000));
}
BENCHMARK(VerifiableCombine30k)->Unit(benchmark::kMillisecond);

// Kenes' own verifier on a whole archive of 200 one-of-five ballots, tallied, decrypted (1 + 2 of
// 3 trustees) and with its result; the time is close to linear in the number of ballots.
static void VerifiableVerifyArchive200(benchmark::State& state)
{
    const auto& s = setup();
    auto path = std::filesystem::temp_directory_path() / ("kenes-bench-" + s.ctx.election.uuid + ".bel");
    {
        auto w = ArchiveWriter::create(path, 1796588171).value();
        boost::json::array creds;
        for (const auto& c : s.creds)
            creds.emplace_back(public_credential(credential_secret(c, s.ctx.election.uuid)).str());
        (void)w.setup(s.ctx.serialized, serialize(s.trustees), boost::json::serialize(creds));
        std::vector<VerifiedBallot> accepted;
        for (int i = 0; i < 200; ++i) {
            std::vector<int> sel(5, 0);
            sel[i % 5] = 1;
            std::string raw = make_ballot(s.ctx, s.creds[i % s.creds.size()], { sel });
            accepted.push_back(std::get<VerifiedBallot>(verify_ballot(raw, s.ctx, s.pub)));
            (void)w.ballot(raw);
        }
        (void)w.end_ballots();
        std::size_t n = 0;
        auto tally = tally_last_ballots(s.ctx.election, accepted, &n);
        (void)w.encrypted_tally(serialize(tally), n, n);
        Decryptions ds;
        ds[1] = make_partial_decryption(s.ctx, tally, s.server.private_key);
        ds[2] = make_partial_decryption(s.ctx, tally, s.commission.shares[0]);
        ds[4] = make_partial_decryption(s.ctx, tally, s.commission.shares[2]);
        for (const auto& [owner, d] : ds)
            (void)w.partial_decryption(owner, serialize(d));
        (void)w.result(serialize_result(combine(s.trustees, tally, ds, (long long)n).value()));
    }
    for (auto _ : state) {
        auto r = verify_archive(path);
        if (!r.ok())
            state.SkipWithError(r.error().log_message.c_str());
    }
    std::filesystem::remove(path);
}
BENCHMARK(VerifiableVerifyArchive200)->Unit(benchmark::kMillisecond)->Iterations(2);
