// The hostel's ranking (HST-PRI-1..3) and allocation (HST-PAID-1, HST-RES-1) of 10,000 applicants:
// the target is under 50 ms for the whole list.
#include "modules/hostel/allocation_rules.hpp"
#include <benchmark/benchmark.h>
#include <random>

using namespace kenes::hostel::rules;

static std::vector<Applicant> applicants(int n)
{
    std::mt19937 rng(11);
    std::vector<Applicant> out;
    out.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        Applicant a;
        a.id = i + 1;
        a.group = 1 + int(rng() % 5);
        for (int s = 0; s < int(rng() % 3); ++s)
            a.subgroups.push_back(Subgroup(rng() % 7));
        a.grade = 7 + int(rng() % 6);
        a.registered_at = 1'780'000'000'000 + int64_t(rng() % 2'000'000'000);
        a.wants_paid = rng() % 3 == 0;
        out.push_back(std::move(a));
    }
    return out;
}

static void HostelRankAndAllocate(benchmark::State& state)
{
    auto list = applicants(int(state.range(0)));
    for (auto _ : state) {
        auto ranked = rank(list);
        benchmark::DoNotOptimize(allocate(ranked, list, 600, 150));
    }
}
BENCHMARK(HostelRankAndAllocate)->Arg(10000)->Unit(benchmark::kMillisecond);
