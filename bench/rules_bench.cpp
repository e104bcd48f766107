// Micro-benchmarks of the pure rules on the hot paths: name sort keys (every person write),
// search folding, and parsing a 30,000-row roster.
#include "core/text.hpp"
#include "i18n/collation.hpp"
#include "modules/people/csv.hpp"
#include "modules/people/roster.hpp"
#include <benchmark/benchmark.h>

using namespace kenes;

static void NameSortKeyKazakh(benchmark::State& state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(collation::name_sort_key(Lang::Kk, "Сәрсенова", "Әлия", "Ерланқызы"));
}
BENCHMARK(NameSortKeyKazakh);

static void SearchFold(benchmark::State& state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(text::search_fold("Сәрсенова Әлия Ерланқызы S-2026-0001"));
}
BENCHMARK(SearchFold);

static std::string roster_csv(int rows)
{
    std::string s = "Студенттік нөмір;Тегі;Аты;Әкесінің аты;Туған күні;Топ;Курс;Ата-ананың тегі;Ата-ананың аты\n";
    for (int i = 0; i < rows; ++i)
        s += "S-" + std::to_string(100000 + i) + ";Сәрсенова;Әлия;Ерланқызы;12.05.2007;ИС-" + std::to_string(i % 40) + ";2;Сәрсенов;Ерлан\n";
    return s;
}

static void ParseRoster30k(benchmark::State& state)
{
    std::string csv_text = roster_csv(30000);
    for (auto _ : state) {
        auto decoded = people::csv::decode(csv_text);
        auto records = people::csv::parse(decoded->text, people::csv::detect_delimiter(decoded->text));
        auto mapping = people::roster::suggest_mapping(records.value()[0].fields);
        auto parsed = people::roster::parse_rows(records.value(), mapping);
        benchmark::DoNotOptimize(parsed.rows.size());
    }
    state.SetItemsProcessed(state.iterations() * 30000);
}
BENCHMARK(ParseRoster30k)->Unit(benchmark::kMillisecond);
