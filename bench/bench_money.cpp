// Google Benchmark for the money path: parsing the case format's decimal strings, formatting, pro-rating.
// Run on demand (see README "Benchmarks"); never part of the test command.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "redress/money.hpp"

namespace {

const std::vector<std::string> kAmounts = {"600", "2907.69", "£1,800.00", "250", "4800", "1500.5", "12,319"};

void BM_MoneyParse(benchmark::State& state) {
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(redress::Money::parse(kAmounts[i++ % kAmounts.size()]));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MoneyParse);

void BM_MoneyFormat(benchmark::State& state) {
  const redress::Money amount = redress::Money::parse("1234567.89");
  for (auto _ : state) benchmark::DoNotOptimize(amount.format());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MoneyFormat);

void BM_MoneyProRate(benchmark::State& state) {
  const redress::Money term = redress::Money::parse("1600");
  const redress::Fraction weeks(7, 13);
  for (auto _ : state) benchmark::DoNotOptimize(term.multiply(weeks, redress::Rounding::pound));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MoneyProRate);

}  // namespace
