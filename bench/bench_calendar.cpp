// Google Benchmark for the calendar layer's C++ calls: scalar and array working-day arithmetic, school days,
// statutory months. Run on demand (README "Benchmarks").
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <vector>

#include "redress/calendar.hpp"

namespace {

using redress::Calendar;
using redress::Date;

std::vector<Date> random_dates(std::size_t n) {
  std::mt19937 rng(20261122);
  std::uniform_int_distribution<int> day(0, 36000);
  std::vector<Date> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(Date(1995, 1, 1) + boost::gregorian::date_duration(day(rng)));
  return out;
}

void BM_AddWorkingDaysScalar(benchmark::State& state) {
  const Calendar calendar = Calendar::england_and_wales();
  const auto dates = random_dates(4096);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.add_working_days(dates[i++ & 4095], 15));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AddWorkingDaysScalar);

void BM_AddWorkingDaysArray(benchmark::State& state) {
  const Calendar calendar = Calendar::england_and_wales();
  const auto n = static_cast<std::size_t>(state.range(0));
  std::vector<std::int64_t> days, offsets(n), out(n);
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::int64_t> offset(-60, 60);
  for (Date d : random_dates(n)) days.push_back((d - Date(1970, 1, 1)).days());
  for (auto& k : offsets) k = offset(rng);
  for (auto _ : state) {
    calendar.add_working_days(days.data(), offsets.data(), out.data(), n);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AddWorkingDaysArray)->Arg(1 << 20);

void BM_WorkingDaysBetween(benchmark::State& state) {
  const Calendar calendar = Calendar::england_and_wales();
  const auto dates = random_dates(4096);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(calendar.working_days_between(dates[i & 4095], dates[(i + 1) & 4095]));
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WorkingDaysBetween);

void BM_SchoolDaysInclusive(benchmark::State& state) {
  const redress::SchoolCalendar school = redress::SchoolCalendar::default_calendar();
  const auto dates = random_dates(4096);
  std::size_t i = 0;
  for (auto _ : state) {
    Date a = dates[i & 4095];
    benchmark::DoNotOptimize(school.school_days_inclusive(a, a + boost::gregorian::date_duration(90)));
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SchoolDaysInclusive);

void BM_AddMonths(benchmark::State& state) {
  const auto dates = random_dates(4096);
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(redress::add_months(dates[i++ & 4095], 3));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AddMonths);

}  // namespace
