// The audit chain's cost per entry: a plain hash (chains from before keying), the keyed MAC every
// new entry gets (subkey derivation included, as in audit::record), and verification of a keyed
// chain by ChainChecker (what `kenes audit verify` does per entry, without the database reads).
#include "security/audit.hpp"
#include "security/crypto.hpp"
#include "security/keys.hpp"
#include <benchmark/benchmark.h>

using namespace kenes;

namespace {

audit::Entry sample_entry()
{
    return { 1001, { 42, "admin" }, "person.update", "person", 4242 };
}

const std::string before_json = R"({"surname":"Сәрсенова","name":"Әлия","phone":"+7 700 000 00 00"})";
const std::string after_json = R"({"surname":"Сәрсенова","name":"Әлия","phone":"+7 701 111 11 11"})";

}

static void AuditEntryPlainHash(benchmark::State& state)
{
    crypto::init();
    std::string prev(32, '\0');
    for (auto _ : state)
        benchmark::DoNotOptimize(prev = audit::entry_hash(prev, 7, 1796460275694, sample_entry(), before_json, after_json));
}
BENCHMARK(AuditEntryPlainHash);

static void AuditEntryMac(benchmark::State& state)
{
    crypto::init();
    auto key = keys::KeyRing::generate().current(keys::Purpose::Mac);
    std::string prev(32, '\0');
    for (auto _ : state)
        benchmark::DoNotOptimize(prev = audit::entry_mac(key.secret, prev, 7, 1796460275694, sample_entry(), before_json, after_json));
}
BENCHMARK(AuditEntryMac);

static void AuditVerifyKeyedChain(benchmark::State& state)
{
    crypto::init();
    auto key = keys::KeyRing::generate().current(keys::Purpose::Mac);
    std::vector<audit::StoredEntry> chain;
    std::string prev(32, '\0');
    for (int64_t seq = 1; seq <= state.range(0); ++seq) {
        audit::StoredEntry s { seq, 1796460275694 + seq, sample_entry(), before_json, after_json, prev, {}, 1 };
        s.hash = audit::entry_mac(key.secret, prev, seq, s.at, s.entry, before_json, after_json);
        prev = s.hash;
        chain.push_back(std::move(s));
    }
    for (auto _ : state) {
        audit::ChainChecker checker(1001, { state.range(0), prev, 1 }, 1, [&](int) { return std::optional(key.secret); }, {}, std::nullopt);
        for (auto& s : chain)
            checker.feed(s);
        benchmark::DoNotOptimize(checker.finish());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(AuditVerifyKeyedChain)->Arg(10000)->Unit(benchmark::kMillisecond);
